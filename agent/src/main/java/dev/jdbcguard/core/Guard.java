package dev.jdbcguard.core;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.bootstrap.Hooks;
import dev.jdbcguard.driver.DriverSupport;
import dev.jdbcguard.sql.SqlFacts;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The agent core behind the bootstrap bridge: keeps each tracked connection's owner thread,
 * idle time and transaction state current, and asks the capabilities at the points of a call
 * where they decide: {@link Healing} before a call that follows an idle period and after a lost
 * link, {@link ThreadChecks} when a thread enters, {@link LossDiagnosis} when a call fails,
 * {@link LeakChecks} when connections come and go. Everything here runs on application threads
 * inside JDBC calls, so the common path takes no lock and allocates nothing.
 */
public final class Guard extends Hooks {

    /** Pseudo-op for statement execution, next to the connection ops of {@link Bridge}. */
    public static final int OP_EXECUTE = 100;

    private final ConnectionRegistry registry;
    private final Healing healer;
    private final ThreadChecks threads;
    private final LossDiagnosis losses;
    private final LeakChecks leaks;
    private final Pools pools = new Pools();
    private final Registration registration;
    private final boolean adoptOnFirstUse;

    /**
     * This guard as the bridge's type. The widening is written here, not at the caller: verifying a
     * caller that hands a Guard where a Hooks is expected loads both, and a JDK 24+ AOT cache that
     * holds the agent's classes (its jar on the class path too) fails to be made when it meets
     * Hooks, which only the boot loader defines, at start-up, after the cache was made.
     */
    public Hooks asHooks() {
        return this;
    }

    /**
     * @param adoptOnFirstUse attached to a running JVM: connections opened before are adopted at their first use
     */
    public Guard(ConnectionRegistry registry, Options options, Counters counters, boolean adoptOnFirstUse,
                 Healing healing, ThreadChecks threads, LeakChecks leaks, LossDiagnosis losses) {
        this.registry = registry;
        this.healer = healing;
        this.threads = threads;
        this.losses = losses;
        this.leaks = leaks;
        this.registration = new Registration(registry, pools, leaks, counters, options.creationStacks());
        this.adoptOnFirstUse = adoptOnFirstUse;
    }

    @Override
    public void connected(Object connection, String url) {
        registration.connected(connection, url);
    }

    @Override
    public void checkedOut(Object proxy) {
        leaks.checkedOut(proxy);
    }

    @Override
    public void checkedIn(Object proxy) {
        leaks.checkedIn(proxy);
    }

    @Override
    public void poolCreated(Object pool, String type) {
        pools.created(pool, type);
    }

    @Override
    public Object poolWorkBegins(Object pool) {
        return pools.begins(pool);
    }

    @Override
    public void poolWorkEnds(Object previous) {
        pools.ends(previous);
    }

    @Override
    public void connectFailed(Object target, Throwable thrown) {
        if (ConnectionLoss.explainable(thrown)) {
            losses.onConnectFailed(target, thrown);
        }
    }

    @Override
    public Object enterConnection(Object connection, int op, Object sql) {
        TrackedConnection t = find(connection, op);
        if (t == null) {
            return null;
        }
        if (op == Bridge.OP_PREPARE) {
            Transitions.prepared(t, (String) sql);
        }
        if (op == Bridge.OP_CREATE_STATEMENT || op == Bridge.OP_PREPARE && preparesOnClient(t, (Connection) connection)) {
            Thread inside = t.inside();
            if ((inside == null || inside == Thread.currentThread()) && !t.suspect && !t.closed
                    && t.lostTransaction == null) {
                // it never talks to the server: the statement's execute is checked before anything
                // is sent. Another thread inside (drivers make this call wait for it, so it is the
                // place to see the clash), a link already known to be broken, a closed connection
                // (its failure is explained here) or a lost transaction take the full path, since
                // the driver refuses to create statements on a closed session
                return null;
            }
        }
        return enter(t, (Connection) connection, op, (String) sql);
    }

    /**
     * Asked of the driver at the connection's first prepare rather than when it opens: the
     * reflection costs a program's first connection milliseconds, and many programs never prepare.
     */
    private static boolean preparesOnClient(TrackedConnection t, Connection connection) {
        Boolean known = t.preparesOnClient;
        if (known == null) {
            known = DriverSupport.of(connection.getClass()).preparesOnClient(connection);
            t.preparesOnClient = known;
        }
        return known;
    }

    /** A tracked connection's driver may need every statement it prepared, to forget their ids at a reconnect. */
    @Override
    public void prepared(Object connection, Object statement) {
        TrackedConnection t = registry.find(connection);
        if (t != null) {
            t.support.prepared((Connection) connection, statement);
        }
    }

