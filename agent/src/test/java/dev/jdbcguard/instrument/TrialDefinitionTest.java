package dev.jdbcguard.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The safety net: a woven class the JVM would not verify is replaced by the original bytes. */
class TrialDefinitionTest {

    private final ClassLoader loader = TrialDefinitionTest.class.getClassLoader();

    @Test
    void aClassThatVerifiesWovenIsWoven() {
        byte[] original = SlotReuse.statement();

        byte[] woven = new JdbcTransformer(null).transform(loader, SlotReuse.STATEMENT, null, null, original);

        assertThat(woven).isNotNull().isNotEqualTo(original);
        assertThat(TrialDefinition.refusal(SlotReuse.STATEMENT, woven, loader, null, new Hierarchy(null))).isNull();
    }

    @Test
    void aClassTheVerifierRefusesIsLeftUnwovenWithOneLineNamingIt() {
        byte[] original = SlotReuse.unverifiable();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(err, true));
        byte[] woven;
        try {
            woven = new JdbcTransformer(null).transform(loader, SlotReuse.BROKEN, null, null, original);
        } finally {
            System.setErr(before);
        }

        assertThat(woven).isNull();
        assertThat(err.toString()).containsOnlyOnce("left org.example.odd.UnverifiableStatement unwoven")
                .contains("VerifyError");
    }

    @Test
    void theProjectsTestedDriversAreNotTriedTwice() {
        assertThat(TrialDefinition.needed("com/mysql/cj/jdbc/ConnectionImpl")).isFalse();
        assertThat(TrialDefinition.needed("org/mariadb/jdbc/Connection")).isFalse();
        assertThat(TrialDefinition.needed("org/h2/jdbc/JdbcConnection")).isTrue();
    }
}
