package dev.jdbcguard.heal;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.core.Counters;
import dev.jdbcguard.core.Events;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.SessionEffects;
import dev.jdbcguard.core.TrackedConnection;
import dev.jdbcguard.driver.DriverSupport;
import dev.jdbcguard.sql.SqlFacts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * After a statement failed on a lost link: heals the connection and runs the statement again
 * when that provably changes nothing, or gives the program the error that says what became of
 * its work (rolled back with its transaction, or an outcome nobody can know).
 */
final class LossRecovery {

    /**
     * A read that failed after running this long is run again only if its old session still
     * exists: a kill that came while it ran ends the session; a cut link does not.
     */
    private static final long LONG_RUN_NANOS = 1_000_000_000L;

    private final Counters counters;
    private final Revival revival;

    LossRecovery(Counters counters, Revival revival) {
        this.counters = counters;
        this.revival = revival;
    }

    /**
     * A statement failed on a lost link. Returns true when the link was revived and the
     * statement may run again: it provably changes nothing (a pure read in autocommit mode that
     * neither the server killed nor the client timed out) or provably never reached the server.
     * Otherwise the program gets an error that says what became of its work.
     */
    boolean afterLoss(TrackedConnection t, Connection connection, String sql, java.sql.Statement statement,
                      Throwable thrown, boolean killedHere) {
        if (t.retried || connection == null || t.closed) {
            return false;
        }
        if (t.support.reconnectsItself(connection)) {
            return false; // a high-availability URL: the driver's own failover decides
        }
        String text = sql != null ? sql : statement != null ? t.support.sqlOf(statement) : null;
        SqlFacts facts = text == null ? null : SqlFacts.read(text);
        String failure = "the statement failed: " + firstLine(thrown.getMessage());
        if (t.inTransaction() || !t.autoCommitOnServer()) {
            return lostWithTransaction(t, connection, facts, failure, thrown, killedHere || LossVerdict.killedByServer(thrown));
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
        Throwable refusal = revival.revive(t, connection, failure, false,
                repeatable && (notSent || ranNanos <= LONG_RUN_NANOS), killed);
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
            counters.retried(notSent ? Counters.NOT_SENT : Counters.PURE_READ);
            String reason = notSent ? "it never reached the server" : "a pure read changes nothing";
            Log.info("connection " + t.label() + ": the statement failed on a lost link and was run again after"
                    + " the reconnect (" + reason + ")");
            Events.flight().retried(t, reason);
            return true;
        }
        // an error reply that says "killed" is the server's own account; a kill seen only as the
        // end of the stream may have come after the write was done
        if (!serverSaidKilled && !notSent && (facts == null || !facts.pureRead())) {
            Bridge.throwInstead(unknownOutcome(t, oldSession, "the statement was sent in autocommit mode and the link was lost"
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
                                        Throwable thrown, boolean killed) {
        if (facts == null || facts.unknown() || facts.commits()) {
            endedUnknown(t);
            Bridge.throwInstead(unknownOutcome(t, t.serverThreadId, "the link was lost after a statement that may commit the"
                    + " transaction was sent, before the server's reply", thrown));
            return false;
        }
        Throwable refusal = revival.revive(t, connection, failure, false, true, killed);
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
    void commitLost(TrackedConnection t, Throwable thrown) {
        if (t.closed) {
            return;
        }
        endedUnknown(t);
        Bridge.throwInstead(unknownOutcome(t, t.serverThreadId, "the link was lost after the commit was sent, before the server's"
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

    /** {@code lostSession}: the server thread the work was sent to (the connection may have been healed since). */
    private static SQLException unknownOutcome(TrackedConnection t, long lostSession, String what, Throwable cause) {
        String message = "jdbc-guard: connection " + t.label() + ": " + what + "; the outcome is unknown: it may or"
                + " may not have taken effect. Check on the server before running it again.";
        Log.warn(message.substring("jdbc-guard: ".length()));
        Events.flight().unknownOutcome(t, lostSession, what, cause);
        return new SQLNonTransientConnectionException(message, "08007", cause);
    }

    /**
     * A server-side prepared statement from before a reconnect failed because the new session
     * never prepared it: nothing ran, so it is prepared again and repeated once.
     */
    boolean preparedOnOldSession(TrackedConnection t, Connection connection, java.sql.Statement statement,
                                 Throwable thrown) {
        if (t.retried || t.heals == 0 || statement == null || !(thrown instanceof SQLException)) {
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
        counters.retried(Counters.PREPARED_AGAIN);
        Log.debug("connection " + t.label() + ": a server-side prepared statement from the old session"
                + " is prepared again on the new one");
        return true;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).trim();
    }
}
