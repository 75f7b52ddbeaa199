package dev.jdbcguard.instrument;

import dev.jdbcguard.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined where a driver builds a physical connection: registers what it returns. */
public final class DriverAdvice {

    private DriverAdvice() {
    }

    /** {@code java.sql.Driver#connect(String, Properties)}. */
    public static final class Connect {
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Argument(0) String url, @Advice.Return Object connection,
                         @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                Bridge.connected(connection, url);
            } else {
                Bridge.connectFailed(url, thrown);
            }
        }
    }

    /**
     * Static factories that data sources and multi-host proxies call directly (MariaDB's
     * {@code Driver.connect(Configuration)}, Connector/J's {@code ConnectionImpl.getInstance}).
     */
    public static final class Factory {
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Argument(0) Object target, @Advice.Return Object connection,
                         @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                Bridge.connected(connection, null);
            } else {
                Bridge.connectFailed(target, thrown);
            }
        }
    }

    /**
     * Connector/J's {@code ConnectionImpl.handleCleanup(Throwable)}: after a lost link it closes
     * every statement of the connection. While the agent heals, it force-closes the session
     * instead, so the connection and its statements can be revived in place.
     */
    public static final class Cleanup {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.This Object self, @Advice.Argument(0) Throwable why) {
            return Bridge.linkLost(self, why);
        }
    }
}
