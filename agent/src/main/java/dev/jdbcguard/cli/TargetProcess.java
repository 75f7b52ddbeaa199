package dev.jdbcguard.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What can be known about a pid before attaching, so that each failure gets its own clear
 * message: no such process, another user's process, not a JVM, a JVM that forbids attach.
 */
final class TargetProcess {

    final String pid;

    private TargetProcess(String pid) {
        this.pid = pid;
    }

    static TargetProcess of(String pid) throws CliError {
        if (pid == null || !pid.matches("[0-9]+")) {
            throw new CliError(CliError.USAGE, "'" + pid + "' is not a process id; list JVMs with: java -jar"
                    + " jdbc-guard-agent.jar list");
        }
        TargetProcess target = new TargetProcess(pid);
        if (!target.exists()) {
            throw new CliError(CliError.NO_SUCH_PROCESS, "no process with pid " + pid);
        }
        target.checkSameUser();
        return target;
    }

    private Path proc() {
        return Paths.get("/proc", pid);
    }

    private boolean exists() {
        File procFs = new File("/proc/self");
        return procFs.exists() ? Files.exists(proc()) : true; // without /proc, let attach tell
    }

    private void checkSameUser() throws CliError {
        if (!Files.exists(proc())) {
            return;
        }
        try {
            String owner = Files.getOwner(proc()).getName();
            String me = System.getProperty("user.name");
            if (!owner.equals(me)) {
                throw new CliError(CliError.PERMISSION_DENIED, "process " + pid + " belongs to user " + owner
                        + " and this command runs as " + me + "; a JVM accepts attach only from its own user:"
                        + " run it as that user (sudo -u " + owner + " java -jar jdbc-guard-agent.jar ...)");
            }
        } catch (IOException e) {
            throw new CliError(CliError.PERMISSION_DENIED, "cannot inspect process " + pid + ": " + e.getMessage());
        }
    }

    /** The process's command line, or "" where it cannot be read. */
    String commandLine() {
        try {
            return new String(Files.readAllBytes(proc().resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Explains why attach failed, from what the process is. */
    CliError attachFailure(Exception e) {
        String command = commandLine();
        if (command.contains("-XX:+DisableAttachMechanism")) {
            return new CliError(CliError.ATTACH_FORBIDDEN, "the JVM " + pid + " forbids attach"
                    + " (-XX:+DisableAttachMechanism); restart it with -javaagent:jdbc-guard-agent.jar instead");
        }
        if (!looksLikeJava(command)) {
            return new CliError(CliError.NOT_A_JVM, "process " + pid + " is not a JVM ("
                    + (command.isEmpty() ? "unknown program" : abbreviate(command)) + ")");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.toLowerCase(java.util.Locale.ROOT).contains("permission")) {
            return new CliError(CliError.PERMISSION_DENIED, "attach to " + pid + " was refused: " + message);
        }
        return new CliError(CliError.NOT_A_JVM, "could not attach to JVM " + pid + ": " + message
                + " (is it a HotSpot/OpenJDK JVM of version 8 or later, and not shutting down?)");
    }

    private static boolean looksLikeJava(String command) {
        String first = command.split(" ", 2)[0];
        return first.endsWith("java") || first.endsWith("javaw") || command.contains(" -cp ") || command.contains(" -jar ")
                || command.contains("-classpath");
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
