package dev.jdbcguard.diagnose;

/**
 * Attached as a suppressed exception to a driver's connection-lost error: its message names the
 * cause with the figures. The driver's exception itself (class, SQLState, code, message) is left
 * exactly as it was, so catch blocks and pool eviction rules behave as before.
 */
public final class Diagnosis extends Exception {

    private static final long serialVersionUID = 1L;

    public Diagnosis(String message) {
        super("jdbc-guard diagnosis: " + message, null, false, false);
    }
}
