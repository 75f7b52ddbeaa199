package dev.jdbcguard.foundation;

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

/**
 * Configured the way a container is: the agent through JAVA_TOOL_OPTIONS and its options through
 * JDBCGUARD_ variables, nothing on the command line. Each option set only by its variable changes
 * what the idle worker (wait_timeout 2 s, idle 3 s) lives through.
 */
class EnvironmentOptionsTest {

    private final TestServer server = TestServers.shared();

    @Test
    void healAndLogSetOnlyByTheirVariablesTakeEffectAndATypoIsNamed() throws Exception {
        ChildJvm.Result result = container().environment("JDBCGUARD_HEAL", "off").environment("JDBCGUARD_LOG", "debug")
                .environment("JDBCGUARD_VALIDATE_AFTR", "5s")
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD);

        assertThat(result.output).contains("Picked up JAVA_TOOL_OPTIONS: -javaagent:")
                .contains("; set: heal=off (env JDBCGUARD_HEAL), log=debug (env JDBCGUARD_LOG); the rest are defaults");
        assertThat(result.exitCode).as("heal=off: the stale connection fails as without the agent\n" + result.output)
                .isOne();
        assertThat(result.output).contains("job 2 FAILED").doesNotContain("healed connection")
                .contains("[DEBUG] jdbc-guard - woven ");
        assertThat(result.output.lines().filter(line -> line.contains("unknown environment variable")))
                .singleElement().asString()
                .contains("[WARN] jdbc-guard - unknown environment variable JDBCGUARD_VALIDATE_AFTR ignored; the agent"
                        + " reads JDBCGUARD_VALIDATE_AFTER, ");
    }

    @Test
    void validateAfterSetOnlyByItsVariableTakesEffect() throws Exception {
        ChildJvm.Result result = container().environment("JDBCGUARD_VALIDATE_AFTER", "1h")
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD);

        assertThat(result.output).contains("started (-javaagent): validateAfter=1h,")
                .contains("; set: validateAfter=1h (env JDBCGUARD_VALIDATE_AFTER); the rest are defaults");
        // idle 3 s is less than 1h: no ping, so job 2's statement is sent on the dead session and its
        // outcome is unknown (with the default 2s the ping finds it dead and job 2 succeeds)
        assertThat(result.output).contains("failed on thread main: idle past wait_timeout")
                .contains("on thread main: the statement failed: ").contains("job 2 FAILED")
                .doesNotContain("idle 3.0 s > wait_timeout 2 s; reconnected");
        assertThat(result.exitCode).as(result.output).isOne();
    }

    @Test
    void aBadValueIsNamedWithItsVariableAndTheProgramRunsWithTheOtherSources() throws Exception {
        Path file = Files.createTempFile("jdbc-guard-env", ".properties");
        file.toFile().deleteOnExit();
        Files.write(file, "pingTimeout=3s\n".getBytes(StandardCharsets.UTF_8));
        // log=warn from the environment would hide the start line; the system property must win over it
        ChildJvm.Result result = container().environment("JDBCGUARD_HEAL", "maybe")
                .environment("JDBCGUARD_OPTIONS_FILE", file.toString()).environment("JDBCGUARD_LOG", "warn")
                .jvmOption("-Djdbcguard.log=info")
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD);

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("[ERROR] jdbc-guard - option heal=maybe (env JDBCGUARD_HEAL) is not valid:"
                        + " expected one of on, off; using the default heal=on")
                .contains("; set: pingTimeout=3s (file " + file + "), log=info (property jdbcguard.log);"
                        + " the rest are defaults")
                .contains("healed connection #1").contains("all 2 jobs done");
    }

    /** The agent from JAVA_TOOL_OPTIONS, as a container image sets it; no -javaagent, no -D. */
    private static ChildJvm container() throws Exception {
        return Apps.withoutAgent().environment("JAVA_TOOL_OPTIONS", "-javaagent:" + Apps.agentJar());
    }
}
