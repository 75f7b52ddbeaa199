package dev.jdbcguard.cli;

/** A command that cannot be done, with the exit code that tells scripts why. */
final class CliError extends Exception {

    static final int USAGE = 1;
    static final int NO_SUCH_PROCESS = 2;
    static final int NOT_A_JVM = 3;
    static final int PERMISSION_DENIED = 4;
    static final int ATTACH_FORBIDDEN = 5;
    static final int AGENT_FAILED = 6;
    static final int NOT_RUNNING = 7;
    static final int NO_ATTACH_API = 8;

    private static final long serialVersionUID = 1L;

    final int exitCode;

    CliError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
