package dev.jdbcguard.mask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Free text: driver messages and log lines that may quote a URL or a secret option. */
class TextMaskTest {

    @Test
    void connectorJsEchoesOfAUrlItCouldNotParseAreHidden() {
        for (String password : UrlMaskTest.passwords(3, "@,;)(&=%: ", 50)) {
            String[] messages = {
                "Malformed database URL, failed to parse the URL authority segment 'app:" + password + "@h'.",
                "Malformed database URL, failed to parse the connection string near 'password=" + password + "&x=1'.",
                "Failed to parse the host:port pair 'app:" + password + "'.",
                "Connector/J cannot handle a connection string 'jdbc:mysql://app:" + password + "@h/db'.",
                "Illegal connection port value '" + password + "'",
            };
            for (String message : messages) {
                assertThat(TextMask.mask(message)).as(message).contains("'***'").doesNotContain(password.substring(0, 5));
            }
        }
    }

    @Test
    void mariaDbsEchoesOfAUrlItCouldNotParseAreHidden() {
        assertThat(TextMask.mask("Incorrect port value : p@ss@h")).isEqualTo("Incorrect port value : ***");
        assertThat(TextMask.mask("error parsing url: Invalid connection URL, expected key=value pairs, found (password=a=b)"))
                .isEqualTo("error parsing url: ***");
        assertThat(TextMask.mask("url parsing error : '//' is not present in the url jdbc:mariadb:u:s3cr3t@h"))
                .doesNotContain("s3cr3t");
    }

    @Test
    void aUrlInProseIsMaskedAndTheProseAfterItKept() {
        assertThat(TextMask.mask("could not connect to jdbc:mysql://u:pw@h/db: refused"))
                .isEqualTo("could not connect to jdbc:mysql://u:***@h/db: refused");
        assertThat(TextMask.mask("cannot use 'jdbc:mysql://u:p w@h/db' now")).isEqualTo("cannot use 'jdbc:mysql://u:***@h/db' now");
        assertThat(TextMask.mask("url jdbc:mariadb://h/db?user=u&password=a b c"))
                .isEqualTo("url jdbc:mariadb://h/db?user=u&password=***");
    }

    @Test
    void aPasswordWithSpacesInAUrlInProseIsHiddenWhole() {
        assertThat(TextMask.mask("opening jdbc:mysql://u:a b c@h:3306/db failed"))
                .isEqualTo("opening jdbc:mysql://u:***@h:3306/db failed");
    }

    @Test
    void secretOptionsInProseAreHiddenToTheNextOption() {
        assertThat(TextMask.mask("set apiKey=abc def, user=x")).isEqualTo("set apiKey=***, user=x");
        assertThat(TextMask.mask("with password='a b' given")).isEqualTo("with password='***' given");
        assertThat(TextMask.mask("token = abc")).isEqualTo("token = ***");
    }

    @Test
    void everyLineOfAMessageIsMasked() {
        assertThat(TextMask.mask("first password=a\nsecond jdbc:mysql://u:b@h/db\nthird"))
                .isEqualTo("first password=***\nsecond jdbc:mysql://u:***@h/db\nthird");
    }

    @Test
    void theAgentsOwnLinesAndDriverMessagesWithoutSecretsAreUnchanged() {
        String[] lines = {
            "connection #3 (server thread 12) failed on thread main: idle past wait_timeout: idle 3.0 s > wait_timeout 2 s"
                    + " (the server closes sessions idle longer than that) [SQLNonTransientConnectionException 08000]",
            "Access denied for user 'guard'@'localhost' (using password: YES)",
            "started (-javaagent): validateAfter=2s,pingTimeout=2s,reconnectTimeout=10s,heal=on,log=info,threads=warn",
            "connecting to 127.0.0.1:1 failed on thread main: network cut or server unreachable: connection refused by"
                    + " 127.0.0.1:1 [SQLNonTransientConnectionException 08000]",
            "Socket fail to connect to address=(host=127.0.0.1)(port=1)(type=primary). Connection refused",
            "woven com.mysql.cj.jdbc.ConnectionImpl",
            "option 'validateAfter' is not key=value; valid options: validateAfter, pingTimeout",
            "connection #1 is dead (the driver is not a standard client (HA URLs reconnect by themselves)); driver x",
            "",
        };
        for (String line : lines) {
            assertThat(TextMask.mask(line)).isEqualTo(line);
        }
        assertThat(TextMask.mask(null)).isNull();
    }

    @Test
    void maskedTextIsMaskedAlike() {
        String once = TextMask.mask("a jdbc:mysql://u:p@h/db?password=x&useSSL=true url 'u:p@h' and token=abc");
        assertThat(TextMask.mask(once)).isEqualTo(once);
    }

    @Test
    void hostileLinesCostLinearTime() {
        String[] units = {" ", "password=", "password=&", "jdbc:", "jdbc:mysql://u:p@", "a=", "url '", "(", "@,"};
        long start = System.nanoTime();
        for (String unit : units) {
            StringBuilder line = new StringBuilder();
            while (line.length() < 200_000) {
                line.append(unit);
            }
            assertThat(TextMask.mask(line.toString())).isNotNull();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }
}
