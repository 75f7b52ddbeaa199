package dev.jdbcguard.core;

/**
 * Explaining a lost connection: the hooks hand every explainable error ({@link ConnectionLoss})
 * to it, and a heal asks it whether the server it reconnected to was restarted. The diagnose
 * package implements it.
 */
public interface LossDiagnosis {

    /** A call on a tracked connection failed. */
    void onCallFailed(TrackedConnection t, Throwable thrown);

    /** Opening a connection to {@code target} (a driver or data source) failed. */
    void onConnectFailed(Object target, Throwable thrown);

    /** "server restarted: ..." when {@code after} comes from a server started since {@code before} was read, else null. */
    String restartCause(TrackedConnection t, ServerFacts before, ServerFacts after);
}
