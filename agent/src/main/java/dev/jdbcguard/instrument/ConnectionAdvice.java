package dev.jdbcguard.instrument;

import dev.jdbcguard.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Advice templates inlined into {@code java.sql.Connection} implementations. Each nested class
 * serves one kind of method; the agent core decides what the call means. A {@link Throwable}
 * returned from enter skips the method and is thrown to the caller: that is how the agent
 * refuses a doomed call; any other throwable of the advice itself is suppressed.
 */
public final class ConnectionAdvice {

    private ConnectionAdvice() {
    }

    /** createStatement, setSavepoint, rollback(Savepoint), ...: calls that may talk to the server. */
    public static final class Use {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return Bridge.enterConnection(self, Bridge.OP_USE, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof Throwable) {
                thrown = (Throwable) token;
            } else {
                Bridge.exitConnection(token, Bridge.OP_USE, 0L, null, thrown);
            }
        }
    }

    /** prepareStatement(String, ...), prepareCall(String, ...): the SQL tells about pinned state. */
    public static final class Prepare {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
        static Object enter(@Advice.This Object self, @Advice.Argument(0) String sql) {
            return Bridge.enterConnection(self, Bridge.OP_PREPARE, sql);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof Throwable) {
                thrown = (Throwable) token;
            } else {
                Bridge.exitConnection(token, Bridge.OP_PREPARE, 0L, null, thrown);
            }
        }
    }

    public static final class SetAutoCommit {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return Bridge.enterConnection(self, Bridge.OP_SET_AUTOCOMMIT, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Argument(0) boolean value,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof Throwable) {
                thrown = (Throwable) token;
            } else {
                Bridge.exitConnection(token, Bridge.OP_SET_AUTOCOMMIT, value ? 1L : 0L, null, thrown);
            }
        }
    }

    public static final class Commit {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return Bridge.enterConnection(self, Bridge.OP_COMMIT, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof Throwable) {
                thrown = (Throwable) token;
            } else {
                Bridge.exitConnection(token, Bridge.OP_COMMIT, 0L, null, thrown);
            }
        }
    }

    public static final class Rollback {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return Bridge.enterConnection(self, Bridge.OP_ROLLBACK, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof Throwable) {
                thrown = (Throwable) token;
            } else {
                Bridge.exitConnection(token, Bridge.OP_ROLLBACK, 0L, null, thrown);
            }
        }
    }

    /** setCatalog(String) and setSchema(String). */
    public static final class SetCatalog {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return Bridge.enterConnection(self, Bridge.OP_SET_CATALOG, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Argument(0) String value,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof Throwable) {
                thrown = (Throwable) token;
            } else {
                Bridge.exitConnection(token, Bridge.OP_SET_CATALOG, 0L, value, thrown);
            }
        }
    }

    public static final class SetIsolation {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return Bridge.enterConnection(self, Bridge.OP_SET_ISOLATION, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Argument(0) int value,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof Throwable) {
                thrown = (Throwable) token;
            } else {
                Bridge.exitConnection(token, Bridge.OP_SET_ISOLATION, value, null, thrown);
            }
        }
    }

    public static final class SetReadOnly {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return Bridge.enterConnection(self, Bridge.OP_SET_READ_ONLY, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Argument(0) boolean value,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof Throwable) {
                thrown = (Throwable) token;
            } else {
                Bridge.exitConnection(token, Bridge.OP_SET_READ_ONLY, value ? 1L : 0L, null, thrown);
            }
        }
    }

    /** setNetworkTimeout(Executor, int milliseconds). */
    public static final class SetNetworkTimeout {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return Bridge.enterConnection(self, Bridge.OP_SET_NETWORK_TIMEOUT, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Argument(1) int millis,
                         @Advice.Thrown(readOnly = false) Throwable thrown) {
            if (token instanceof Throwable) {
                thrown = (Throwable) token;
            } else {
                Bridge.exitConnection(token, Bridge.OP_SET_NETWORK_TIMEOUT, millis, null, thrown);
            }
        }
    }

    /** close(): never refused, never healed; only recorded. */
    public static final class Close {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object self) {
            return Bridge.enterConnection(self, Bridge.OP_CLOSE, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
            Bridge.exitConnection(token, Bridge.OP_CLOSE, 0L, null, thrown);
        }
    }
}
