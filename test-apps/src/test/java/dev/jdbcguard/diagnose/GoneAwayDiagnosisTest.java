package dev.jdbcguard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.GoneAwayApp;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each cause of "gone away" produced for real, run once without the agent and once with it
 * (heal=off, so the error reaches the program): the program gets exactly the same exception
 * (class, SQLState, code, message), plus a suppressed diagnosis that names the cause with its
 * figures. Restarts are diagnosed when healed (StaleLinkTest).
 */
class GoneAwayDiagnosisTest {

    /** MariaDB's smallest max_connections is 10. */
    private static LocalMariaDb smallServer;

    @BeforeAll
    static void serverWithFewConnections() throws Exception {
        smallServer = TestServers.startPrivate("--max-connections=10");
    }

    @AfterAll
    static void stop() {
        smallServer.stop();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        mysql   | idle        | true  | idle past wait_timeout: idle \\d+\\.\\d s > wait_timeout 2 s \\(the server closes sessions idle longer than that\\)
        mariadb | idle        | true  | idle past wait_timeout: idle \\d+\\.\\d s > wait_timeout 2 s \\(the server closes sessions idle longer than that\\)
        mysql   | killed      | true  | killed by another session: KILL (\\d+) was run \\d+\\.\\d s before, by connection #2 \\(server thread \\d+\\) on thread "main"
        mariadb | killed      | true  | killed by another session: KILL (\\d+) was run \\d+\\.\\d s before, by connection #2 \\(server thread \\d+\\) on thread "main"
        mysql   | packet      | true  | packet larger than max_allowed_packet: statement 20\\.0 MiB > max_allowed_packet 16\\.0 MiB
        mariadb | packet      | false | packet larger than max_allowed_packet: statement 20\\.0 MiB > max_allowed_packet 16\\.0 MiB
        mysql   | concurrent  | true  | used concurrently by two threads: "main" and "aborter" were inside it at once \\d+\\.\\d s before the failure
        mariadb | concurrent  | true  | used concurrently by two threads: "main" and "aborter" were inside it at once \\d+\\.\\d s before the failure
        mysql   | closed      | true  | used after close\\(\\): the connection was closed \\d+\\.\\d s earlier by thread "main" at dev\\.jdbcguard\\.apps\\.GoneAwayApp\\.closed\\(GoneAwayApp\\.java:\\d+\\)
        mariadb | closed      | true  | used after close\\(\\): the connection was closed \\d+\\.\\d s earlier by thread "main" at dev\\.jdbcguard\\.apps\\.GoneAwayApp\\.closed\\(GoneAwayApp\\.java:\\d+\\)
        mysql   | timeout     | true  | socket read timeout on the client: no answer within the network timeout 1000 ms; the server may still be running the statement
        mariadb | timeout     | true  | socket read timeout on the client: no answer within the network timeout 1000 ms; the server may still be running the statement
        mysql   | unreachable | true  | network cut or server unreachable: connection refused by 127\\.0\\.0\\.1:1
        mariadb | unreachable | true  | network cut or server unreachable: connection refused by 127\\.0\\.0\\.1:1
        mysql   | too-many    | true  | too many connections: the server refused a new session \\(error 1040; max_connections 10\\); \\d+ connection\\(s\\) open to 127\\.0\\.0\\.1:\\d+ from this JVM \\(\\d+% of max_connections 10\\); top creation sites: dev\\.jdbcguard\\.apps\\.GoneAwayApp\\.tooMany\\(GoneAwayApp\\.java:\\d+\\) <- GoneAwayApp\\.main\\(GoneAwayApp\\.java:\\d+\\) x\\d+
        mariadb | too-many    | true  | too many connections: the server refused a new session \\(error 1040; max_connections 10\\); \\d+ connection\\(s\\) open to 127\\.0\\.0\\.1:\\d+ from this JVM \\(\\d+% of max_connections 10\\); top creation sites: dev\\.jdbcguard\\.apps\\.GoneAwayApp\\.tooMany\\(GoneAwayApp\\.java:\\d+\\) <- GoneAwayApp\\.main\\(GoneAwayApp\\.java:\\d+\\) x\\d+
        """)
    void causeIsNamedWithItsFiguresAndTheDriversExceptionIsUnchanged(String driver, String cause, boolean deterministic,
                                                                      String diagnosis) throws Exception {
        TestServer server = cause.equals("too-many") ? smallServer : TestServers.shared();
        String[] args = {server.url(driver), TestServer.USER, TestServer.PASSWORD, cause};

        ChildJvm.Result without = Apps.withoutAgent().run(GoneAwayApp.class, args);
        ChildJvm.Result with = Apps.withAgent("heal=off").run(GoneAwayApp.class, args);

        String original = errorLine(without.output).orElseThrow(() -> new AssertionError("no error:\n" + without.output));
        String guarded = errorLine(with.output).orElseThrow(() -> new AssertionError("no error:\n" + with.output));
        if (deterministic) {
            assertThat(normalise(guarded)).as("the driver's exception is unchanged").isEqualTo(normalise(original));
        } else {
            // MariaDB reports an oversized packet either as "Socket error" or as error 1153,
            // depending on who notices first (seen with and without the agent).
            assertThat(guarded).startsWith("error: java.sql.SQLNonTransientConnectionException | 08");
        }
        assertThat(with.output).containsPattern(Pattern.compile(
                "suppressed: dev\\.jdbcguard\\.diagnose\\.Diagnosis: jdbc-guard diagnosis: " + diagnosis));
        assertThat(with.output).as("one log line with the same diagnosis").containsPattern(Pattern.compile(
                "\\[WARN] jdbc-guard - (connection #\\d+ \\(server thread \\d+\\)|connecting to [0-9.:]+) failed on thread main: "
                        + diagnosis));
        assertThat(without.output).doesNotContain("jdbc-guard");
    }

    private static Optional<String> errorLine(String output) {
        return output.lines().filter(l -> l.startsWith("error: ")).findFirst();
    }

    /** Server session numbers differ from run to run; everything else must be identical. */
    private static String normalise(String line) {
        return line.replaceAll("conn=\\d+", "conn=N");
    }
}
