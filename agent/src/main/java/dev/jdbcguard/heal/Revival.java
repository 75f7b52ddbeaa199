package dev.jdbcguard.heal;

import dev.jdbcguard.core.ConnectionRegistry;
import dev.jdbcguard.core.Counters;
import dev.jdbcguard.core.Durations;
import dev.jdbcguard.core.Events;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.LossDiagnosis;
import dev.jdbcguard.core.ServerFacts;
import dev.jdbcguard.core.Servers;
import dev.jdbcguard.core.ThreadNames;
import dev.jdbcguard.core.TrackedConnection;
import dev.jdbcguard.driver.DriverSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;

/**
 * Brings a dead connection back in place (same {@code Connection} object, its session state put
 * back), or says why it will not: a transaction the server already rolled back, session state a
 * new session would not have, a driver that cannot reconnect in place, a server that did not
 * come back.
 */
final class Revival {

    private final int reconnectTimeoutMillis;
    private final Counters counters;
    private final ConnectionRegistry registry;
    private final LossDiagnosis diagnosis;

    Revival(int reconnectTimeoutMillis, Counters counters, ConnectionRegistry registry, LossDiagnosis diagnosis) {
        this.reconnectTimeoutMillis = reconnectTimeoutMillis;
        this.counters = counters;
        this.registry = registry;
        this.diagnosis = diagnosis;
    }

    Throwable revive(TrackedConnection t, Connection connection, String why, boolean rollingBack) {
        return revive(t, connection, why, rollingBack, true);
    }

    Throwable revive(TrackedConnection t, Connection connection, String why, boolean rollingBack,
                             boolean wait) {
        return revive(t, connection, why, rollingBack, wait, false);
    }

    /**
     * {@code wait}: wait for a server that is not accepting connections yet, up to reconnectTimeout;
     * {@code killed}: the failed call's error said the session was killed.
     */
    Throwable revive(TrackedConnection t, Connection connection, String why, boolean rollingBack,
                             boolean wait, boolean killed) {
        String cause = cause(t, killed);
        if (!rollingBack && t.inTransaction()) {
            t.lostTransaction = why;
            t.linkDead = true;
            t.session.xa(false); // an XA transaction not yet prepared is this lost transaction itself
            counters.refused(cause);
            Log.warn("connection " + t.label() + " was lost inside a transaction (" + why + "): the server rolled it"
                    + " back; jdbc-guard did not reconnect silently; the application gets an error until it calls"
                    + " rollback()");
            Events.flight().transactionLost(t, why);
            return lostTransactionError(t);
        }
        String pinned = t.session.pinnedBy();
        if (pinned != null) {
            counters.healFailures.increment();
            Log.warn("connection " + t.label() + " is dead (" + why + ") and its session held " + pinned
                    + ", which a new session would not have: jdbc-guard did not reconnect");
            Events.flight().healFailed(t, why, "its session held " + pinned + ": not reconnected");
            return new SQLRecoverableException("jdbc-guard: connection " + t.label() + " is dead (" + why
                    + "); its session held " + pinned + ", which is lost with it, so it was not reconnected."
                    + " Close this connection and open a new one.", "08003");
        }
        DriverSupport driver = t.support;
        if (!driver.canReconnect()) {
            counters.healFailures.increment();
            Log.warn("connection " + t.label() + " is dead (" + why + "); driver " + connection.getClass().getName()
                    + " cannot be reconnected in place: reported to the application before the call was sent");
            Events.flight().healFailed(t, why, "driver " + connection.getClass().getName()
                    + " cannot be reconnected in place");
            return new SQLRecoverableException("jdbc-guard: connection " + t.label() + " is dead (" + why
                    + "); this driver cannot be reconnected in place. Close it and open a new one.", "08003");
        }
        return reconnect(t, connection, driver, why, wait, cause);
    }

    /**
     * The cause the per-cause counters get, from evidence only: a KILL this JVM ran or the
     * server's own word, then the idle time of the call that found the link dead against the
     * session's wait_timeout; a restart is found by the reconnect itself. Anything else is unknown.
     */
    private String cause(TrackedConnection t, boolean killed) {
        if (killed || registry.killOf(Servers.hostPort(t.url), t.serverThreadId) != null) {
            return Counters.KILLED;
        }
        long waitTimeout = t.waitTimeoutSeconds;
        if (waitTimeout > 0 && t.idleAtEntryNanos > waitTimeout * 1_000_000_000L) {
            return Counters.IDLE_TIMEOUT;
        }
        return Counters.UNKNOWN;
    }

    private Throwable reconnect(TrackedConnection t, Connection connection, DriverSupport driver, String reason,
                                boolean wait, String lossCause) {
        String cause = lossCause;
        String why = reason;
        long before = t.serverThreadId;
        long start = System.nanoTime();
        boolean autoCommitWas = t.autoCommitOnServer();
        t.busyHealing = true;
        try {
            int failedTries = Reconnect.until(t, connection, driver, reconnectTimeoutMillis, wait, why);
            t.newSession(connection);
            t.linkDead = false;
            String restored = SessionRestore.apply(t, connection, driver, autoCommitWas);
            ServerFacts now = ServerFacts.read(connection);
            t.readServerStatus();
            t.serverThreadId = now.sessionIdOr(connection);
            String restart = diagnosis.restartCause(t, t.facts, now);
            if (restart != null) {
                why = restart + "; " + why;
                cause = Counters.SERVER_RESTART;
                registry.serverReplaced(Servers.hostPort(t.url), t.facts.serverStartMillis);
            }
            t.facts = now;
            t.heals++;
            counters.healed(cause);
            Log.info("healed connection #" + t.id + " (server thread " + before + " -> " + t.serverThreadId
                    + ") on thread " + ThreadNames.current() + ": " + why + "; reconnected in "
                    + Durations.millis(System.nanoTime() - start)
                    + (failedTries > 0 ? " after waiting for the server (" + failedTries + " connect attempt(s) failed)"
                    : "") + "; restored " + restored);
            Events.flight().healed(t, before, why, t.idleAtEntryNanos, System.nanoTime() - start, failedTries, restored);
            return null;
        } catch (Reconnect.ServerNotBack e) {
            counters.healFailures.increment();
            t.suspect = true; // logged by Reconnect; the next use checks again and reconnects once the server is back
            // a plain JDBC class for the program: the agent's own may not load where the exception travels
            return new SQLRecoverableException(e.getMessage(), e.getSQLState(), e.getCause());
        } catch (SQLException | RuntimeException e) {
            counters.healFailures.increment();
            Log.warn("connection " + t.label() + " is dead (" + why + ") and the reconnect failed: " + e);
            Events.flight().healFailed(t, why, "the reconnect failed: " + e);
            return new SQLRecoverableException("jdbc-guard: connection " + t.label() + " is dead (" + why
                    + ") and could not be reconnected: " + e.getMessage(), "08S01", e);
        } finally {
            t.busyHealing = false;
        }
    }

    static SQLTransactionRollbackException lostTransactionError(TrackedConnection t) {
        return new SQLTransactionRollbackException("jdbc-guard: connection " + t.label()
                + " was lost inside a transaction (" + t.lostTransaction + "); the server has already rolled"
                + " the transaction back, so none of its statements took effect. Call rollback() and run the"
                + " whole transaction again.", "40000");
    }
}
