package dev.jdbcguard.core;

/**
 * A call's claim on a connection, from the hooks' side: taking back a claim that an error left
 * behind (its thread is inside no JDBC call any more), giving up a call the agent itself failed
 * in, and the release at a call's end.
 */
final class Claims {

    private Claims() {
    }

    /**
     * True when {@code inside} holds the claim but is not inside any JDBC call: its call ended in
     * an error the woven code could not report (a stack overflow at the very call into the agent),
     * and the claim is taken back. A stack walk of another thread costs tens of microseconds, so
     * one claim is checked once: a thread genuinely inside a long call is not walked again.
     */
    static boolean leftBehind(TrackedConnection t, Thread inside) {
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
    static boolean ownClaimLeftBehind(TrackedConnection t) {
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
    static void abandon(TrackedConnection t, Throwable e) {
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
    static void abandonExit(Object token, Throwable e) {
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

    /** The end of a call: the outermost one hands the connection on. */
    static void leave(TrackedConnection t, long now) {
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
