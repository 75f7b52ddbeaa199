package dev.jdbcguard.diagnose;

import dev.jdbcguard.core.ConnectionRegistry;
import dev.jdbcguard.core.Events;
import dev.jdbcguard.core.LossDiagnosis;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.ServerFacts;
import dev.jdbcguard.core.Servers;
import dev.jdbcguard.core.ThreadNames;
import dev.jdbcguard.core.TrackedConnection;
import dev.jdbcguard.mask.TextMask;
import dev.jdbcguard.mask.UrlMask;

/**
 * When a connection-lost error happens, says which cause it was: one log line, and the same text
 * attached to the driver's exception as a suppressed {@link Diagnosis} (the exception itself is
 * left as the driver made it).
 */
public final class LossReport implements LossDiagnosis {

    private final ConnectionRegistry registry;

    public LossReport(ConnectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onCallFailed(TrackedConnection t, Throwable thrown) {
        Evidence e = evidence(t);
        ConnectionRegistry.Kill kill = registry.killOf(e.server, t.serverThreadId);
        if (kill != null) {
            e.killedBy = kill.by;
            e.killedAgoMillis = System.currentTimeMillis() - kill.atMillis;
        }
        e.latestServerStartMillis = registry.latestServerStart(e.server);
        e.replacedServerStartMillis = registry.replacedStart(e.server);
        String cause = Diagnoser.explain(thrown, e);
        if (!attach(thrown, cause)) {
            return;
        }
        Log.warn("connection " + t.label() + " failed on thread " + ThreadNames.current() + ": " + cause
                + " [" + describe(thrown) + "]");
        Events.flight().lossDiagnosed(t, e.server, cause, thrown);
    }

    @Override
    public void onConnectFailed(Object target, Throwable thrown) {
        Evidence e = new Evidence();
        e.connection = "a new connection";
        e.server = Servers.hostPort(UrlMask.mask(Servers.urlOf(target)));
        e.facts = registry.factsFor(e.server);
        String cause = Diagnoser.explain(thrown, e);
        if (cause.startsWith("too many connections")) {
            cause += "; " + registry.pressureSummary(e.server);
        }
        if (!attach(thrown, cause)) {
            return;
        }
        Log.warn("connecting to " + e.server + " failed on thread " + ThreadNames.current() + ": " + cause
                + " [" + describe(thrown) + "]");
        Events.flight().lossDiagnosed(null, e.server, cause, thrown);
    }

    /** False when the exception already carries a diagnosis (nested driver calls, rethrows). */
    private static boolean attach(Throwable thrown, String cause) {
        for (Throwable s : thrown.getSuppressed()) {
            if (s instanceof Diagnosis) {
                return false;
            }
        }
        thrown.addSuppressed(new Diagnosis(TextMask.mask(cause))); // it may quote the driver's message
        return true;
    }

    static Evidence evidence(TrackedConnection t) {
        Evidence e = new Evidence();
        e.connection = t.label();
        e.serverThreadId = t.serverThreadId;
        e.server = Servers.hostPort(t.url);
        e.idleNanos = t.idleAtEntryNanos;
        e.waitTimeoutSeconds = t.waitTimeoutSeconds;
        e.facts = t.facts;
        e.connectionAgeMillis = System.currentTimeMillis() - t.openedAtMillis;
        if (t.closedAtMillis > 0) {
            e.closedAgoMillis = System.currentTimeMillis() - t.closedAtMillis;
            e.closedBy = t.closedBy;
        }
        Integer network = t.session.networkTimeoutMillis();
        e.networkTimeoutMillis = network != null ? network : Servers.socketTimeoutMillis(t.url);
        if (t.lastConcurrentMillis > 0) {
            e.concurrentAgoMillis = System.currentTimeMillis() - t.lastConcurrentMillis;
            e.concurrentThreads = t.lastConcurrentThreads;
        }
        e.statementLength = t.currentSql == null ? -1 : t.currentSql.length();
        return e;
    }

    /** The restart check for a heal: the new session's uptime against the old one's. */
    @Override
    public String restartCause(TrackedConnection t, ServerFacts before, ServerFacts after) {
        return Diagnoser.afterReconnect(before, after, System.currentTimeMillis() - t.openedAtMillis);
    }

    private static String describe(Throwable thrown) {
        String state = thrown instanceof java.sql.SQLException ? " " + ((java.sql.SQLException) thrown).getSQLState() : "";
        return thrown.getClass().getSimpleName() + state;
    }
}