    @Override
    public Object enterStatement(Object statement, Object fieldValue, Object sql) {
        Object owner = fieldValue != null ? fieldValue : StatementOwners.of(statement);
        TrackedConnection t = owner == null ? null : find(owner, OP_EXECUTE);
        if (t == null) {
            return null;
        }
        Connection connection = (Connection) owner;
        Object token = enter(t, connection, OP_EXECUTE, sql instanceof String ? (String) sql : null);
        if (token == t && t.depth == 1) {
            try {
                t.currentSql = sql instanceof String ? (String) sql : null;
                t.currentStatement = (Statement) statement;
                if (t.currentSql != null && !t.busyHealing && SqlFacts.startsWithKill(t.currentSql)) {
                    noteKill(t, SqlFacts.read(t.currentSql).killedSession());
                }
            } catch (Throwable e) {
                Claims.abandon(t, e);
                return null;
            }
        }
        return token;
    }

    private TrackedConnection find(Object connection, int op) {
        TrackedConnection t = registry.find(connection);
        if (t == null && adoptOnFirstUse && op != Bridge.OP_SET_NETWORK_TIMEOUT
                && DriverSupport.of(connection.getClass()).canReconnect()) {
            // setNetworkTimeout is how pools begin both a borrow check and a close: adopting there
            // would send the facts queries (and heal a dead link) before knowing which; the call
            // after it adopts
            t = registration.adopt((Connection) connection, op != Bridge.OP_CLOSE);
        }
        return t;
    }

    private Object enter(TrackedConnection t, Connection connection, int op, String sql) {
        Thread current = Thread.currentThread();
        if (t.inside() == current) {
            if (!Claims.ownClaimLeftBehind(t)) {
                t.depth++;
                return t;
            }
        } else {
            while (!t.claim(current)) {
                Thread inside = t.inside();
                if (inside != null && !Claims.leftBehind(t, inside)) {
                    Throwable refusal = threads.concurrentEntry(t, inside, current, op);
                    return refusal != null && op != Bridge.OP_VALIDATE ? refusal : t.guest;
                }
            }
        }
        long now = System.nanoTime(); // the one clock read of an entry
        t.depth = 1;
        t.callStartNanos = now;
        t.connection = connection;
        t.idleAtEntryNanos = now - t.lastRoundTripNanos;
        String name = ThreadNames.current();
        if (t.lastThreadName != name) {
            t.lastThreadName = name;
        }
        if (op == Bridge.OP_CLOSE) {
            return t;
        }
        try {
            Throwable refusal = threads.ownedEntry(t, current, op);
            if (refusal == null) {
                refusal = healer.beforeUse(t, connection, op, sql, now);
            }
            if (refusal != null && op != Bridge.OP_VALIDATE) { // a pool's isValid gets its answer, never an exception
                Claims.leave(t, System.nanoTime());
                return refusal;
            }
            return t;
        } catch (Throwable e) {
            Claims.abandon(t, e);
            return null; // the call runs unguarded
        }
    }

    /** A pool's isValid said false: healed when nothing is lost, and then asked once more. */
    @Override
    public boolean validated(Object token, boolean valid) {
        try {
            if (!valid && token instanceof TrackedConnection) {
                TrackedConnection t = (TrackedConnection) token;
                if (t.inside == Thread.currentThread() && t.depth == 1 && !t.busyHealing && !t.retried
                        && healer.afterFailedValidation(t, t.connection)) {
                    t.retried = true;
                    return true;
                }
            }
        } catch (Throwable e) {
            Claims.abandonExit(token, e);
            return false;
        }
        exitConnection(token, Bridge.OP_VALIDATE, valid ? 1L : 0L, null, null);
        return false;
    }

    @Override
    public void exitConnection(Object token, int op, long arg, Object objectArg, Throwable thrown) {
        try {
            connectionCallEnded(token, op, arg, objectArg, thrown);
        } catch (Throwable e) {
            Claims.abandonExit(token, e);
        }
    }

