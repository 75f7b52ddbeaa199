package dev.jdbcguard.instrument;

import dev.jdbcguard.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the connection pools users run (HikariCP, DBCP2, c3p0, Tomcat JDBC), so each
 * physical connection is attributed to the pool instance that made it, and the pool to the
 * application line that created it, even when the pool opens connections on its own threads.
 */
public final class PoolAdvice {

    private PoolAdvice() {
    }

    /** Constructor of the pool object: runs on the application thread that created the pool. */
    public static final class Created {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool, @Advice.Origin("#t") String type) {
            Bridge.poolCreated(pool, type);
        }
    }

    /** The pool's method that opens a physical connection: what the driver builds inside belongs to it. */
    public static final class Opens {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object pool) {
            return Bridge.poolWorkBegins(pool);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object previous) {
            Bridge.poolWorkEnds(previous);
        }
    }

    /** Constructor of the proxy a pool hands out per checkout. */
    public static final class CheckedOut {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object proxy) {
            Bridge.checkedOut(proxy);
        }
    }

    /** close() of that proxy: the connection goes back to the pool. */
    public static final class CheckedIn {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object proxy) {
            Bridge.checkedIn(proxy);
        }
    }

    /** Tomcat JDBC's borrow: what it returns (the pooled connection holder) is checked out. */
    public static final class Borrowed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object pooled) {
            if (pooled != null) {
                Bridge.checkedOut(pooled);
            }
        }
    }

    /** Tomcat JDBC's return: its argument comes back to the pool. */
    public static final class Returned {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object pooled) {
            Bridge.checkedIn(pooled);
        }
    }
}
