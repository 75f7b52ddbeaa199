package dev.jdbcguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.UrlFormsApp;
import dev.jdbcguard.attach.CliAccess;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every URL form both drivers accept, each with its own server account whose password holds
 * {@code @ , ; ) ( & = % :} and spaces: a real program connects in each form with the agent at
 * {@code log=debug}, heals and gets a diagnosis; its log, {@code status}, {@code status --json}
 * and every attribute of the JMX bean hold no run of 4 characters of any password, raw or
 * percent-encoded. The passwords alternate rare capitals with specials, so any 4 characters of
 * one hold two capitals among specials: text the agent would never write by chance.
 */
class UrlFormSecretsTest {

    private static final String RARE = "QXZJVKWY";
    private static final String SPECIALS = "@,;)(&=%: ";
    /** MariaDB splits its query at every {@code &} and decodes nothing: no {@code &} can reach it in a URL. */
    private static final String MARIADB_SPECIALS = "@,;)(=%: ";
    private static final String CONNECTOR_J_OPTIONS = "sslMode=DISABLED&allowPublicKeyRetrieval=true";

    private final TestServer server = TestServers.shared();
    private final Random random = new Random(21);
    private final List<String> passwords = new ArrayList<>();

    @Test
    void noPasswordOfAnyUrlFormShowsInTheLogStatusOrJmx() throws Exception {
        String h = server.host();
        int p = server.port();
        String db = "/" + TestServer.DATABASE;
        List<String> urls = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        // Connector/J percent-decodes user-info, host blocks and query values: it needs @ , ( ) & % encoded.
        urls.add("heal:jdbc:mysql://" + cj("h21_cj_userinfo") + "@" + h + ":" + p + db + "?" + CONNECTOR_J_OPTIONS);
        urls.add("heal:jdbc:mysql://" + h + ":" + p + db + "?user=h21_cj_query&password=" + cjPassword("h21_cj_query")
                + "&" + CONNECTOR_J_OPTIONS);
        urls.add("heal:jdbc:mysql://(host=" + h + ",port=" + p + ",user=h21_cj_block,password=" + cjPassword("h21_cj_block")
                + ")" + db + "?" + CONNECTOR_J_OPTIONS);
        urls.add("heal:jdbc:mysql://address=(host=" + h + ")(port=" + p + ")(user=h21_cj_address)(password="
                + cjPassword("h21_cj_address") + ")" + db + "?" + CONNECTOR_J_OPTIONS);
        urls.add("jdbc:mysql://" + cj("h21_cj_first") + "@" + h + ":1," + cj("h21_cj_second") + "@" + h + ":" + p + db
                + "?" + CONNECTOR_J_OPTIONS + "&connectTimeout=2000");
        urls.add("jdbc:mysql://" + cj("h21_cj_list") + "@[" + h + ":" + p + ",(host=localhost,port=" + p + ")]" + db + "?"
                + CONNECTOR_J_OPTIONS);
        String lb = cj("h21_cj_lb");
        urls.add("jdbc:mysql:loadbalance://" + lb + "@" + h + ":" + p + "," + lb + "@localhost:" + p + db + "?"
                + CONNECTOR_J_OPTIONS);
        String replication = cj("h21_cj_repl");
        urls.add("jdbc:mysql:replication://" + replication + "@" + h + ":" + p + "," + replication + "@localhost:" + p + db
                + "?" + CONNECTOR_J_OPTIONS);
        expected.add("h21_cj_userinfo");
        expected.add("h21_cj_query");
        expected.add("h21_cj_block");
        expected.add("h21_cj_address");
        expected.add("h21_cj_second");
        expected.add("h21_cj_list");
        expected.add("h21_cj_lb");
        expected.add("h21_cj_repl");
        // MariaDB reads options from the query only, as written: raw passwords, no &.
        urls.add("heal:jdbc:mariadb://" + h + ":" + p + db + "?user=h21_ma_query&password=" + maPassword("h21_ma_query"));
        urls.add("heal:jdbc:mariadb://address=(host=" + h + ")(port=" + p + ")(type=primary)" + db
                + "?user=h21_ma_address&password=" + maPassword("h21_ma_address"));
        urls.add("jdbc:mariadb:sequential://" + h + ":1," + h + ":" + p + db + "?user=h21_ma_seq&password="
                + maPassword("h21_ma_seq") + "&connectTimeout=2000");
        urls.add("jdbc:mariadb:loadbalance://" + h + ":" + p + ",localhost:" + p + db + "?user=h21_ma_lb&password="
                + maPassword("h21_ma_lb"));
        urls.add("jdbc:mariadb:replication://" + h + ":" + p + ",localhost:" + p + db + "?user=h21_ma_repl&password="
                + maPassword("h21_ma_repl"));
        expected.add("h21_ma_query");
        expected.add("h21_ma_address");
        expected.add("h21_ma_seq");
        expected.add("h21_ma_lb");
        expected.add("h21_ma_repl");
        // Raw user-info for Connector/J: taken when the password happens to hold no @ or % and its commas sit inside
        // brackets; with an @ and a % it is always refused (the driver's message then echoes the URL). MariaDB
        // reads no user-info at all. The agent sees all three.
        urls.add("jdbc:mysql://h21_cj_raw:" + account("h21_cj_raw", SPECIALS) + "@" + h + ":" + p + db + "?"
                + CONNECTOR_J_OPTIONS);
        urls.add("jdbc:mysql://h21_cj_bad:" + account("h21_cj_bad", "@%") + "@" + h + ":" + p + db + "?" + CONNECTOR_J_OPTIONS);
        urls.add("jdbc:mariadb://h21_ma_userinfo:" + account("h21_ma_userinfo", MARIADB_SPECIALS) + "@" + h + ":" + p + db);

        List<String> outputs = new ArrayList<>();
        ChildJvm.Result app = Apps.withAgent("log=debug").onLine(line -> {
            if (line.startsWith("ready pid ")) {
                String pid = line.substring("ready pid ".length());
                try {
                    outputs.add(CliAccess.run("status", pid));
                    outputs.add(CliAccess.run("status", pid, "--json"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }).run(UrlFormsApp.class, urls.toArray(new String[0]));
        outputs.add(app.output);
        String everything = String.join("\n", outputs);

        assertThat(app.exitCode).as(app.output).isZero();
        assertThat(app.output).contains("done");
        for (int i = 0; i < expected.size(); i++) {
            assertThat(app.output).as("form " + i + ": " + expected.get(i)).contains("form " + i + ": connected as " + expected.get(i) + "@");
        }
        assertThat(app.output).contains("form " + expected.size() + ": ").contains("form " + (expected.size() + 1) + ": refused")
                .contains("form " + (expected.size() + 2) + ": refused");
        assertThat(everything).as("the run did exercise the outputs").contains("[DEBUG] jdbc-guard").contains("healed connection #")
                .contains("JMX Connections: [").contains("JMX CreationStacks: ").contains("\"connections\":[")
                .contains("password=***").contains("h21_cj_userinfo:***@").contains("(password=***)");
        assertThat(outputs.get(0)).contains("URL");
        for (String password : passwords) {
            for (String form : new String[] {password, URLEncoder.encode(password, StandardCharsets.UTF_8)}) {
                for (int i = 0; i + 4 <= form.length(); i++) {
                    String run = form.substring(i, i + 4);
                    assertThat(everything).as("4 characters of a password: " + run).doesNotContain(run);
                }
            }
        }
    }

    /** {@code user:password} as Connector/J's user-info takes it: percent-encoded. */
    private String cj(String user) throws SQLException {
        return user + ":" + cjPassword(user);
    }

    private String cjPassword(String user) throws SQLException {
        return URLEncoder.encode(account(user, SPECIALS), StandardCharsets.UTF_8);
    }

    private String maPassword(String user) throws SQLException {
        return account(user, MARIADB_SPECIALS);
    }

    /** Creates the server account with a new generated password and returns the password. */
    private String account(String user, String specials) throws SQLException {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            String from = i % 2 == 0 ? RARE : specials;
            password.append(from.charAt(random.nextInt(from.length())));
        }
        passwords.add(password.toString());
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            for (String host : new String[] {"localhost", "127.0.0.1", "%"}) {
                String account = "'" + user + "'@'" + host + "'";
                s.execute("DROP USER IF EXISTS " + account);
                s.execute("CREATE USER " + account + " IDENTIFIED BY '" + password + "'");
                s.execute("GRANT ALL ON " + TestServer.DATABASE + ".* TO " + account);
            }
        }
        return password.toString();
    }
}
