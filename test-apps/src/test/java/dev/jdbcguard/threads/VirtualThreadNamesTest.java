package dev.jdbcguard.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.VirtualThreadsApp;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Virtual threads have an empty name; every line that names a thread names them by id (Java 25).
 */
class VirtualThreadNamesTest {

    private static final String TEMURIN_25 = "/usr/lib/jvm/temurin-25-jdk-amd64";

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void virtualThreadsAreNamedByTheirIdInTheClashAndTheHealLines(String driver) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get(TEMURIN_25, "bin", "java")), "no Temurin 25 JDK at " + TEMURIN_25);
        TestServer server = TestServers.shared();
        ChildJvm.Result result = Apps.withAgent().javaHome(TEMURIN_25)
                .run(VirtualThreadsApp.class, server.url(driver), TestServer.USER, TestServer.PASSWORD);
        assertThat(result.exitCode).as(result.output).isZero();
        Matcher ids = Pattern.compile("A is virtual thread #(\\d+), B is virtual thread #(\\d+), names \"\" \"\"")
                .matcher(result.output);
        assertThat(ids.find()).as("the threads really have no name\n" + result.output).isTrue();
        Matcher c = Pattern.compile("C is virtual thread #(\\d+)").matcher(result.output);
        assertThat(c.find()).as(result.output).isTrue();
        assertThat(result.output)
                .contains("used by two threads at once: thread \"virtual thread #" + ids.group(2)
                        + "\" entered it while thread \"virtual thread #" + ids.group(1) + "\" was inside")
                .contains("    thread \"virtual thread #" + ids.group(2) + "\":")
                .containsPattern("\\[INFO] jdbc-guard - healed connection #1 \\(server thread \\d+ -> \\d+\\) on thread"
                        + " virtual thread #" + c.group(1) + ": idle \\d+\\.\\d s > wait_timeout 1 s")
                .doesNotContain("thread \"\"").doesNotContain("on thread :");
    }
}
