package dev.jdbcguard.runtime;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.bootstrap.Hooks;
import dev.jdbcguard.diagnose.ConnectionLoss;
import dev.jdbcguard.driver.DriverSupport;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The agent core behind the bootstrap bridge: keeps each tracked connection's owner thread,
 * idle time and transaction state current, and asks the {@link Healer} before a call that
 * follows an idle period. Everything here runs on application threads inside JDBC calls, so
 * the common path takes no lock and allocates nothing.
 */
public final class Guard extends Hooks {

    private final ConnectionRegistry registry;
    private final Healer healer;
    private final ThreadWatch threads;
    private final Counters counters;
    private final boolean adoptOnFirstUse;

    public Guard(ConnectionRegistry registry, Options options, Counters counters, boolean adoptOnFirstUse) {
        this.registry = registry;
        this.healer = new Healer(options, counters);
        this.threads = new ThreadWatch(options.threads(), options.strictThreads(), counters);
        this.counters = counters;
        this.adoptOnFirstUse = adoptOnFirstUse;
    }

    @Override
    public void connected(Object connection, String url) {
        if (!(connection instanceof Connection) || Proxy.isProxyClass(connection.getClass())) {
            return; // multi-host proxies and wrappers: their physical connections register themselves
        }
        String knownUrl = url;
        if (knownUrl == null) {
            try {
                knownUrl = ((Connection) connection).getMetaData().getURL();
            } catch (Exception | LinkageError e) {
                knownUrl = null;
            }
        }
        TrackedConnection t = registry.register(connection, knownUrl, CreationSite.here());
        if (t.lastThreadName == null) {
            counters.opened.increment();
            t.lastThreadName = t.openedBy;
        }
    }

    @Override
    public Object enterConnection(Object connection, int op, Object sql) {
        TrackedConnection t = find(connection);
        if (t == null) {
            return null;
        }
        return enter(t, (Connection) connection, op, (String) sql);
    }

    @Override
    public Object enterStatement(Object statement, Object sql) {
        Connection connection;
        try {
            connection = ((Statement) statement).getConnection();
        } catch (Exception e) {
            return null; // a closed statement: the driver will say so itself
        }
        TrackedConnection t = connection == null ? null : find(connection);
        if (t == null) {
            return null;
        }
        Object token = enter(t, connection, Healer.OP_EXECUTE, sql instanceof String ? (String) sql : null);
        if (token == t && t.depth == 1) {
            t.currentSql = sql instanceof String ? (String) sql : null;
            t.currentStatement = (Statement) statement;
        }
        return token;
    }

    private TrackedConnection find(Object connection) {
        TrackedConnection t = registry.find(connection);
        if (t == null && adoptOnFirstUse && DriverSupport.of(connection.getClass()).canReconnect()) {
            t = adopt((Connection) connection);
        }
        return t;
    }

    /**
     * A connection opened before the agent was attached, seen for the first time. Its idle time
     * and transaction are unknown, so it is checked before this first use and its transaction
     * state is asked of the driver.
     */
    private TrackedConnection adopt(Connection connection) {
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
        counters.adopted.increment();
        return t;
    }

    private Object enter(TrackedConnection t, Connection connection, int op, String sql) {
        Thread current = Thread.currentThread();
        if (t.inside() == current) {
            t.depth++;
            return t;
        }
        while (!t.claim(current)) {
            Thread inside = t.inside();
            if (inside != null) {
                Throwable refusal = threads.concurrentEntry(t, inside, current, op);
                return refusal != null ? refusal : t.guest;
            }
        }
        t.depth = 1;
        t.connection = connection;
        if (t.lastThreadName != current.getName()) {
            t.lastThreadName = current.getName();
        }
        if (op == Bridge.OP_CLOSE) {
            return t;
        }
        Throwable refusal = threads.ownedEntry(t, current, op);
        if (refusal == null) {
            refusal = healer.beforeUse(t, connection, op, sql);
        }
        if (refusal != null) {
            leave(t);
            return refusal;
        }
        return t;
    }

    @Override
    public void exitConnection(Object token, int op, long arg, Object objectArg, Throwable thrown) {
        if (token instanceof TrackedConnection.Guest) {
            ((TrackedConnection.Guest) token).connection.lastUsedNanos = System.nanoTime();
            return;
        }
        TrackedConnection t = (TrackedConnection) token;
        if (thrown == null) {
            if (!t.busyHealing) {
                Transitions.connectionCall(t, op, arg, (String) objectArg);
            }
        } else if (ConnectionLoss.is(thrown)) {
            t.suspect = true;
        }
        leave(t);
    }

    @Override
    public boolean linkLost(Object connection, Throwable why) {
        TrackedConnection t = registry.find(connection);
        if (t == null || !healer.enabled() || !DriverSupport.of(connection.getClass()).keepRevivable(connection, why)) {
            return false;
        }
        t.suspect = true;
        return true;
    }

    @Override
    public boolean exitStatement(Object token, Throwable thrown) {
        if (token instanceof TrackedConnection.Guest) {
            ((TrackedConnection.Guest) token).connection.lastUsedNanos = System.nanoTime();
            return false;
        }
        TrackedConnection t = (TrackedConnection) token;
        if (thrown == null) {
            if (!t.busyHealing && t.depth == 1) {
                Transitions.statementRan(t, t.currentSql);
            }
        } else if (t.depth == 1 && !t.busyHealing) {
            if (ConnectionLoss.is(thrown) ? healer.afterLoss(t, t.connection, t.currentSql, thrown)
                    : healer.preparedOnOldSession(t, t.connection, t.currentStatement, thrown)) {
                return true; // safe to run again: the advice repeats the call
            }
        }
        leave(t);
        return false;
    }

    private static void leave(TrackedConnection t) {
        if (--t.depth <= 0) {
            t.depth = 0;
            t.connection = null;
            t.currentSql = null;
            t.currentStatement = null;
            t.retried = false;
            t.lastUsedNanos = System.nanoTime();
            t.release();
        }
    }
}
