package dev.jdbcguard.attach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.Sleeper;
import dev.jdbcguard.support.Apps;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each way the CLI can fail has its own message and exit code (another user's JVM: {@link OtherUserAttachTest}). */
class CliErrorsTest {

    @Test
    void helpListsCommandsOptionsAndExitCodes() throws Exception {
        Cli help = Cli.run("--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("attach <pid> [options]", "status <pid> [--json]", "validateAfter=2s",
                "threads=warn", "Exit codes: 0 ok, 1 usage, 2 no such process");
    }

    @Test
    void missingPidIsAUsageError() throws Exception {
        Cli cli = Cli.run("attach");
        assertThat(cli.exitCode).isEqualTo(1);
        assertThat(cli.err).contains("jdbc-guard: usage: java -jar jdbc-guard-agent.jar attach <pid> [key=value,...]");
        assertThat(Cli.run("frobnicate").err).contains("unknown command 'frobnicate'; commands: list, attach, status, help");
    }

    @Test
    void noSuchProcess() throws Exception {
        Cli cli = Cli.run("attach", "2147483000");
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
        assertThat(cli.err).contains("jdbc-guard: no process with pid 2147483000");
    }

    @Test
    void notAJvm() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            Cli cli = Cli.run("attach", String.valueOf(sleep.pid()));
            assertThat(cli.exitCode).as(cli.toString()).isEqualTo(3);
            assertThat(cli.err).contains("jdbc-guard: process " + sleep.pid() + " is not a JVM (sleep)");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void aJvmThatForbidsAttach() throws Exception {
        try (RunningJvm jvm = RunningJvm.start(Apps.withoutAgent().jvmOption("-XX:+DisableAttachMechanism"))) {
            Cli cli = Cli.run("attach", jvm.pid);
            assertThat(cli.exitCode).as(cli.toString()).isEqualTo(5);
            assertThat(cli.err).contains("the JVM " + jvm.pid + " forbids attach (-XX:+DisableAttachMechanism);"
                    + " restart it with -javaagent:jdbc-guard-agent.jar instead");
        }
    }

    /** A Java without jdk.attach (a JRE, a jlink image): byte-buddy-agent finds no attach API. */
    @Test
    void aJavaWithoutTheAttachApi() throws Exception {
        Cli cli = Cli.runCommand(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--limit-modules", "java.base,java.management,java.instrument", "-jar", Apps.agentJar(), "list"));
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(8);
        assertThat(cli.err).isEqualTo("jdbc-guard: this Java has no attach API (module jdk.attach, or tools.jar of a"
                + " Java 8 JDK): run the command with a JDK, e.g. $JAVA_HOME/bin/java -jar jdbc-guard-agent.jar ...\n");
    }

    @Test
    void statusOfAJvmWithoutTheAgentSaysToAttachFirst() throws Exception {
        try (RunningJvm jvm = RunningJvm.start(Apps.withoutAgent())) {
            Cli list = Cli.run("list");
            assertThat(list.exitCode).isZero();
            assertThat(list.out).contains("PID").containsPattern("(?m)^" + jvm.pid + " +dev.jdbcguard.apps.Sleeper$")
                    .as("the program's arguments are not listed: they may hold a password")
                    .doesNotContain(RunningJvm.SECRET_ARGUMENT);
            Cli cli = Cli.run("status", jvm.pid);
            assertThat(cli.exitCode).as(cli.toString()).isEqualTo(7);
            assertThat(cli.err).contains("jdbc-guard is not running in " + jvm.pid
                    + "; attach it first: java -jar jdbc-guard-agent.jar attach " + jvm.pid);
        }
    }

    /** A Sleeper JVM running in the background until closed. */
    static final class RunningJvm implements AutoCloseable {
        /** As a program would pass its database password on the command line. */
        static final String SECRET_ARGUMENT = "guard-Secret-42";
        final String pid;
        private final CompletableFuture<ChildJvm.Result> run;

        private RunningJvm(String pid, CompletableFuture<ChildJvm.Result> run) {
            this.pid = pid;
            this.run = run;
        }

        static RunningJvm start(ChildJvm jvm) throws Exception {
            AtomicReference<String> pid = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<ChildJvm.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return jvm.onLine(line -> {
                        if (line.startsWith("sleeper pid ")) {
                            pid.set(line.substring("sleeper pid ".length()));
                            started.countDown();
                        }
                    }).run(Sleeper.class, "20", SECRET_ARGUMENT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            return new RunningJvm(pid.get(), run);
        }

        @Override
        public void close() {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy);
            run.join();
        }
    }
}
