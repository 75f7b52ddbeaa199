package dev.jdbcguard.heal;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.core.ConnectionRegistry;
import dev.jdbcguard.core.Counters;
import dev.jdbcguard.core.Durations;
import dev.jdbcguard.core.Guard;
import dev.jdbcguard.core.Healing;
import dev.jdbcguard.core.LossDiagnosis;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.Options;
import dev.jdbcguard.core.Servers;
import dev.jdbcguard.core.SessionEffects;
import dev.jdbcguard.core.ThreadNames;
import dev.jdbcguard.core.TrackedConnection;
import dev.jdbcguard.driver.DriverSupport;
import dev.jdbcguard.sql.SqlFacts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;

/**
 * Decides, before a call on a connection that has been idle, whether its link still works, and
 * revives it in place when it does not: same {@code Connection} object, same statements,
 * session state put back. Never inside a transaction that has work in it: the server already
 * rolled that back, and pretending otherwise would commit half of it.
 */
public final class Healer implements Healing {

    /**
     * A read that failed after running this long is run again only if its old session still
     * exists: a kill that came while it ran ends the session; a cut link does not.
     */
    private static final long LONG_RUN_NANOS = 1_000_000_000L;

    private final long validateAfterNanos;
    private final int pingTimeoutSeconds;
    private final int reconnectTimeoutMillis;
    private final boolean enabled;
    private final Counters counters;
    private final ConnectionRegistry registry;
    private final LossDiagnosis diagnosis;

