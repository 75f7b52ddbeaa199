package dev.jdbcguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.IdleWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad agent arguments and broken options files: one clear message each, and the program runs unharmed. */
class BadInputTest {

    private final TestServer server = TestServers.shared();

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        validateAfter                    | option 'validateAfter' is not key=value; valid options: validateAfter, pingTimeout
        =2s                              | option '=2s' is not key=value; valid options: validateAfter
        validateAfter==2s                | option validateAfter==2s is not valid: expected a duration such as 500ms, 2s, 5m or 1h (0 means always); using the default validateAfter=2s
        validateAfter=-5s                | option validateAfter=-5s is not valid: expected a duration such as 500ms, 2s, 5m or 1h (0 means always); using the default validateAfter=2s
        pingTimeout=99999999999999999h   | option pingTimeout=99999999999999999h is not valid: expected a duration such as 500ms, 2s, 5m or 1h (0 means always); using the default pingTimeout=2s
        pressureWarnAt=150%              | option pressureWarnAt=150% is not valid: expected a share of max_connections from 1% to 100%; using the default pressureWarnAt=80%
        maxConnections=-1                | option maxConnections=-1 is not valid: expected a whole number (0 means: ask the server); using the default maxConnections=0
        threads=sometimes                | option threads=sometimes is not valid: expected one of warn, fail, off; using the default threads=warn
        'heal=on,,,log=warn,'            | ''
        ÿ§=☃                            | unknown option 'ÿ§'; valid options: validateAfter
        """)
    void badArgumentIsReportedAndTheProgramStillRuns(String agentArgs, String message) throws Exception {
        ChildJvm.Result result = Apps.withAgent(agentArgs).run(IdleWorker.class, server.mariadbUrl(), TestServer.USER,
                TestServer.PASSWORD, "jobs=1");
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("all 1 jobs done");
        if (message == null || message.isEmpty()) {
            assertThat(result.output).doesNotContain("[ERROR] jdbc-guard");
        } else {
            assertThat(result.output).contains("[ERROR] jdbc-guard - " + message);
        }
    }

    @Test
    void missingOptionsFileIsReported() throws Exception {
        ChildJvm.Result result = Apps.withAgent("optionsFile=/nonexistent/jdbc-guard.properties")
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD, "jobs=1");
        assertThat(result.exitCode).isZero();
        assertThat(result.output).contains("[ERROR] jdbc-guard - options file /nonexistent/jdbc-guard.properties cannot"
                + " be read (FileNotFoundException: /nonexistent/jdbc-guard.properties (No such file or directory));"
                + " its options were not used").contains("all 1 jobs done");
    }

    @Test
    void brokenOptionsFileIsReportedAndItsGoodLinesStillCount() throws Exception {
        Path broken = Files.createTempFile("broken", ".properties");
        Files.write(broken, "validateAfter=5s\ncolour=blue\nheal=\\uZZZZ\n".getBytes(StandardCharsets.UTF_8));
        ChildJvm.Result result = Apps.withAgent(null).jvmOption("-Djdbcguard.optionsFile=" + broken)
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD, "jobs=1");
        assertThat(result.exitCode).isZero();
        assertThat(result.output).contains("[ERROR] jdbc-guard - options file " + broken + " cannot be read"
                + " (IllegalArgumentException: Malformed \\uxxxx encoding.); its options were not used");
        Path unknownKey = Files.createTempFile("unknown", ".properties");
        Files.write(unknownKey, "validateAfter=5s\ncolour=blue\n".getBytes(StandardCharsets.UTF_8));
        ChildJvm.Result second = Apps.withAgent("optionsFile=" + unknownKey)
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD, "jobs=1");
        assertThat(second.output).contains("[ERROR] jdbc-guard - unknown option 'colour'")
                .contains("started (-javaagent): validateAfter=5s,").contains("all 1 jobs done");
    }

    /** Issue 21: a byte-order mark, a binary file, an endless device: one clear line each, the program runs. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"bom", "binary", "dev-zero"})
    void oddOptionsFilesGiveOneLineAndTheOtherOptionsApply(String kind) throws Exception {
        String file = oddFile(kind);
        ChildJvm.Result result = Apps.withAgent("optionsFile=" + file + ",heal=off")
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD, "jobs=1");

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("all 1 jobs done").contains(",heal=off,");
        long errorLines = result.output.lines().filter(line -> line.contains("[ERROR] jdbc-guard")).count();
        if (kind.equals("bom")) {
            assertThat(errorLines).as(result.output).isZero();
            assertThat(result.output).contains("started (-javaagent): validateAfter=5s,");
        } else {
            assertThat(errorLines).as(result.output).isOne();
            assertThat(result.output).contains("[ERROR] jdbc-guard - options file " + file + " is not a text file");
        }
    }

    private static String oddFile(String kind) throws Exception {
        if (kind.equals("dev-zero")) {
            return "/dev/zero";
        }
        Path path = Files.createTempFile("odd-options", ".properties");
        path.toFile().deleteOnExit();
        byte[] bytes;
        if (kind.equals("bom")) {
            byte[] text = "validateAfter=5s\n".getBytes(StandardCharsets.UTF_8);
            bytes = new byte[text.length + 3];
            bytes[0] = (byte) 0xEF;
            bytes[1] = (byte) 0xBB;
            bytes[2] = (byte) 0xBF;
            System.arraycopy(text, 0, bytes, 3, text.length);
        } else {
            bytes = new byte[64 * 1024];
            new java.util.Random(21).nextBytes(bytes);
        }
        Files.write(path, bytes);
        return path.toString();
    }
}
