package dev.jdbcguard.instrument;

import dev.jdbcguard.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the {@code execute*} methods of {@code java.sql.Statement} implementations. When
 * the link died under the call and the agent healed it, and the statement provably did not run
 * (or is a read in autocommit), exit asks ByteBuddy to run the method body once more.
 */
public final class StatementAdvice {

    private StatementAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
    static Object enter(@Advice.This Object self, @Advice.Argument(value = 0, optional = true) Object sql) {
        return Bridge.enterStatement(self, sql);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class,
            repeatOn = Advice.OnNonDefaultValue.class)
    static boolean exit(@Advice.Enter Object token, @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (token instanceof Throwable) {
            thrown = (Throwable) token;
            return false;
        }
        if (Bridge.exitStatement(token, thrown)) {
            thrown = null;
            return true;
        }
        return false;
    }
}
