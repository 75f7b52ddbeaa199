package dev.jdbcguard.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.ExportProbe;
import dev.jdbcguard.apps.IdleWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bridge is defined in the boot loader, not appended to the boot class path: the JVM keeps
 * serving the program's classes from its class-data archive and prints no "Sharing is only
 * supported for boot loader classes" warning (attach: {@code AttachTest}).
 */
class NoSharingWarningTest {

    private static final String TEMURIN_25 = "/usr/lib/jvm/temurin-25-jdk-amd64";

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"17,mysql", "17,mariadb", "25,mysql", "25,mariadb"})
    void theAgentStartsWithoutTheJvmsSharingWarningAndStillHeals(int java, String driver) throws Exception {
        ChildJvm jvm = Apps.withAgent();
        if (java == 25) {
            assumeTrue(Files.isExecutable(Paths.get(TEMURIN_25, "bin", "java")), "no Temurin 25 JDK at " + TEMURIN_25);
            jvm.javaHome(TEMURIN_25);
        }
        TestServer server = TestServers.shared();
        ChildJvm.Result run = jvm.jvmOption("-Xlog:class+load=info")
                .run(IdleWorker.class, server.url(driver), TestServer.USER, TestServer.PASSWORD,
                        "waitTimeout=1", "idle=3", "jobs=2");
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).doesNotContain("Sharing is only supported").doesNotContain("bootstrap classpath has been appended")
                .contains("jdbc-guard - started (-javaagent)").contains("healed connection #1")
                // defined in the boot loader from the agent's bytes, not read from an appended jar
                .contains("dev.jdbcguard.bootstrap.Bridge source: __JVM_DefineClass__")
                .doesNotContain("dev.jdbcguard.bootstrap.Bridge source: file:");
    }

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(ints = {17, 25})
    void theProgramGetsNoAccessToTheJdksInternalsThatTheAgentUses(int java) throws Exception {
        ChildJvm jvm = Apps.withAgent();
        if (java == 25) {
            assumeTrue(Files.isExecutable(Paths.get(TEMURIN_25, "bin", "java")), "no Temurin 25 JDK at " + TEMURIN_25);
            jvm.javaHome(TEMURIN_25);
        }
        ChildJvm.Result run = jvm.run(ExportProbe.class);
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("bridge loader: null")
                .contains("internal Unsafe refused: ").contains("does not export jdk.internal.misc to unnamed module")
                .doesNotContain("internal Unsafe reachable");
    }
}
