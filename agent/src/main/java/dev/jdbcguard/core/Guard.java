package dev.jdbcguard.core;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.bootstrap.Hooks;
import dev.jdbcguard.diagnose.LossReport;
import dev.jdbcguard.driver.DriverSupport;
import dev.jdbcguard.heal.Healer;
import dev.jdbcguard.leak.LeakWatch;
import dev.jdbcguard.sharing.ThreadWatch;
import dev.jdbcguard.sql.SqlFacts;
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
    private final LossReport losses;
    private final Pools pools = new Pools();
    private final LeakWatch leaks;
    private final boolean creationStacks;
    private final Counters counters;
    private final boolean adoptOnFirstUse;

    public Guard(ConnectionRegistry registry, Options options, Counters counters, boolean adoptOnFirstUse) {
        this.registry = registry;
        this.healer = new Healer(options, counters, registry);
        this.threads = new ThreadWatch(options.threads(), options.strictThreads(), counters);
        this.losses = new LossReport(registry);
        this.leaks = new LeakWatch(registry, counters, options);
        this.creationStacks = options.creationStacks();
        this.counters = counters;
        this.adoptOnFirstUse = adoptOnFirstUse;
    }

    @Override
    public void connected(Object connection, String url) {
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
            leaks.checkPressure(t);
        }
    }

    @Override
    public void checkedOut(Object proxy) {
        leaks.checkouts.checkedOut(proxy);
    }

    @Override
    public void checkedIn(Object proxy) {
        leaks.checkouts.checkedIn(proxy);
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

    /** Starts the agent's one background thread: it reports connections collected without close(). */
    public void startLeakWatch() {
        leaks.start();
    }

    @Override
    public void connectFailed(Object target, Throwable thrown) {
        if (ConnectionLoss.explainable(thrown)) {
            losses.onConnectFailed(target, thrown);
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
        TrackedConnection t = owner == null ? null : find(owner, Healer.OP_EXECUTE);
        if (t == null) {
            return null;
        }
        Connection connection = (Connection) owner;
        Object token = enter(t, connection, Healer.OP_EXECUTE, sql instanceof String ? (String) sql : null);
        if (token == t && t.depth == 1) {
            try {
                t.currentSql = sql instanceof String ? (String) sql : null;
                t.currentStatement = (Statement) statement;
                if (t.currentSql != null && !t.busyHealing && SqlFacts.startsWithKill(t.currentSql)) {
                    noteKill(t, SqlFacts.read(t.currentSql).killedSession());
                }
            } catch (Throwable e) {
                abandon(t, e);
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
            t = adopt((Connection) connection, op != Bridge.OP_CLOSE);
        }
        return t;
    }

    /**
     * A connection opened before the agent was attached, seen for the first time. Its idle time
     * and transaction are unknown, so it is checked before this first use and its transaction
     * state is asked of the driver.
     */
    private TrackedConnection adopt(Connection connection, boolean willBeUsed) {
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

    private Object enter(TrackedConnection t, Connection connection, int op, String sql) {
        Thread current = Thread.currentThread();
        if (t.inside() == current) {
            if (!ownClaimLeftBehind(t)) {
                t.depth++;
                return t;
            }
        } else {
            while (!t.claim(current)) {
                Thread inside = t.inside();
                if (inside != null && !leftBehind(t, inside)) {
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
                leave(t, System.nanoTime());
                return refusal;
            }
            return t;
        } catch (Throwable e) {
            abandon(t, e);
            return null; // the call runs unguarded
        }
    }

    /**
     * True when {@code inside} holds the claim but is not inside any JDBC call: its call ended in
     * an error the woven code could not report (a stack overflow at the very call into the agent),
     * and the claim is taken back. A stack walk of another thread costs tens of microseconds, so
     * one claim is checked once: a thread genuinely inside a long call is not walked again.
     */
    private boolean leftBehind(TrackedConnection t, Thread inside) {
        long callStart = t.callStartNanos;
        if (t.claimCheckedAt == callStart) {
            return false;
        }
        if (WovenMethods.countOn(inside.getStackTrace()) > 0 || t.callStartNanos != callStart) {
            t.claimCheckedAt = callStart;
            return false;
        }
        if (t.takeBack(inside)) {
            sayLeftBehind(t, inside);
        }
        return true;
    }

    /**
     * The thread inside enters again: a nested call of the driver (its outer call's woven frame
     * is below), or its own claim left behind by an error. Drivers nest at once (executeUpdate
     * calls executeLargeUpdate), so only an entry later than {@link #NESTED_WITHIN} after the outer
     * call began looks at the stack. The first woven frame of a program's next call finds no other
     * below it, so a left-behind claim is taken back by the first call after it, long before an
     * idle period makes a heal matter. (A driver call that nests again later than that, which
     * none of the tested drivers does, pays a stack walk per nested entry.)
     */
    private static boolean ownClaimLeftBehind(TrackedConnection t) {
        if (System.nanoTime() - t.callStartNanos < NESTED_WITHIN) {
            return false;
        }
        // this entry's own woven frame is one; an outer call in progress is another
        if (WovenMethods.countOn(new Throwable().getStackTrace()) > 1) {
            return false;
        }
        sayLeftBehind(t, Thread.currentThread());
        return true;
    }

    private static final long NESTED_WITHIN = 100_000_000L;

    private static void sayLeftBehind(TrackedConnection t, Thread owner) {
        Log.warn("connection " + t.label() + " was still marked as used by thread \"" + ThreadNames.of(owner)
                + "\", which is not inside any JDBC call (an error cut its last call short); released");
    }

    /**
     * An error inside the agent (a stack overflow, an OutOfMemoryError, a LinkageError) during a
     * call the current thread holds: the call goes on unguarded, the connection is owned by
     * nobody, and it is checked before its next use. Field writes only, in case the stack is
     * nearly gone; the log line is best effort.
     */
    private static void abandon(TrackedConnection t, Throwable e) {
        if (t.inside != Thread.currentThread()) {
            return;
        }
        t.busyHealing = false;
        t.depth = 0;
        t.connection = null;
        t.currentSql = null;
        t.currentStatement = null;
        t.retried = false;
        t.suspect = true;
        t.inside = null;
        if (!t.agentErrorSaid) {
            t.agentErrorSaid = true;
            try {
                Log.warn("an error inside the agent during a call on connection " + t.label() + " (" + e
                        + "): the call ran unguarded; the connection is checked before its next use");
            } catch (Throwable ignored) {
                // no stack or heap left for a line: the state above is what matters
            }
        }
    }

    /** An error inside the agent at a call's end: a nested call just ends, the outermost one abandons. */
    private static void abandonExit(Object token, Throwable e) {
        if (!(token instanceof TrackedConnection)) {
            return;
        }
        TrackedConnection t = (TrackedConnection) token;
        if (t.inside == Thread.currentThread() && t.depth > 1) {
            t.depth--;
        } else {
            abandon(t, e);
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
            abandonExit(token, e);
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
            abandonExit(token, e);
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
        leave(t, now);
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
            abandonExit(token, e);
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
            leave(t, now);
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
        leave(t, System.nanoTime());
        return false;
    }

    /** A KILL of this session was run through this JVM while the failed call was in flight. */
    private boolean killedHereDuringCall(TrackedConnection t) {
        ConnectionRegistry.Kill kill = registry.killOf(Servers.hostPort(t.url), t.serverThreadId);
        long callMillis = (System.nanoTime() - t.callStartNanos) / 1_000_000L;
        return kill != null && kill.atMillis > System.currentTimeMillis() - callMillis;
    }

    /** A KILL run through this JVM is evidence for the diagnosis of the session it ended. */
    /**
     * Noted before the KILL is sent: its victim may see its link die, and decide whether to run
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
        if (t.pool == null) {
            leaks.checkouts.closedUnpooled(t);
        }
        t.closed = true;
        t.closedAtMillis = System.currentTimeMillis();
        t.closedBy = "thread \"" + ThreadNames.current() + "\" at "
                + CreationSite.chainOf(new Throwable().getStackTrace());
    }

    private static void leave(TrackedConnection t, long now) {
        if (--t.depth <= 0) {
            t.depth = 0;
            t.connection = null;
            t.currentSql = null;
            t.currentStatement = null;
            t.retried = false;
            t.release();
        }
    }
}
