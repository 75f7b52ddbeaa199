package dev.jdbcguard.attach;

import dev.jdbcguard.support.Apps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar jdbc-guard-agent.jar ...} as a user would, with this JVM's java. */
final class Cli {

    final int exitCode;
    final String out;
    final String err;

    private Cli(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) throws IOException, InterruptedException {
        return runWith(System.getProperty("java.home"), args);
    }

    /** The CLI run by another JDK's java. */
    static Cli runWith(String javaHome, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Arrays.asList(
                Paths.get(javaHome, "bin", "java").toString(), "-jar", Apps.agentJar()));
        command.addAll(Arrays.asList(args));
        return runCommand(command);
    }

    /** Any command line that runs the CLI (e.g. through setpriv as another user). */
    static Cli runCommand(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> copy(p.getErrorStream(), err));
        pump.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        pump.join();
        return new Cli(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // ended
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
