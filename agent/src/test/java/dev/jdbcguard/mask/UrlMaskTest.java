package dev.jdbcguard.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UrlMaskTest {

    @Test
    void userInfoPasswordIsMaskedAndUserKept() {
        String masked = UrlMask.mask("jdbc:mysql://user:s3cr3t@host:3306/db");

        assertThat(masked).isEqualTo("jdbc:mysql://user:***@host:3306/db");
        assertThat(masked).doesNotContain("s3cr3t");
    }

    @Test
    void passwordQueryParameterIsMaskedAndOtherParametersKept() {
        String masked = UrlMask.mask("jdbc:mysql://host:3306/db?user=a&password=s3cr3t&connectTimeout=1");

        assertThat(masked).isEqualTo("jdbc:mysql://host:3306/db?user=a&password=***&connectTimeout=1");
        assertThat(masked).doesNotContain("s3cr3t");
    }

    @Test
    void passwordAsFirstQueryParameterIsMasked() {
        String masked = UrlMask.mask("jdbc:mariadb://host/db?password=s3cr3t&user=a");

        assertThat(masked).isEqualTo("jdbc:mariadb://host/db?password=***&user=a");
    }

    @Test
    void keysThatContainPasswordAreMasked() {
        String masked = UrlMask.mask("jdbc:mysql://host/db?trustCertificateKeyStorePassword=s3cr3t&useSSL=true");

        assertThat(masked).isEqualTo("jdbc:mysql://host/db?trustCertificateKeyStorePassword=***&useSSL=true");
        assertThat(masked).doesNotContain("s3cr3t");
    }

    @Test
    void anyKeyContainingPasswordIsMasked_evenNonSecretOnes() {
        // Masking is by the name alone, so a harmless key such as passwordCharacterEncoding is masked too.
        String masked = UrlMask.mask("jdbc:mysql://host/db?passwordCharacterEncoding=UTF-8&useSSL=true");

        assertThat(masked).isEqualTo("jdbc:mysql://host/db?passwordCharacterEncoding=***&useSSL=true");
    }

    @Test
    void keyValueHostFormPasswordIsMasked() {
        String masked = UrlMask.mask("jdbc:mysql://(host=h,port=3306,user=u,password=s3cr3t)/db");

        assertThat(masked).isEqualTo("jdbc:mysql://(host=h,port=3306,user=u,password=***)/db");
        assertThat(masked).doesNotContain("s3cr3t");
    }

    @Test
    void urlWithoutSecretsIsUnchanged() {
        String url = "jdbc:mysql://user@host:3306/db?useSSL=false&connectTimeout=1000";

        assertThat(UrlMask.mask(url)).isEqualTo(url);
    }

    @Test
    void nullIsUnknown() {
        assertThat(UrlMask.mask(null)).isEqualTo("unknown");
    }

    // The forms issue 21 found shown in part.

    @Test
    void anAtInTheUserInfoPasswordIsHiddenToTheLastAt() {
        assertThat(UrlMask.mask("jdbc:mysql://u:p@ss@h/db")).isEqualTo("jdbc:mysql://u:***@h/db");
    }

    @Test
    void aQueryPasswordWithCommaSemicolonOrParenthesisIsHiddenWhole() {
        for (String special : new String[] {",", ";", ")", "(", "=", "%", " ", ":", "@"}) {
            assertThat(UrlMask.mask("jdbc:mysql://h/db?password=ab" + special + "cd&useSSL=true"))
                    .as(special).isEqualTo("jdbc:mysql://h/db?password=***&useSSL=true");
        }
    }

    @Test
    void everyHostOfAMultiHostUrlHasItsPasswordHidden() {
        assertThat(UrlMask.mask("jdbc:mysql://u:pw1@h1,u2:pw2@h2/db")).isEqualTo("jdbc:mysql://u:***@h1,u2:***@h2/db");
    }

    @Test
    void everySecretNameIsMaskedInAnyCase() {
        for (String key : new String[] {"pass", "PASSWORD", "passwd", "pwd", "clientSecret", "token", "apiKey",
                "credentials", "keyStorePassword", "pass%77ord", "PaSs"}) {
            assertThat(UrlMask.mask("jdbc:mariadb://h/db?" + key + "=zq9&useSsl=true"))
                    .as(key).isEqualTo("jdbc:mariadb://h/db?" + key + "=***&useSsl=true");
        }
    }

    @Test
    void piecesAfterASecretThatAreNoOptionAreHiddenWithIt() {
        assertThat(UrlMask.mask("jdbc:mysql://h/db?password=ab&cd&x y=z&useSSL=false"))
                .isEqualTo("jdbc:mysql://h/db?password=***&useSSL=false");
    }

    @Test
    void aOneLetterNameAfterASecretIsTakenAsPartOfIt() {
        // No driver option has a one-letter name: a password 'ab&c=d' is more likely than an option 'c'.
        assertThat(UrlMask.mask("jdbc:mysql://h/db?password=ab&c=d&useSSL=true"))
                .isEqualTo("jdbc:mysql://h/db?password=***&useSSL=true");
    }

    @Test
    void anAmpersandFollowedByAnOptionNameEndsTheSecretAsForTheDriver() {
        // Connector/J and MariaDB both read option 'abc' here; the password they use is 'x'.
        assertThat(UrlMask.mask("jdbc:mysql://h/db?password=x&abc=d")).isEqualTo("jdbc:mysql://h/db?password=***&abc=d");
    }

    @Test
    void everyHostFormOfBothDriversIsMaskedAndKeepsItsHosts() {
        String[][] cases = {
            {"jdbc:mysql://h1,h2/db", "jdbc:mysql://h1,h2/db"},
            {"jdbc:mysql://address=(host=h)(port=3306)(user=u)(password=p)/db",
                "jdbc:mysql://address=(host=h)(port=3306)(user=u)(password=***)/db"},
            {"jdbc:mysql://[u:p@h1,(host=h2,password=p)]/db", "jdbc:mysql://[u:***@h1,(host=h2,password=***)]/db"},
            {"jdbc:mysql://u:p@[h1:3306,h2:3307]/db", "jdbc:mysql://u:***@[h1:3306,h2:3307]/db"},
            {"jdbc:mysql:replication://u:p@h1:3306,h2:3307/db?x=1", "jdbc:mysql:replication://u:***@h1:3306,h2:3307/db?x=1"},
            {"jdbc:mysql:loadbalance://app:p@h1,app:p@h2/db", "jdbc:mysql:loadbalance://app:***@h1,app:***@h2/db"},
            {"jdbc:mysql+srv://u:p@_mysql._tcp.example.com/db", "jdbc:mysql+srv://u:***@_mysql._tcp.example.com/db"},
            {"mysqlx://u:p@[(address=h1:33060,priority=100),(address=h2,priority=90)]/db",
                "mysqlx://u:***@[(address=h1:33060,priority=100),(address=h2,priority=90)]/db"},
            {"jdbc:mariadb://h/db?user=u&password=p", "jdbc:mariadb://h/db?user=u&password=***"},
            {"jdbc:mariadb:replication://h1,h2/db?user=u&password=p", "jdbc:mariadb:replication://h1,h2/db?user=u&password=***"},
            {"jdbc:mariadb:sequential://address=(host=h)(port=3306)(type=primary),address=(host=h2)(type=replica)/db?password=p",
                "jdbc:mariadb:sequential://address=(host=h)(port=3306)(type=primary),address=(host=h2)(type=replica)/db?password=***"},
            {"jdbc:mariadb:loadbalance://address=(localSocket=/tmp/my.sock)/db?password=p",
                "jdbc:mariadb:loadbalance://address=(localSocket=/tmp/my.sock)/db?password=***"},
            {"jdbc:mysql://[::1]:3306/db", "jdbc:mysql://[::1]:3306/db"},
            {"jdbc:mysql://u:p@/db", "jdbc:mysql://u:***@/db"},
            {"jdbc:sqlserver://h:1433;user=u;password=p;database=x", "jdbc:sqlserver://h:1433;user=u;password=***;database=x"},
            {"jdbc:oracle:thin:scott/tiger@//h:1521/s", "jdbc:oracle:thin:***@//h:1521/s"},
        };
        for (String[] c : cases) {
            assertThat(UrlMask.mask(c[0])).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void aRawSlashQuestionMarkOrHashInAPasswordBreaksTheUrlAndHidesTheHostsToo() {
        // Both drivers end the hosts there; what follows no longer reads as database or options.
        assertThat(UrlMask.mask("jdbc:mysql://u:a/b@h/db")).isEqualTo("jdbc:mysql://***/***");
        assertThat(UrlMask.mask("jdbc:mysql://u:a?b@h/db")).isEqualTo("jdbc:mysql://***?***");
        assertThat(UrlMask.mask("jdbc:mysql://u:a#b@h/db")).isEqualTo("jdbc:mysql://***#***");
        assertThat(UrlMask.mask("jdbc:mysql://u:1/b@h/db")).isEqualTo("jdbc:mysql://***/***");
    }

    @Test
    void firstHostIsReadFromEveryForm() {
        assertThat(UrlMask.firstHost("jdbc:mysql://u:p@ss@h:3307/db")).isEqualTo("h:3307");
        assertThat(UrlMask.firstHost("jdbc:mysql://address=(host=h)(port=3308)(password=p)/db")).isEqualTo("h:3308");
        assertThat(UrlMask.firstHost("jdbc:mysql://(host=h,port=3309,password=a,b)/db")).isEqualTo("h:3309");
        assertThat(UrlMask.firstHost("jdbc:mysql://[u:p@h1,(host=h2)]/db")).isEqualTo("h1");
        assertThat(UrlMask.firstHost("jdbc:mysql://[::1]:3306/db")).isEqualTo("[::1]:3306");
        assertThat(UrlMask.firstHost("jdbc:mysql:///db")).isEmpty();
    }

    // Generated passwords: letters never two in a row, so no run of them reads as an option name.

    private static final String LETTERS = "QXZJVKWYqxzjvkwy0123456789";
    private static final String SPECIALS = "@,;)(&=%: ";

    static List<String> passwords(long seed, String specials, int count) {
        Random random = new Random(seed);
        List<String> passwords = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < 21; i++) {
                String from = i % 2 == 0 ? LETTERS : specials;
                p.append(from.charAt(random.nextInt(from.length())));
            }
            passwords.add(p.toString());
        }
        return passwords;
    }

    private static String encoded(String password) {
        try {
            return URLEncoder.encode(password, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void generatedPasswordsAreHiddenInEveryFormRawAndPercentEncoded() {
        int checked = 0;
        for (String pw : passwords(Long.getLong("seed", 21), SPECIALS, Integer.getInteger("count", 300))) {
            String other = new StringBuilder(pw).reverse().toString();
            for (String p : new String[] {pw, encoded(pw)}) {
                String q = p.equals(pw) ? other : encoded(other);
                String queryPw = p.equals(pw) ? pw.replace("&", "") : p; // no driver reads a raw & in a query value
                String[][] cases = {
                    {"jdbc:mysql://app:" + p + "@db.example.com:3306/shop?useSSL=false",
                        "jdbc:mysql://app:***@db.example.com:3306/shop?useSSL=false"},
                    {"jdbc:mysql://app:" + p + "@db1:3306,ops:" + q + "@db2:3307/shop",
                        "jdbc:mysql://app:***@db1:3306,ops:***@db2:3307/shop"},
                    {"jdbc:mysql:replication://app:" + p + "@db1:3306,app:" + q + "@db2:3307/shop?x=1",
                        "jdbc:mysql:replication://app:***@db1:3306,app:***@db2:3307/shop?x=1"},
                    {"jdbc:mysql://h1:1,app:" + p + "@db2/shop", "jdbc:mysql://h1:1,app:***@db2/shop"},
                    {"jdbc:mysql://(host=db,port=3306,user=app,password=" + p + ")/shop",
                        "jdbc:mysql://(host=db,port=3306,user=app,password=***)/shop"},
                    {"jdbc:mysql://(host=db,password=" + p + ",port=3306)/shop",
                        "jdbc:mysql://(host=db,password=***,port=3306)/shop"},
                    {"jdbc:mysql://address=(host=db)(port=3306)(user=app)(password=" + p + ")/shop",
                        "jdbc:mysql://address=(host=db)(port=3306)(user=app)(password=***)/shop"},
                    {"jdbc:mysql://address=(host=db)(password=" + p + ")(port=3306),address=(host=db2)/shop",
                        "jdbc:mysql://address=(host=db)(password=***)(port=3306),address=(host=db2)/shop"},
                    {"jdbc:mysql://[app:" + p + "@db1,(host=db2,password=" + q + ")]/shop",
                        "jdbc:mysql://[app:***@db1,(host=db2,password=***)]/shop"},
                    {"jdbc:mysql://db/shop?user=app&password=" + queryPw + "&useSSL=false",
                        "jdbc:mysql://db/shop?user=app&password=***&useSSL=false"},
                    {"jdbc:mariadb:sequential://address=(host=db)(port=3306)(type=primary)/shop?password=" + queryPw,
                        "jdbc:mariadb:sequential://address=(host=db)(port=3306)(type=primary)/shop?password=***"},
                    {"jdbc:mariadb:loadbalance://db1,db2/shop?token=" + queryPw + "&user=app",
                        "jdbc:mariadb:loadbalance://db1,db2/shop?token=***&user=app"},
                    {"mysqlx://app:" + p + "@[(address=db1:33060,priority=100),(address=db2,priority=90)]/shop",
                        "mysqlx://app:***@[(address=db1:33060,priority=100),(address=db2,priority=90)]/shop"},
                };
                for (String[] c : cases) {
                    assertThat(UrlMask.mask(c[0])).as(c[0]).isEqualTo(c[1]);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(Integer.getInteger("count", 300) * 2 * 13);
    }

    @Test
    void maskingIsIdempotent() {
        for (String pw : passwords(7, SPECIALS, 50)) {
            String once = UrlMask.mask("jdbc:mysql://app:" + pw + "@db1:3306,(host=db2,password=" + pw + ")/shop?password="
                    + pw.replace("&", ""));
            assertThat(UrlMask.mask(once)).isEqualTo(once);
        }
    }

    @Test
    void hostileUrlsAreMaskedQuicklyAndNeverThrow() {
        StringBuilder commas = new StringBuilder("jdbc:mysql://");
        StringBuilder ats = new StringBuilder("jdbc:mysql://u:");
        StringBuilder nested = new StringBuilder("jdbc:mysql://");
        for (int i = 0; i < 2_000; i++) {
            commas.append("a,");
            ats.append("@x,");
            nested.append('[');
        }
        long start = System.nanoTime();
        for (String url : new String[] {commas.toString(), ats + "@h/db", nested + "h/db", repeat("(", 5_000) + "//",
                "jdbc:mysql://" + repeat("x", 20_000), "jdbc:mysql://h/db?" + repeat("password=&", 3_000)}) {
            assertThat(UrlMask.mask(url)).isNotNull();
            assertThat(UrlMask.firstHost(url)).isNotEqualTo("u");
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }

    private static String repeat(String s, int times) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < times; i++) {
            b.append(s);
        }
        return b.toString();
    }
}