    private void connectionCallEnded(Object token, int op, long arg, Object objectArg, Throwable thrown) {
        if (token instanceof TrackedConnection.Guest) {
            TrackedConnection t = ((TrackedConnection.Guest) token).connection;
            if (thrown == null && reachesServer(t, op, arg)) {
                t.talkedToServerAt(System.nanoTime());
            }
            if (op == Bridge.OP_CLOSE && thrown == null) {
                markClosed(t); // closed or aborted by another thread while one was inside
            }
            return;
        }
        TrackedConnection t = (TrackedConnection) token;
        if (t.inside != Thread.currentThread()) {
            return; // abandoned after an error inside the agent, or taken back: nothing to hand on
        }
        if (t.depth > 1) {
            t.depth--; // a nested call of the driver: no clock, and the outermost one reports
            if (thrown == null) {
                if (!t.busyHealing) {
                    Transitions.connectionCall(t, op, arg, (String) objectArg);
                }
            } else if (ConnectionLoss.is(thrown)) {
                t.suspect = true;
            }
            return;
        }
        long now = System.nanoTime(); // the one clock read of an exit
        if (reachesServer(t, op, arg)) {
            t.talkedToServerAt(now);
        }
        if (op == Bridge.OP_VALIDATE && arg == 0L && thrown == null) {
            t.suspect = true; // the session is gone, or the driver closed the connection: the next use checks
        }
        if (thrown == null) {
            if (!t.busyHealing) {
                Transitions.connectionCall(t, op, arg, (String) objectArg);
                if (op == Bridge.OP_CLOSE) {
                    markClosed(t);
                }
            }
        } else {
            if (ConnectionLoss.is(thrown)) {
                t.suspect = true;
                if (op == Bridge.OP_COMMIT && !t.busyHealing) {
                    healer.commitLost(t, thrown);
                }
            }
            if (!t.busyHealing && ConnectionLoss.explainable(thrown)) {
                losses.onCallFailed(t, thrown);
            }
        }
        Claims.leave(t, now);
    }

    /**
     * Whether a call that ended well had a reply from the server: the idle clock counts only
     * those. setNetworkTimeout is a socket setting (pools call it right before isValid, and a
     * clock restarted there hid 8 s of idle from the check), and createStatement and client-side
     * prepares never leave the JVM; a prepare on the server does.
     */
    private static boolean reachesServer(TrackedConnection t, int op, long arg) {
        if (op == Bridge.OP_VALIDATE) {
            return arg == 1L; // an isValid that said false had no answer from the server
        }
        if (op == Bridge.OP_PREPARE) {
            return Boolean.FALSE.equals(t.preparesOnClient);
        }
        return op != Bridge.OP_USE && op != Bridge.OP_CREATE_STATEMENT && op != Bridge.OP_SET_NETWORK_TIMEOUT;
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
        try {
            return statementEnded(token, thrown);
        } catch (Throwable e) {
            Claims.abandonExit(token, e);
            return false;
        }
    }

    /** True when the statement is to run once more: the link died under it and it was healed. */
    private boolean statementEnded(Object token, Throwable thrown) {
        if (token instanceof TrackedConnection.Guest) {
            if (thrown == null) {
                ((TrackedConnection.Guest) token).connection.talkedToServerAt(System.nanoTime());
            }
            return false;
        }
        TrackedConnection t = (TrackedConnection) token;
        if (t.inside != Thread.currentThread()) {
            return false; // abandoned after an error inside the agent, or taken back
        }
        if (thrown == null && t.depth > 1) {
            t.depth--; // a statement the driver ran inside another call: the outermost one counts
            return false;
        }
        if (thrown == null) {
            long now = System.nanoTime(); // the one clock read of an exit
            t.talkedToServerAt(now);
            if (!t.busyHealing) {
                Transitions.statementRan(t, t.connection, t.currentSql, t.currentStatement);
            }
            Claims.leave(t, now);
            return false;
        }
        if (t.depth == 1 && !t.busyHealing) {
            if (ConnectionLoss.explainable(thrown) && !t.retried) {
                losses.onCallFailed(t, thrown);
            }
            if (ConnectionLoss.is(thrown) ? healer.afterLoss(t, t.connection, t.currentSql, t.currentStatement, thrown,
                    killedHereDuringCall(t))
                    : healer.preparedOnOldSession(t, t.connection, t.currentStatement, thrown)) {
                return true; // safe to run again: the woven code repeats the call
            }
        }
        Claims.leave(t, System.nanoTime());
        return false;
    }

    /** A KILL of this session was run through this JVM while the failed call was in flight. */
    private boolean killedHereDuringCall(TrackedConnection t) {
        ConnectionRegistry.Kill kill = registry.killOf(Servers.hostPort(t.url), t.serverThreadId);
        long callMillis = (System.nanoTime() - t.callStartNanos) / 1_000_000L;
        return kill != null && kill.atMillis > System.currentTimeMillis() - callMillis;
    }

    /**
     * A KILL run through this JVM is evidence for the diagnosis of the session it ended. Noted
     * before the KILL is sent: its victim may see its link die, and decide whether to run
     * its statement again, before this thread hears the KILL's reply.
     */
    private void noteKill(TrackedConnection t, long session) {
        if (session < 0) {
            return;
        }
        registry.killed(Servers.hostPort(t.url), session, "connection " + t.label() + " on thread \""
                + ThreadNames.current() + "\"");
    }

    /** Remembers who closed it: "used after close()" diagnoses name them. */
    private void markClosed(TrackedConnection t) {
        leaks.closed(t);
        t.closed = true;
        t.closedAtMillis = System.currentTimeMillis();
        t.closedBy = "thread \"" + ThreadNames.current() + "\" at "
                + CreationSite.chainOf(new Throwable().getStackTrace());
    }
}
