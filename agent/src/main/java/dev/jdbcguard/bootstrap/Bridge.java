package dev.jdbcguard.bootstrap;

/**
 * The only type advice code refers to. Until the agent core installs its {@link Hooks}, every
 * call is a no-op, so instrumented classes behave exactly as before.
 */
public final class Bridge {

    public static final int OP_USE = 0;
    public static final int OP_SET_AUTOCOMMIT = 1;
    public static final int OP_COMMIT = 2;
    public static final int OP_ROLLBACK = 3;
    public static final int OP_SET_CATALOG = 4;
    public static final int OP_SET_SCHEMA = 5;
    public static final int OP_SET_ISOLATION = 6;
    public static final int OP_SET_READ_ONLY = 7;
    public static final int OP_SET_NETWORK_TIMEOUT = 8;
    public static final int OP_CLOSE = 9;
    public static final int OP_PREPARE = 10;

    private static volatile Hooks hooks;

    private Bridge() {
    }

    public static void install(Hooks installed) {
        hooks = installed;
    }

    public static boolean installed() {
        return hooks != null;
    }

    public static void connected(Object connection, String url) {
        Hooks h = hooks;
        if (h != null && connection != null) {
            h.connected(connection, url);
        }
    }

    public static void poolCreated(Object pool, String type) {
        Hooks h = hooks;
        if (h != null) {
            h.poolCreated(pool, type);
        }
    }

    public static Object poolWorkBegins(Object pool) {
        Hooks h = hooks;
        return h == null ? null : h.poolWorkBegins(pool);
    }

    public static void poolWorkEnds(Object previous) {
        Hooks h = hooks;
        if (h != null) {
            h.poolWorkEnds(previous);
        }
    }

    public static void checkedOut(Object proxy) {
        Hooks h = hooks;
        if (h != null) {
            h.checkedOut(proxy);
        }
    }

    public static void checkedIn(Object proxy) {
        Hooks h = hooks;
        if (h != null) {
            h.checkedIn(proxy);
        }
    }

    public static void connectFailed(Object target, Throwable thrown) {
        Hooks h = hooks;
        if (h != null && thrown != null) {
            h.connectFailed(target, thrown);
        }
    }

    public static Object enterConnection(Object connection, int op, Object sql) {
        Hooks h = hooks;
        return h == null ? null : h.enterConnection(connection, op, sql);
    }

    public static void exitConnection(Object token, int op, long arg, Object objectArg, Throwable thrown) {
        Hooks h = hooks;
        if (h != null && token != null) {
            h.exitConnection(token, op, arg, objectArg, thrown);
        }
    }

    public static Object enterStatement(Object statement, Object sql) {
        Hooks h = hooks;
        return h == null ? null : h.enterStatement(statement, sql);
    }

    public static boolean linkLost(Object connection, Throwable why) {
        Hooks h = hooks;
        return h != null && h.linkLost(connection, why);
    }

    public static boolean exitStatement(Object token, Throwable thrown) {
        Hooks h = hooks;
        return h != null && token != null && h.exitStatement(token, thrown);
    }
}
