package dev.jdbcguard.core;

import dev.jdbcguard.driver.DriverSupport;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * How a physical connection becomes tracked: registered where the driver builds it, with the
 * pool that opened it or the program's stack as its origin, or adopted at its first use when the
 * agent was attached after it was opened.
 */
final class Registration {

    private final ConnectionRegistry registry;
    private final Pools pools;
    private final LeakChecks leaks;
    private final Counters counters;
    private final boolean creationStacks;

    Registration(ConnectionRegistry registry, Pools pools, LeakChecks leaks, Counters counters, boolean creationStacks) {
        this.registry = registry;
        this.pools = pools;
        this.leaks = leaks;
        this.counters = counters;
        this.creationStacks = creationStacks;
    }

    void connected(Object connection, String url) {
        Log.connectionSeen(connection);
        if (!(connection instanceof Connection) || Proxy.isProxyClass(connection.getClass())) {
            return; // multi-host proxies and wrappers: their physical connections register themselves
        }
        if (registry.find(connection) != null) {
            return;
        }
        String knownUrl = url;
        if (knownUrl == null) {
            try {
                knownUrl = ((Connection) connection).getMetaData().getURL();
            } catch (Exception | LinkageError e) {
                knownUrl = null;
            }
        }
        Pools.Pool pool = pools.current();
        CreationSite site = pool != null ? pool.site : creationStacks ? CreationSite.here() : CreationSite.NOT_CAPTURED;
        TrackedConnection t = registry.register(connection, knownUrl, site);
        if (t.lastThreadName == null) {
            counters.opened.increment();
            t.lastThreadName = t.openedBy;
            t.pool = pool != null ? pool.name : site.pool();
            learnServerFacts(t, (Connection) connection);
            t.newSession((Connection) connection);
            leaks.opened(t);
        }
    }

    /** Two small queries on the new connection, so later diagnoses have figures to compare. */
    private static void learnServerFacts(TrackedConnection t, Connection connection) {
        t.busyHealing = true;
        try {
            t.facts = ServerFacts.read(connection);
            t.serverThreadId = t.facts.sessionIdOr(connection);
            if (t.waitTimeoutSeconds < 0 && t.facts.waitTimeoutSeconds > 0) {
                t.waitTimeoutSeconds = t.facts.waitTimeoutSeconds;
            }
        } finally {
            t.busyHealing = false;
        }
    }

    /**
     * A connection opened before the agent was attached, seen for the first time. Its idle time
     * and transaction are unknown, so it is checked before this first use and its transaction
     * state is asked of the driver.
     */
    TrackedConnection adopt(Connection connection, boolean willBeUsed) {
        Log.connectionSeen(connection);
        if (!willBeUsed) {
            // a close or abort: nothing of its session matters any more. On a dead link the facts
            // queries would first revive it, only to close it; and MariaDB's getURL() alone costs
            // milliseconds (it loads the codecs anew each time)
            counters.adopted.increment();
            return registry.register(connection, null, CreationSite.BEFORE_ATTACH);
        }
        String url;
        try {
            url = connection.getMetaData().getURL();
        } catch (Exception | LinkageError e) {
            url = null;
        }
        TrackedConnection t = registry.register(connection, url, CreationSite.BEFORE_ATTACH);
        try {
            t.autoCommit = connection.getAutoCommit();
        } catch (Exception e) {
            t.autoCommit = true;
        }
        if (!t.autoCommit) {
            Boolean open = DriverSupport.of(connection.getClass()).inTransaction(connection);
            t.transactionStatements = open == null || open ? 1 : 0;
        }
        t.suspect = true;
        t.adoptedUnchecked = true;
        counters.adopted.increment();
        // the driver's own record of the handshake: the facts query below may be the call that
        // finds the link dead and heals it, and its heal line names the session it replaced
        t.serverThreadId = t.support.serverThreadId(connection);
        learnServerFacts(t, connection);
        t.newSession(connection); // the flags of the facts query's reply: a transaction open at the attach counts
        return t;
    }
}
