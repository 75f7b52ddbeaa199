package dev.jdbcguard.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte scan every loaded class passes answers exactly what a plain search answers. */
class MentionsTest {

    private static final JdbcTransformer.Needle JAVA_SQL = new JdbcTransformer.Needle("java/sql/");

    @Test
    void findsTheTextAtTheStartTheEndAndInBetweenAndNothingElse() {
        assertThat(JdbcTransformer.mentions(bytes("java/sql/"), JAVA_SQL)).isTrue();
        assertThat(JdbcTransformer.mentions(bytes("xxjava/sql/"), JAVA_SQL)).isTrue();
        assertThat(JdbcTransformer.mentions(bytes("java/sql/Connection"), JAVA_SQL)).isTrue();
        assertThat(JdbcTransformer.mentions(bytes("jjava/sqjava/sql/x"), JAVA_SQL)).isTrue();
        assertThat(JdbcTransformer.mentions(bytes("java/sql"), JAVA_SQL)).isFalse();
        assertThat(JdbcTransformer.mentions(bytes("java/sq/java/sq"), JAVA_SQL)).isFalse();
        assertThat(JdbcTransformer.mentions(bytes(""), JAVA_SQL)).isFalse();
        assertThat(JdbcTransformer.mentions(bytes("avajava/sql"), JAVA_SQL)).isFalse();
    }

    @Test
    void agreesWithAPlainSearchOnRandomBytesMadeOfTheTextsLetters() {
        Random random = new Random(20261206);
        byte[] alphabet = bytes("java/sqlJ\u0001\u00ff");
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = alphabet[random.nextInt(alphabet.length)];
            }
            if (random.nextInt(10) == 0 && bytes.length >= 9) {
                System.arraycopy(bytes("java/sql/"), 0, bytes, random.nextInt(bytes.length - 8), 9);
            }
            boolean plain = new String(bytes, StandardCharsets.ISO_8859_1).contains("java/sql/");
            assertThat(JdbcTransformer.mentions(bytes, JAVA_SQL)).as(new String(bytes, StandardCharsets.ISO_8859_1))
                    .isEqualTo(plain);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
