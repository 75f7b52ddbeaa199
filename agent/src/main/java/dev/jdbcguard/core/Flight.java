package dev.jdbcguard.core;

/**
 * The facts the agent logs, as typed events for a recorder outside the log (JDK Flight Recorder,
 * see docs/EVENTS.md). The capabilities call it beside their log lines, through {@link Events};
 * start-up replaces {@link #OFF} with the JFR implementation when {@code jdk.jfr} is there. An
 * implementation decides whether anything records before it builds a field, so a call costs a
 * check when no recording is on; it masks every text it keeps, as {@link Log} does, and never
 * throws.
 */
public interface Flight {

    /** Records nothing: Java 8 without JFR, a JVM without the jdk.jfr module. */
    Flight OFF = new Flight() {
    };

    /** A dead connection was reconnected in place ("healed connection #7 ..."). */
    default void healed(TrackedConnection t, long oldServerThread, String cause, long idleNanos, long reconnectNanos,
                        int failedConnects, String restored) {
    }

    /** A dead connection was not reconnected: {@code outcome} says why and what the call got. */
    default void healFailed(TrackedConnection t, String cause, String outcome) {
    }

    /** The link died inside a transaction: the server rolled it back; statements are refused until rollback(). */
    default void transactionLost(TrackedConnection t, String cause) {
    }

    /** A call refused because the transaction it belongs to was lost ({@code sql} when it is a statement). */
    default void refused(TrackedConnection t, String lostCause, String sql) {
    }

    /**
     * A statement or commit whose outcome nobody can know: sent to {@code lostSession}, and the link
     * lost before the reply.
     */
    default void unknownOutcome(TrackedConnection t, long lostSession, String what, Throwable error) {
    }

    /** A statement that failed on a lost link was run again after the reconnect. */
    default void retried(TrackedConnection t, String reason) {
    }

    /** A connection-lost error and its diagnosed cause; {@code t} is null for a connect that failed. */
    default void lossDiagnosed(TrackedConnection t, String server, String cause, Throwable error) {
    }

    /** A connection garbage-collected without close(). */
    default void leaked(TrackedConnection t) {
    }

    /**
     * One connection used by two threads: {@code kind} is concurrent, transaction or foreign;
     * {@code thread} the one entering now, {@code other} the one inside, the transaction's or the opener.
     */
    default void threadClash(TrackedConnection t, String kind, String what, String thread, String other,
                             StackTraceElement[] otherStack, String policy) {
    }

    /** This JVM's open connections to one server reached the pressureWarnAt share of max_connections. */
    default void pressure(String server, int open, long maxConnections, int warnAtPercent, String summary) {
    }

    /** A connection checked out of its pool (or open without one) longer than heldTooLong. */
    default void heldTooLong(TrackedConnection t, String pool, String thread, long heldMillis, String takenAt) {
    }
}
