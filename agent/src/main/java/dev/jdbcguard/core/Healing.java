package dev.jdbcguard.core;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Healing as the hooks ask for it: before a call on a connection that may have gone stale, and
 * after a call that failed on a lost link. The heal package implements it and start-up hands it
 * to {@link Guard}; the core never names that package. Every method runs on the thread inside
 * the connection.
 */
public interface Healing {

    /** False when the {@code heal} option is off: the hooks then keep a dead link as the driver left it. */
    boolean enabled();

    /** Null to let the call go ahead, or the exception to throw instead of it. */
    Throwable beforeUse(TrackedConnection t, Connection connection, int op, String sql, long now);

    /** A pool's isValid said false: true when the connection was healed and the check may run again. */
    boolean afterFailedValidation(TrackedConnection t, Connection connection);

    /** A statement failed on a lost link: true when it was healed and the statement may run again. */
    boolean afterLoss(TrackedConnection t, Connection connection, String sql, Statement statement, Throwable thrown,
                      boolean killedHere);

    /** A server-side prepared statement from before a reconnect failed: true when it may run again. */
    boolean preparedOnOldSession(TrackedConnection t, Connection connection, Statement statement, Throwable thrown);

    /** commit() failed on a lost link: its outcome is unknown. */
    void commitLost(TrackedConnection t, Throwable thrown);
}
