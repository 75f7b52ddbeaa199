package dev.jdbcguard.runtime;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.driver.DriverSupport;
import dev.jdbcguard.report.Log;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;

/**
 * Decides, before a call on a connection that has been idle, whether its link still works, and
 * revives it in place when it does not: same {@code Connection} object, same statements,
 * session state put back. Never inside a transaction that has work in it: the server already
 * rolled that back, and pretending otherwise would commit half of it.
 */
public final class Healer {

    /** Pseudo-op for statement execution, next to the connection ops of {@link Bridge}. */
    static final int OP_EXECUTE = 100;

    private final long validateAfterNanos;
    private final int pingTimeoutSeconds;
    private final int reconnectTimeoutMillis;
    private final boolean enabled;
    private final Counters counters;

    public Healer(Options options, Counters counters) {
        this.validateAfterNanos = options.validateAfterNanos();
        this.pingTimeoutSeconds = (int) Math.max(1, (options.pingTimeoutMillis() + 999) / 1000);
        this.enabled = options.heal();
        this.reconnectTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, options.reconnectTimeoutMillis()));
        this.counters = counters;
    }

    boolean enabled() {
        return enabled;
    }

    /** Null to let the call go ahead, or the exception to throw instead of it. */
    Throwable beforeUse(TrackedConnection t, Connection connection, int op, String sql, long now) {
        if (!enabled || t.closed || op == Bridge.OP_SET_NETWORK_TIMEOUT) {
            // closed stays closed; setNetworkTimeout is a local socket setting (pools call it right
            // before they close a connection, which must not revive it first)
            return null;
        }
        if (t.lostTransaction != null) {
            return afterLostTransaction(t, connection, op);
        }
        long idle = now - t.lastUsedNanos;
        if (!t.suspect && idle < validateAfterNanos) {
            return null;
        }
        long pingStart = System.nanoTime();
        String why = deadBecause(t, connection, idle);
        t.suspect = false;
        if (why == null) {
            return null;
        }
        if (System.nanoTime() - pingStart >= pingTimeoutSeconds * 900_000_000L) {
            return unanswered(t, idle);
        }
        return revive(t, connection, why);
    }

    /**
     * The ping got no answer at all within pingTimeout: the network or the server is not there
     * (a black hole, not a closed session). A reconnect would hang the same way, so the program
     * is told at once; the next use checks again.
     */
    private Throwable unanswered(TrackedConnection t, long idleNanos) {
        t.suspect = true;
        counters.healFailures.increment();
        String what = "connection " + t.label() + " did not answer a ping within pingTimeout " + pingTimeoutSeconds
                + " s (idle " + Durations.seconds(idleNanos) + "): the network or the server is not answering";
        Log.warn(what + "; the call was not sent, and the next use checks again");
        return new SQLRecoverableException("jdbc-guard: " + what + "; the call was not sent.", "08S01");
    }

    /**
     * A statement failed on a lost link. Returns true when the link was revived and the
     * statement may run again: a read in autocommit mode, which cannot have changed anything.
     */
    boolean afterLoss(TrackedConnection t, Connection connection, String sql, Throwable thrown) {
        if (!enabled || t.retried || connection == null || t.closed) {
            return false;
        }
        boolean safeToRepeat = t.autoCommit && SqlText.classify(sql) == SqlText.Kind.READ;
        Throwable refusal = revive(t, connection, "the statement failed: " + firstLine(thrown.getMessage()));
        if (refusal != null) {
            thrown.addSuppressed(refusal);
            return false;
        }
        if (safeToRepeat) {
            t.retried = true;
            counters.retries.increment();
            Log.info("connection " + t.label() + ": the read failed on a lost link and was run again after"
                    + " the reconnect (a read in autocommit mode changes nothing)");
            return true;
        }
        return false;
    }

    /**
     * A server-side prepared statement from before a reconnect failed because the new session
     * never prepared it: nothing ran, so it is prepared again and repeated once.
     */
    boolean preparedOnOldSession(TrackedConnection t, Connection connection, java.sql.Statement statement,
                                 Throwable thrown) {
        if (!enabled || t.retried || t.heals == 0 || statement == null || !(thrown instanceof SQLException)) {
            return false;
        }
        DriverSupport driver = DriverSupport.of(connection.getClass());
        if (!driver.forgetsPreparedStatements((SQLException) thrown)) {
            return false;
        }
        try {
            driver.forgetServerPrepare(statement);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
        t.retried = true;
        counters.retries.increment();
        Log.debug("connection " + t.label() + ": a server-side prepared statement from the old session"
                + " is prepared again on the new one");
        return true;
    }

    private Throwable afterLostTransaction(TrackedConnection t, Connection connection, int op) {
        if (op != Bridge.OP_ROLLBACK) {
            return lostTransactionError(t);
        }
        String lost = t.lostTransaction;
        t.lostTransaction = null;
        t.transactionStatements = 0;
        Throwable failed = revive(t, connection, lost);
        return failed; // the rollback then runs on the new session, where it changes nothing
    }

    private String deadBecause(TrackedConnection t, Connection connection, long idleNanos) {
        long waitTimeout = t.waitTimeoutSeconds;
        if (waitTimeout > 0 && idleNanos > waitTimeout * 1_000_000_000L) {
            return "idle " + Durations.seconds(idleNanos) + " > wait_timeout " + waitTimeout + " s";
        }
        boolean alive;
        t.busyHealing = true;
        try {
            counters.pings.increment();
            alive = connection.isValid(pingTimeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            alive = false;
        } finally {
            t.busyHealing = false;
        }
        if (alive) {
            return null;
        }
        return t.suspect ? "the last call failed on a lost link and the ping failed too"
                : "ping failed after idle " + Durations.seconds(idleNanos);
    }

    private Throwable revive(TrackedConnection t, Connection connection, String why) {
        if (t.inTransactionWithWork()) {
            t.lostTransaction = why;
            counters.refusals.increment();
            Log.warn("connection " + t.label() + " was lost inside a transaction (" + why + ", "
                    + t.transactionStatements + " statement(s) since it began): the server rolled it back;"
                    + " jdbc-guard did not reconnect silently; the application gets an error until it calls rollback()");
            return lostTransactionError(t);
        }
        String pinned = t.session.pinnedBy();
        if (pinned != null) {
            counters.healFailures.increment();
            Log.warn("connection " + t.label() + " is dead (" + why + ") and its session held " + pinned
                    + ", which a new session would not have: jdbc-guard did not reconnect");
            return new SQLRecoverableException("jdbc-guard: connection " + t.label() + " is dead (" + why
                    + "); its session held " + pinned + ", which is lost with it, so it was not reconnected."
                    + " Close this connection and open a new one.", "08003");
        }
        DriverSupport driver = DriverSupport.of(connection.getClass());
        if (!driver.canReconnect()) {
            counters.healFailures.increment();
            Log.warn("connection " + t.label() + " is dead (" + why + "); driver " + connection.getClass().getName()
                    + " cannot be reconnected in place: reported to the application before the call was sent");
            return new SQLRecoverableException("jdbc-guard: connection " + t.label() + " is dead (" + why
                    + "); this driver cannot be reconnected in place. Close it and open a new one.", "08003");
        }
        return reconnect(t, connection, driver, why);
    }

    private Throwable reconnect(TrackedConnection t, Connection connection, DriverSupport driver, String reason) {
        String why = reason;
        long before = t.serverThreadId;
        long start = System.nanoTime();
        t.busyHealing = true;
        try {
            driver.reconnect(connection, reconnectTimeoutMillis);
            String restored = SessionRestore.apply(t, connection, driver);
            dev.jdbcguard.diagnose.ServerFacts now = dev.jdbcguard.diagnose.ServerFacts.read(connection);
            t.serverThreadId = now.sessionIdOr(connection);
            String restart = LossReport.restartCause(t, t.facts, now);
            if (restart != null) {
                why = restart + "; " + why;
            }
            t.facts = now;
            t.heals++;
            counters.heals.increment();
            Log.info("healed connection #" + t.id + " (server thread " + before + " -> " + t.serverThreadId
                    + ") on thread " + Thread.currentThread().getName() + ": " + why + "; reconnected in "
                    + Durations.millis(System.nanoTime() - start) + "; restored " + restored);
            return null;
        } catch (SQLException | RuntimeException e) {
            counters.healFailures.increment();
            Log.warn("connection " + t.label() + " is dead (" + why + ") and the reconnect failed: " + e);
            return new SQLRecoverableException("jdbc-guard: connection " + t.label() + " is dead (" + why
                    + ") and could not be reconnected: " + e.getMessage(), "08S01", e);
        } finally {
            t.busyHealing = false;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).trim();
    }

    private static SQLTransactionRollbackException lostTransactionError(TrackedConnection t) {
        return new SQLTransactionRollbackException("jdbc-guard: connection " + t.label()
                + " was lost inside a transaction (" + t.lostTransaction + "); the server has already rolled"
                + " the transaction back, so none of its statements took effect. Call rollback() and run the"
                + " whole transaction again.", "40000");
    }
}
