package dev.jdbcguard.heal;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.core.ConnectionRegistry;
import dev.jdbcguard.core.Counters;
import dev.jdbcguard.core.Durations;
import dev.jdbcguard.core.Events;
import dev.jdbcguard.core.Guard;
import dev.jdbcguard.core.Healing;
import dev.jdbcguard.core.LossDiagnosis;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.Options;
import dev.jdbcguard.core.TrackedConnection;
import dev.jdbcguard.sql.SqlFacts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;

/**
 * Decides, before a call on a connection that has been idle, whether its link still works, and
 * revives it in place when it does not: same {@code Connection} object, same statements,
 * session state put back. Never inside a transaction that has work in it: the server already
 * rolled that back, and pretending otherwise would commit half of it.
 */
public final class Healer implements Healing {

    private final long validateAfterNanos;
    private final int pingTimeoutSeconds;
    private final boolean enabled;
    private final Counters counters;
    private final Revival revival;
    private final LossRecovery recovery;

    public Healer(Options options, Counters counters, ConnectionRegistry registry, LossDiagnosis diagnosis) {
        this.validateAfterNanos = options.validateAfterNanos();
        this.pingTimeoutSeconds = (int) Math.max(1, (options.pingTimeoutMillis() + 999) / 1000);
        this.enabled = options.heal();
        this.counters = counters;
        this.revival = new Revival((int) Math.max(1, Math.min(Integer.MAX_VALUE, options.reconnectTimeoutMillis())),
                counters, registry, diagnosis);
        this.recovery = new LossRecovery(counters, revival);
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** Null to let the call go ahead, or the exception to throw instead of it. */
    @Override
    public Throwable beforeUse(TrackedConnection t, Connection connection, int op, String sql, long now) {
        if (!enabled || t.closed || op == Bridge.OP_SET_NETWORK_TIMEOUT) {
            // closed stays closed; setNetworkTimeout is a local socket setting (pools call it right
            // before they close a connection, which must not revive it first)
            return null;
        }
        if (op == Bridge.OP_VALIDATE) {
            return null; // the pool's own check is the ping: a failed one is healed at its end (afterFailedValidation)
        }
        if (t.lostTransaction != null) {
            return afterLostTransaction(t, connection, op, sql);
        }
        long idle = now - t.lastRoundTripNanos;
        if (!t.suspect && idle < validateAfterNanos) {
            return null;
        }
        if (t.support.reconnectsItself(connection)) {
            t.suspect = false;
            return null; // the driver fails over by itself and says what was lost: no ping, no refusal
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
        return revival.revive(t, connection, why, rollsBack(op, sql));
    }

    /**
     * A pool's check ({@code isValid}: HikariCP on every borrow after half a second idle, DBCP2 on
     * every borrow) said the connection is dead. When it can be healed without losing anything it
     * is healed here, and true is returned: the check runs again on the new session, so the pool
     * keeps the connection and logs nothing. One that cannot (a transaction or state a new session
     * would not have, a driver that cannot reconnect in place, a reconnect that fails, a check that
     * got no answer at all) is left as it is: the pool replaces it, which is what it is for.
     */
    @Override
    public boolean afterFailedValidation(TrackedConnection t, Connection connection) {
        if (!enabled || t.closed || connection == null || t.lostTransaction != null
                || t.support.reconnectsItself(connection) || !healsInPlace(t)) {
            return false;
        }
        if (System.nanoTime() - t.callStartNanos >= pingTimeoutSeconds * 900_000_000L) {
            return false; // no answer within pingTimeout: a black hole, where a reconnect would hang too
        }
        String why = whyDead(t, t.idleAtEntryNanos, t.adoptedUnchecked);
        t.adoptedUnchecked = false;
        t.suspect = false;
        return revival.revive(t, connection, why + "; found by the pool's validation", false) == null;
    }

    /** Nothing stops an in-place reconnect: no transaction, no state a new session would not have, a driver that can. */
    private static boolean healsInPlace(TrackedConnection t) {
        return !t.inTransaction() && t.session.pinnedBy() == null && t.support.canReconnect();
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
        Events.flight().healFailed(t, "no answer to a ping within pingTimeout " + pingTimeoutSeconds + " s (idle "
                + Durations.seconds(idleNanos) + ")", "the call was not sent; the next use checks again");
        return new SQLRecoverableException("jdbc-guard: " + what + "; the call was not sent.", "08S01");
    }

    @Override
    public boolean afterLoss(TrackedConnection t, Connection connection, String sql, java.sql.Statement statement,
                             Throwable thrown, boolean killedHere) {
        return enabled && recovery.afterLoss(t, connection, sql, statement, thrown, killedHere);
    }

    @Override
    public void commitLost(TrackedConnection t, Throwable thrown) {
        if (enabled) {
            recovery.commitLost(t, thrown);
        }
    }

    @Override
    public boolean preparedOnOldSession(TrackedConnection t, Connection connection, java.sql.Statement statement,
                                        Throwable thrown) {
        return enabled && recovery.preparedOnOldSession(t, connection, statement, thrown);
    }

    /**
     * After a lost transaction only a rollback (JDBC or SQL) ends the refusals; it ends nothing on
     * the new session. Making a statement is allowed (the program needs one to send ROLLBACK) and
     * reconnects, since the driver refuses to make statements on a closed session; nothing more is
     * lost by that, and statements stay refused until the rollback.
     */
    private Throwable afterLostTransaction(TrackedConnection t, Connection connection, int op, String sql) {
        String lost = t.lostTransaction;
        if (rollsBack(op, sql)) {
            t.lostTransaction = null;
            t.transactionStatements = 0;
            t.transactionEnded();
            return t.linkDead ? revival.revive(t, connection, lost, true) : null;
        }
        if (op == Bridge.OP_CREATE_STATEMENT || op == Bridge.OP_PREPARE) {
            return t.linkDead ? revival.revive(t, connection, lost, true) : null;
        }
        Events.flight().refused(t, lost, sql);
        return Revival.lostTransactionError(t);
    }

    /** rollback(), or a statement that is nothing but ROLLBACK: nothing is left to lose. */
    private static boolean rollsBack(int op, String sql) {
        if (op == Bridge.OP_ROLLBACK) {
            return true;
        }
        if (op != Guard.OP_EXECUTE || sql == null) {
            return false;
        }
        SqlFacts facts = SqlFacts.read(sql);
        return facts.statements() == 1 && facts.rollsBack();
    }

    /** Pings the connection; the reason it is dead, or null when it answered. */
    private String deadBecause(TrackedConnection t, Connection connection, long idleNanos) {
        boolean adopted = t.adoptedUnchecked;
        t.adoptedUnchecked = false;
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
        return whyDead(t, idleNanos, adopted);
    }

    /** What is known of why a connection whose ping failed is dead. */
    private static String whyDead(TrackedConnection t, long idleNanos, boolean adopted) {
        if (adopted) {
            return "opened before the agent was attached, so its idle time is unknown, and the ping failed";
        }
        if (t.suspect) {
            return "the last call failed on a lost link and the ping failed too";
        }
        long waitTimeout = t.waitTimeoutSeconds;
        if (waitTimeout > 0 && idleNanos > waitTimeout * 1_000_000_000L) {
            return "idle " + Durations.seconds(idleNanos) + " > wait_timeout " + waitTimeout + " s";
        }
        return "ping failed after idle " + Durations.seconds(idleNanos);
    }
}
