package dev.jdbcguard.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.apps.Sleeper;
import dev.jdbcguard.support.Apps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDK decides who may attach: on Linux root may attach to any user's JVM (it creates the
 * trigger file and accepts the socket of another uid), another user may not. The CLI must do
 * exactly what the JDK allows, and quote the JDK when it refuses. Needs root and setpriv to run a
 * JVM as uid 65534 (nobody); without them every test here is skipped with the reason.
 */
class OtherUserAttachTest {

    private static final String NOBODY = "65534";
    private static final String SETPRIV = "/usr/bin/setpriv";

    /** A world-readable copy of what a JVM running as nobody needs: the app classes and the agent jar. */
    private static Path shared;

    @BeforeAll
    static void copyWhatNobodyNeeds() throws IOException {
        assumeTrue(Files.isExecutable(Paths.get(SETPRIV)), "needs " + SETPRIV + " to run a JVM as another user");
        Object uid = Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
        assumeTrue(Integer.valueOf(0).equals(uid), "needs root to attach to another user's JVM; this test runs as uid " + uid);
        shared = Files.createTempDirectory("jdbcguard-otheruser");
        Path classes = Paths.get(System.getProperty("jdbcguard.appClasses"));
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = shared.resolve("classes").resolve(classes.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.copy(Paths.get(Apps.agentJar()), shared.resolve("jdbc-guard-agent.jar"));
        try (Stream<Path> files = Files.walk(shared)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                        Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @AfterAll
    static void removeCopy() throws IOException {
        if (shared != null) {
            try (Stream<Path> files = Files.walk(shared)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(strings = {"17", "25"})
    void rootAttachesToAJvmOfNobody(String version) throws Exception {
        String javaHome = javaHome(version);
        try (Target target = Target.start(javaHome, true)) {
            Cli attach = Cli.runWith(javaHome, "attach", target.pid);
            Cli status = Cli.runWith(javaHome, "status", target.pid);
            assertThat(attach.exitCode).as(attach.toString()).isZero();
            assertThat(attach.out).contains("jdbc-guard attached to " + target.pid);
            assertThat(status.exitCode).as(status.toString()).isZero();
            assertThat(status.out).startsWith("jdbc-guard in " + target.pid + ": 0 open connection(s)");
            assertThat(target.output()).contains("jdbc-guard - started (attached)");
            assertThat(Files.readString(Paths.get("/proc", target.pid, "status")))
                    .as("the target really runs as nobody").containsPattern("(?m)^Uid:\\s+65534\\s");
        }
    }

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(strings = {"17", "25"})
    void nobodyAttachingToRootsJvmGetsTheJdksReason(String version) throws Exception {
        String javaHome = javaHome(version);
        try (Target target = Target.start(javaHome, false)) {
            Cli refused = asNobody(javaHome, "attach", target.pid);
            assertThat(refused.exitCode).as(refused.toString()).isEqualTo(4);
            // kill(SIGQUIT) to another uid's process fails with EPERM: the JDK's IOException, quoted
            assertThat(refused.err).contains("jdbc-guard: attach to " + target.pid + " was refused: the JDK said"
                    + " java.io.IOException: Operation not permitted; the process belongs to user root and this command"
                    + " runs as nobody, and the JDK attaches only as the JVM's own user or as root");

            // Once root has started the target's attach listener, the JDK refuses for another reason: its socket.
            assertThat(Cli.runWith(javaHome, "status", target.pid).exitCode).isEqualTo(7);
            Cli again = asNobody(javaHome, "attach", target.pid);
            assertThat(again.exitCode).as(again.toString()).isEqualTo(4);
            assertThat(again.err).contains("was refused: the JDK said java.io.IOException: well-known file /tmp/.java_pid")
                    .contains("file should be owned by the current user (which is 65534) but is owned by 0");
            assertThat(target.output()).doesNotContain("jdbc-guard - started");
        }
    }

    @Test
    void aNonJvmIsNotSentTheSignalThatWouldEndIt() throws Exception {
        // Java 17's attach sends SIGQUIT to any pid; `sleep` with SIGQUIT's default action would die
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/env")), "needs env --default-signal (coreutils 8.31+)");
        Process sleep = new ProcessBuilder("/usr/bin/env", "--default-signal=QUIT", "sleep", "30").start();
        try {
            Thread.sleep(300); // env has exec'd sleep
            long started = System.nanoTime();
            Cli cli = Cli.run("attach", String.valueOf(sleep.pid()));
            assertThat(cli.exitCode).as(cli.toString()).isEqualTo(3);
            assertThat(cli.err).contains("jdbc-guard: process " + sleep.pid() + " is not a JVM (sleep)\n");
            assertThat(sleep.waitFor(500, TimeUnit.MILLISECONDS)).as("sleep is still running").isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .as("no 10 s wait for a socket that never comes").isLessThan(5_000);
        } finally {
            sleep.destroyForcibly();
        }
    }

    private static String javaHome(String version) {
        if (version.equals("17")) {
            assumeTrue(Runtime.version().feature() == 17, "the build JVM is not Java 17: " + Runtime.version());
            return System.getProperty("java.home");
        }
        assumeTrue(Files.isExecutable(Paths.get(AttachTest.TEMURIN_25, "bin", "java")), "no Temurin 25 JDK at "
                + AttachTest.TEMURIN_25);
        return AttachTest.TEMURIN_25;
    }

    private static Cli asNobody(String javaHome, String... args) throws Exception {
        List<String> command = new ArrayList<>(Arrays.asList(SETPRIV, "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", Paths.get(javaHome, "bin", "java").toString(), "-jar",
                shared.resolve("jdbc-guard-agent.jar").toString()));
        command.addAll(Arrays.asList(args));
        return Cli.runCommand(command);
    }

    /** A Sleeper JVM, as nobody or as root, from the world-readable copy. */
    private static final class Target implements AutoCloseable {
        final String pid;
        private final Process process;
        private final StringBuilder output = new StringBuilder();
        private final CompletableFuture<Void> pump;

        private Target(Process process) throws Exception {
            this.process = process;
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            assertThat(first).as("the target started").startsWith("sleeper pid ");
            pid = first.substring("sleeper pid ".length());
            pump = CompletableFuture.runAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                    }
                } catch (IOException e) {
                    // ended
                }
            });
        }

        static Target start(String javaHome, boolean asNobody) throws Exception {
            List<String> command = new ArrayList<>();
            if (asNobody) {
                command.addAll(Arrays.asList(SETPRIV, "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
            }
            command.addAll(Arrays.asList(Paths.get(javaHome, "bin", "java").toString(), "-cp",
                    shared.resolve("classes").toString(), Sleeper.class.getName(), "60"));
            return new Target(new ProcessBuilder(command).directory(shared.toFile()).redirectErrorStream(true).start());
        }

        /** What the target printed so far, after giving the agent's start line a moment to come. */
        String output() throws InterruptedException {
            for (int i = 0; i < 50; i++) {
                synchronized (output) {
                    if (output.indexOf("jdbc-guard - started") >= 0) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
            synchronized (output) {
                return output.toString();
            }
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            pump.get(10, TimeUnit.SECONDS);
        }
    }
}
