package dev.jdbcguard.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What can be known about a pid before attaching, so that each failure gets its own clear
 * message: no such process, not a JVM, a JVM that forbids attach; and, when the JDK refuses,
 * its own words with a hint.
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
        target.refuseWhatSigquitWouldKill();
        return target;
    }

    private Path proc() {
        return Paths.get("/proc", pid);
    }

    private boolean exists() {
        File procFs = new File("/proc/self");
        return procFs.exists() ? Files.exists(proc()) : true; // without /proc, let attach tell
    }

    /**
     * The JDK decides who may attach (on Linux: the JVM's own user, or root); our view of the
     * owner is only a hint added to the JDK's refusal.
     */
    private String owner() {
        try {
            return Files.getOwner(proc()).getName();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Java 17's attach sends SIGQUIT without asking whether the process handles it (21 and later
     * check first): for a program that does not, that signal ends it, and one that ignores it
     * keeps the JDK waiting 10 s. A JVM always catches SIGQUIT unless started with -Xrs, so a
     * process that does not is never attachable. (SigBlk says nothing here: HotSpot blocks
     * SIGQUIT in every thread but its signal dispatcher, the main thread included.)
     */
    private void refuseWhatSigquitWouldKill() throws CliError {
        long caught;
        try {
            caught = signalMask("SigCgt");
        } catch (IOException | RuntimeException e) {
            return; // cannot tell: let the JDK try
        }
        if ((caught & (1L << 2)) != 0) { // bit n-1 is signal n; SIGQUIT is 3
            return;
        }
        String command = commandLine();
        if (looksLikeJava(command)) {
            throw new CliError(CliError.ATTACH_FORBIDDEN, "the JVM " + pid + " does not handle SIGQUIT (-Xrs?), which"
                    + " attach needs to wake it; restart it with -javaagent:jdbc-guard-agent.jar instead");
        }
        throw new CliError(CliError.NOT_A_JVM, "process " + pid + " is not a JVM ("
                + (command.isEmpty() ? "unknown program" : programOnly(command)) + ")");
    }

    private long signalMask(String name) throws IOException {
        for (String line : Files.readAllLines(proc().resolve("status"), StandardCharsets.UTF_8)) {
            if (line.startsWith(name + ":")) {
                return Long.parseUnsignedLong(line.substring(name.length() + 1).trim(), 16);
            }
        }
        throw new IOException("no " + name + " in /proc/" + pid + "/status");
    }

    /** The process's command line, or "" where it cannot be read. */
    String commandLine() {
        try {
            return new String(Files.readAllBytes(proc().resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The JDK's own words for why attach failed, with a hint from what the process is. */
    CliError attachFailure(Exception e) {
        String jdk = "the JDK said " + e;
        String command = commandLine();
        if (command.contains("-XX:+DisableAttachMechanism")) {
            return new CliError(CliError.ATTACH_FORBIDDEN, "the JVM " + pid + " forbids attach"
                    + " (-XX:+DisableAttachMechanism); restart it with -javaagent:jdbc-guard-agent.jar instead (" + jdk + ")");
        }
        if (!looksLikeJava(command)) {
            return new CliError(CliError.NOT_A_JVM, "process " + pid + " is not a JVM ("
                    + (command.isEmpty() ? "unknown program" : programOnly(command)) + "; " + jdk + ")");
        }
        String owner = owner();
        String me = System.getProperty("user.name");
        if (owner != null && !owner.equals(me) && !"root".equals(me)) {
            return new CliError(CliError.PERMISSION_DENIED, "attach to " + pid + " was refused: " + jdk + "; the"
                    + " process belongs to user " + owner + " and this command runs as " + me + ", and the JDK"
                    + " attaches only as the JVM's own user or as root: run it as that user (sudo -u " + owner
                    + " java -jar jdbc-guard-agent.jar ...) or as root");
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("permission") || message.contains("not permitted")) {
            return new CliError(CliError.PERMISSION_DENIED, "attach to " + pid + " was refused: " + jdk);
        }
        return new CliError(CliError.NOT_A_JVM, "could not attach to JVM " + pid + ": " + jdk
                + " (is it a HotSpot/OpenJDK JVM of version 8 or later, and not shutting down?)");
    }

    private static boolean looksLikeJava(String command) {
        String first = command.split(" ", 2)[0];
        return first.endsWith("java") || first.endsWith("javaw") || command.contains(" -cp ") || command.contains(" -jar ")
                || command.contains("-classpath");
    }

    /** The program, without its arguments: those may hold a password that no mask can recognise. */
    private static String programOnly(String command) {
        int space = command.indexOf(' ');
        String program = space < 0 ? command : command.substring(0, space);
        return program.length() > 80 ? program.substring(0, 77) + "..." : program;
    }
}
