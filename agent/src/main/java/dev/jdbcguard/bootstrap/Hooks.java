package dev.jdbcguard.bootstrap;

/**
 * What the inlined advice calls, implemented by the agent core.
 *
 * <p>This class lives on the bootstrap class path so that advice inlined into a driver loaded by
 * any class loader can see it. Its signatures therefore use {@code java.base} types only: on
 * Java 9+ {@code java.sql} sits in the platform loader, which the bootstrap loader cannot see.
 */
public abstract class Hooks {

    /** A driver built a physical connection for {@code url}. */
    public abstract void connected(Object connection, String url);

    /** A connection pool object was constructed; {@code type} is its class name. */
    public abstract void poolCreated(Object pool, String type);

    /**
     * A pool starts building a physical connection on this thread; returns what to hand back to
     * {@link #poolWorkEnds} (the pool that was current before, for nested calls).
     */
    public abstract Object poolWorkBegins(Object pool);

    public abstract void poolWorkEnds(Object previous);

    /** A pool handed out {@code proxy} (one per checkout). */
    public abstract void checkedOut(Object proxy);

    /** The program closed {@code proxy}: the connection goes back to its pool. */
    public abstract void checkedIn(Object proxy);

    /**
     * A driver failed to build a connection; {@code target} is the URL string, or the driver's
     * own configuration object where a factory was called with one.
     */
    public abstract void connectFailed(Object target, Throwable thrown);

    /**
     * A thread enters a connection method. Returns a token for {@link #exitConnection}, or a
     * {@link Throwable} that the advice throws instead of running the method.
     */
    public abstract Object enterConnection(Object connection, int op, Object sql);

    /** The connection method returned ({@code thrown == null}) or threw. */
    public abstract void exitConnection(Object token, int op, long arg, Object objectArg, Throwable thrown);

    /**
     * {@code isValid} of the connection entered with {@code token} answered {@code valid}. True
     * when the agent healed the connection and the woven code is to ask the driver once more;
     * otherwise the call has ended as by {@link #exitConnection}.
     */
    public boolean validated(Object token, boolean valid) {
        exitConnection(token, Bridge.OP_VALIDATE, valid ? 1L : 0L, null, null);
        return false;
    }

    /**
     * {@code connection.prepareStatement} or {@code prepareCall} returned {@code statement}: a
     * driver whose statements hold ids of server-side prepares may need to know them all.
     */
    public void prepared(Object connection, Object statement) {
    }

    /**
     * A thread enters a statement's execute method; token or Throwable as for connections.
     * {@code connection} is the statement's connection where the woven code could read it from
     * the driver's field, else null.
     */
    public abstract Object enterStatement(Object statement, Object connection, Object sql);

    /**
     * The driver is about to tear a connection down after a lost link. True means the agent
     * closed it in a revivable way instead and the driver's teardown must be skipped.
     */
    public abstract boolean linkLost(Object connection, Throwable why);

    /** The execute method ended; returns true when the agent healed the link and the call must run again. */
    public abstract boolean exitStatement(Object token, Throwable thrown);
}
