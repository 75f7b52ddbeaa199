package dev.jdbcguard.bootstrap;

/**
 * The only type woven code refers to. Until the agent core installs its {@link Hooks}, every
 * call is a no-op, so instrumented classes behave exactly as before. Every method swallows the
 * agent's own throwables: a bug of ours must never reach the host program. The one exception is
 * {@link #refuse}, whose whole purpose is to throw what the agent decided the caller gets.
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
    public static final int OP_CREATE_STATEMENT = 11;
    /** {@code isValid(int)}: a pool asking whether an idle connection is usable. Never refused. */
    public static final int OP_VALIDATE = 12;

    private static volatile Hooks hooks;
    /**
     * What a woven method throws instead of the driver's throwable, set by the agent on the
     * failure path only (an outcome the driver's error misstates, such as a commit whose reply was
     * lost). Only a replacement whose cause is the very throwable being thrown is used.
     */
    private static final ThreadLocal<Throwable> INSTEAD = new ThreadLocal<Throwable>();

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
            try {
                h.connected(connection, url);
            } catch (Throwable ignored) {
                // never the host program's problem
            }
        }
    }

    public static void poolCreated(Object pool, String type) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.poolCreated(pool, type);
            } catch (Throwable ignored) {
                // never the host program's problem
            }
        }
    }

    public static Object poolWorkBegins(Object pool) {
        Hooks h = hooks;
        try {
            return h == null ? null : h.poolWorkBegins(pool);
        } catch (Throwable ignored) {
            return null;
        }
    }

    public static void poolWorkEnds(Object previous) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.poolWorkEnds(previous);
            } catch (Throwable ignored) {
                // never the host program's problem
            }
        }
    }

    public static void checkedOut(Object proxy) {
        Hooks h = hooks;
        if (h != null && proxy != null) {
            try {
                h.checkedOut(proxy);
            } catch (Throwable ignored) {
                // never the host program's problem
            }
        }
    }

    public static void checkedIn(Object proxy) {
        Hooks h = hooks;
        if (h != null && proxy != null) {
            try {
                h.checkedIn(proxy);
            } catch (Throwable ignored) {
                // never the host program's problem
            }
        }
    }

    public static void connectFailed(Object target, Throwable thrown) {
        Hooks h = hooks;
        if (h != null && thrown != null) {
            try {
                h.connectFailed(target, thrown);
            } catch (Throwable ignored) {
                // never the host program's problem
            }
        }
    }

    public static Object enterConnection(Object connection, int op, Object sql) {
        Hooks h = hooks;
        try {
            return h == null ? null : h.enterConnection(connection, op, sql);
        } catch (Throwable ignored) {
            return null;
        }
    }

    public static void exitConnection(Object token, int op, long arg, Object objectArg, Throwable thrown) {
        Hooks h = hooks;
        if (h != null && token != null && !(token instanceof Throwable)) {
            try {
                h.exitConnection(token, op, arg, objectArg, thrown);
            } catch (Throwable ignored) {
                // never the host program's problem
            }
        }
    }

    /**
     * Thrown by {@link #validated} when {@code isValid} is to run again, and caught by the woven
     * method's own handler, which jumps back to the body's start ({@link #again}): the exit code
     * sits before a return, where no branch target may be placed without knowing the body's
     * locals, while the handler's frame is the agent's own. Never reaches the caller.
     */
    private static final Error AGAIN = new Again();

    private static final class Again extends Error {
        private static final long serialVersionUID = 1L;

        Again() {
            super("jdbc-guard: isValid is run again after a heal", null, false, false);
        }
    }

    /** {@code isValid} returned {@code valid}: the end of an {@link #OP_VALIDATE} call, with its answer. */
    public static void validated(boolean valid, Object token) {
        Hooks h = hooks;
        if (h == null || token == null || token instanceof Throwable) {
            return;
        }
        boolean again;
        try {
            again = h.validated(token, valid);
        } catch (Throwable ignored) {
            again = false; // never the host program's problem
        }
        if (again) {
            throw AGAIN;
        }
    }

    /** In the handler of a woven {@code isValid}: whether the throwable is the request to run it again. */
    public static boolean again(Throwable thrown) {
        return thrown == AGAIN;
    }

    /** {@code prepareStatement} or {@code prepareCall} of {@code connection} returned {@code statement}. */
    public static void prepared(Object connection, Object statement) {
        Hooks h = hooks;
        if (h != null && statement != null) {
            try {
                h.prepared(connection, statement);
            } catch (Throwable ignored) {
                // never the host program's problem
            }
        }
    }

    public static Object enterStatement(Object statement, Object connection, Object sql) {
        Hooks h = hooks;
        try {
            return h == null ? null : h.enterStatement(statement, connection, sql);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** Throws {@code token} when enter returned a refusal instead of a token; otherwise nothing. */
    public static void refuse(Object token) {
        if (token instanceof Throwable) {
            Bridge.<RuntimeException>rethrow((Throwable) token);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void rethrow(Throwable refusal) throws T {
        throw (T) refusal; // the caller gets the agent's SQLException as if the driver had thrown it
    }

    public static boolean linkLost(Object connection, Throwable why) {
        Hooks h = hooks;
        try {
            return h != null && h.linkLost(connection, why);
        } catch (Throwable ignored) {
            return false;
        }
    }

    public static boolean exitStatement(Object token, Throwable thrown) {
        Hooks h = hooks;
        try {
            return h != null && token != null && !(token instanceof Throwable) && h.exitStatement(token, thrown);
        } catch (Throwable ignored) {
            return false;
        }
    }

    /** The agent's core asks that the throwable in flight on this thread be replaced by {@code replacement}. */
    public static void throwInstead(Throwable replacement) {
        INSTEAD.set(replacement);
    }

    /** Called by every guarded weave right before it rethrows: the throwable to throw. */
    public static Throwable instead(Throwable thrown) {
        try {
            Throwable replacement = INSTEAD.get();
            if (replacement == null) {
                return thrown;
            }
            INSTEAD.remove();
            return replacement.getCause() == thrown ? replacement : thrown;
        } catch (Throwable ignored) {
            return thrown;
        }
    }
}