    public Healer(Options options, Counters counters, ConnectionRegistry registry, LossDiagnosis diagnosis) {
        this.registry = registry;
        this.diagnosis = diagnosis;
        this.validateAfterNanos = options.validateAfterNanos();
        this.pingTimeoutSeconds = (int) Math.max(1, (options.pingTimeoutMillis() + 999) / 1000);
        this.enabled = options.heal();
        this.reconnectTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, options.reconnectTimeoutMillis()));
        this.counters = counters;
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
        return revive(t, connection, why, rollsBack(op, sql));
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
        return revive(t, connection, why + "; found by the pool's validation", false) == null;
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
        return new SQLRecoverableException("jdbc-guard: " + what + "; the call was not sent.", "08S01");
    }

    /**
     * A statement failed on a lost link. Returns true when the link was revived and the
     * statement may run again: it provably changes nothing (a pure read in autocommit mode that
     * neither the server killed nor the client timed out) or provably never reached the server.
     * Otherwise the program gets an error that says what became of its work.
     */
    @Override
    public boolean afterLoss(TrackedConnection t, Connection connection, String sql, java.sql.Statement statement,
                      Throwable thrown, boolean killedHere) {
        if (!enabled || t.retried || connection == null || t.closed) {
            return false;
        }
        if (t.support.reconnectsItself(connection)) {
            return false; // a high-availability URL: the driver's own failover decides
        }
        String text = sql != null ? sql : statement != null ? t.support.sqlOf(statement) : null;
        SqlFacts facts = text == null ? null : SqlFacts.read(text);
        String failure = "the statement failed: " + firstLine(thrown.getMessage());
        if (t.inTransaction() || !t.autoCommitOnServer()) {
            return lostWithTransaction(t, connection, facts, failure, thrown);
        }
        boolean notSent = LossVerdict.neverSent(thrown);
        boolean serverSaidKilled = LossVerdict.killedByServer(thrown);
        boolean killed = killedHere || serverSaidKilled;
        boolean repeatable = notSent
                || facts != null && facts.pureRead() && !killed && !LossVerdict.clientTimedOut(thrown);
        long oldSession = t.serverThreadId;
        long ranNanos = System.nanoTime() - t.callStartNanos;
        // Only a statement that may run again waits for a restarting server; one that will not gets its
        // error at once. A long one is run again only if its old session survived, which a server
        // that had to be waited for did not.
        Throwable refusal = revive(t, connection, failure, false,
                repeatable && (notSent || ranNanos <= LONG_RUN_NANOS));
        if (refusal == null && repeatable && !notSent && ranNanos > LONG_RUN_NANOS
                && !stillRunning(t, connection, oldSession)) {
            // It ran a while and its session is gone: killed or ended by the server, not a cut
            // link (after a cut the server goes on until it writes the result). Not run again.
            repeatable = false;
        }
        if (refusal != null) {
            thrown.addSuppressed(refusal);
        } else if (repeatable) {
            t.retried = true;
            counters.retries.increment();
            Log.info("connection " + t.label() + ": the statement failed on a lost link and was run again after"
                    + " the reconnect (" + (notSent ? "it never reached the server" : "a pure read changes nothing")
                    + ")");
            return true;
        }
        // an error reply that says "killed" is the server's own account; a kill seen only as the
        // end of the stream may have come after the write was done
        if (!serverSaidKilled && !notSent && (facts == null || !facts.pureRead())) {
            Bridge.throwInstead(unknownOutcome(t, "the statement was sent in autocommit mode and the link was lost"
                    + " before the server's reply", thrown));
        }
        return false;
    }

    /**
     * The link died under a statement while the server had a transaction open (or autocommit
     * off): the server rolls the transaction back with the session, unless the statement itself
     * could have committed it (COMMIT, DDL, anything the lexer cannot read), whose outcome nobody
     * can know.
     */
    private boolean lostWithTransaction(TrackedConnection t, Connection connection, SqlFacts facts, String failure,
                                        Throwable thrown) {
        if (facts == null || facts.unknown() || facts.commits()) {
            endedUnknown(t);
            Bridge.throwInstead(unknownOutcome(t, "the link was lost after a statement that may commit the"
                    + " transaction was sent, before the server's reply", thrown));
            return false;
        }
        Throwable refusal = revive(t, connection, failure, false);
        if (refusal instanceof SQLException && refusal.getCause() == null) {
            refusal.initCause(thrown);
            Bridge.throwInstead(refusal);
        }
        return false;
    }

    /** Whether the server still has the old session: the link was cut under it, the server did not end it. */
    private static boolean stillRunning(TrackedConnection t, Connection connection, long oldSession) {
        java.util.List<String> row = SessionEffects.ask(t, connection,
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + oldSession, 1);
        return row != null && "1".equals(row.get(0));
    }

    /** commit() failed on a lost link: sent, but its reply never came. */
    @Override
    public void commitLost(TrackedConnection t, Throwable thrown) {
        if (!enabled || t.closed) {
            return;
        }
        endedUnknown(t);
        Bridge.throwInstead(unknownOutcome(t, "the link was lost after the commit was sent, before the server's"
                + " reply", thrown));
    }

    /** Whatever the server did, the transaction is over: the next use heals without refusing. */
    private void endedUnknown(TrackedConnection t) {
        t.transactionEnded();
        t.transactionStatements = 0;
        t.lostTransaction = null;
        t.suspect = true;
        counters.unknownOutcomes.increment();
    }

    private static SQLException unknownOutcome(TrackedConnection t, String what, Throwable cause) {
        String message = "jdbc-guard: connection " + t.label() + ": " + what + "; the outcome is unknown: it may or"
                + " may not have taken effect. Check on the server before running it again.";
        Log.warn(message.substring("jdbc-guard: ".length()));
        return new SQLNonTransientConnectionException(message, "08007", cause);
    }

    /**
     * A server-side prepared statement from before a reconnect failed because the new session
     * never prepared it: nothing ran, so it is prepared again and repeated once.
     */
    @Override
    public boolean preparedOnOldSession(TrackedConnection t, Connection connection, java.sql.Statement statement,
                                 Throwable thrown) {
        if (!enabled || t.retried || t.heals == 0 || statement == null || !(thrown instanceof SQLException)) {
            return false;
        }
        DriverSupport driver = t.support;
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
            return t.linkDead ? revive(t, connection, lost, true) : null;
        }
        if (op == Bridge.OP_CREATE_STATEMENT || op == Bridge.OP_PREPARE) {
            return t.linkDead ? revive(t, connection, lost, true) : null;
        }
        return lostTransactionError(t);
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

    private Throwable revive(TrackedConnection t, Connection connection, String why, boolean rollingBack) {
        return revive(t, connection, why, rollingBack, true);
    }

    /** {@code wait}: wait for a server that is not accepting connections yet, up to reconnectTimeout. */
    private Throwable revive(TrackedConnection t, Connection connection, String why, boolean rollingBack,
                             boolean wait) {
        if (!rollingBack && t.inTransaction()) {
            t.lostTransaction = why;
            t.linkDead = true;
            t.session.xa(false); // an XA transaction not yet prepared is this lost transaction itself
            counters.refusals.increment();
            Log.warn("connection " + t.label() + " was lost inside a transaction (" + why + "): the server rolled it"
                    + " back; jdbc-guard did not reconnect silently; the application gets an error until it calls"
                    + " rollback()");
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
        DriverSupport driver = t.support;
        if (!driver.canReconnect()) {
            counters.healFailures.increment();
            Log.warn("connection " + t.label() + " is dead (" + why + "); driver " + connection.getClass().getName()
                    + " cannot be reconnected in place: reported to the application before the call was sent");
            return new SQLRecoverableException("jdbc-guard: connection " + t.label() + " is dead (" + why
                    + "); this driver cannot be reconnected in place. Close it and open a new one.", "08003");
        }
        return reconnect(t, connection, driver, why, wait);
    }

    private Throwable reconnect(TrackedConnection t, Connection connection, DriverSupport driver, String reason,
                                boolean wait) {
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
            dev.jdbcguard.core.ServerFacts now = dev.jdbcguard.core.ServerFacts.read(connection);
            t.readServerStatus();
            t.serverThreadId = now.sessionIdOr(connection);
            String restart = diagnosis.restartCause(t, t.facts, now);
            if (restart != null) {
                why = restart + "; " + why;
                registry.serverReplaced(Servers.hostPort(t.url), t.facts.serverStartMillis);
            }
            t.facts = now;
            t.heals++;
            counters.heals.increment();
            Log.info("healed connection #" + t.id + " (server thread " + before + " -> " + t.serverThreadId
                    + ") on thread " + ThreadNames.current() + ": " + why + "; reconnected in "
                    + Durations.millis(System.nanoTime() - start)
                    + (failedTries > 0 ? " after waiting for the server (" + failedTries + " connect attempt(s) failed)"
                    : "") + "; restored " + restored);
            return null;
        } catch (Reconnect.ServerNotBack e) {
            counters.healFailures.increment();
            t.suspect = true; // logged by Reconnect; the next use checks again and reconnects once the server is back
            // a plain JDBC class for the program: the agent's own may not load where the exception travels
            return new SQLRecoverableException(e.getMessage(), e.getSQLState(), e.getCause());
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
