package dev.jdbcguard.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.bootstrap.Hooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The woven bytecode on its own: classes rewritten as the agent rewrites JDBC classes, defined
 * (so the JVM verifies them) and called, with recording hooks behind the bridge.
 */
class MethodWeaverTest {

    private final Recorder hooks = new Recorder();

    @AfterEach
    void uninstall() {
        Bridge.install(null);
    }

    @Test
    void aStatementHealedAfterALostLinkRunsOnceMoreUnderTheSameEntry() throws Throwable {
        Bridge.install(hooks);
        hooks.healOnce = true;
        Object statement = woven(StatementSubject.class, Hierarchy.STATEMENT);
        statement.getClass().getField("failuresLeft").setInt(statement, 1);

        assertThat(call(statement, "executeQuery", "SELECT 1")).isEqualTo("result of SELECT 1");

        assertThat(statement.getClass().getField("runs").getInt(statement)).isEqualTo(2);
        assertThat(hooks.calls).containsExactly("enterStatement SELECT 1", "exitStatement 08S01",
                "exitStatement ok");
    }

    @Test
    void aFailureTheAgentDoesNotHealReachesTheCallerUnchanged() throws Throwable {
        Bridge.install(hooks);
        Object statement = woven(StatementSubject.class, Hierarchy.STATEMENT);
        statement.getClass().getField("failuresLeft").setInt(statement, 1);

        assertThatThrownBy(() -> call(statement, "executeQuery", "SELECT 1"))
                .isInstanceOf(SQLException.class).hasMessage("Communications link failure");
        assertThat(statement.getClass().getField("runs").getInt(statement)).isEqualTo(1);
        assertThat(hooks.calls).containsExactly("enterStatement SELECT 1", "exitStatement 08S01");
    }

    @Test
    void aRefusalIsThrownInsteadOfRunningTheBody() throws Throwable {
        Bridge.install(hooks);
        hooks.refusal = new SQLException("refused by the agent", "08003");
        Object statement = woven(StatementSubject.class, Hierarchy.STATEMENT);

        assertThatThrownBy(() -> call(statement, "executeQuery", "SELECT 1")).isSameAs(hooks.refusal);
        assertThat(statement.getClass().getField("runs").getInt(statement)).isZero();
        assertThat(hooks.calls).containsExactly("enterStatement SELECT 1");
    }

    @Test
    void theBodysOwnHandlersAndWideLocalsKeepWorking() throws Throwable {
        Bridge.install(hooks);
        Object statement = woven(StatementSubject.class, Hierarchy.STATEMENT);
        long expected = new StatementSubject().executeLarge(10, 2.5, 5);

        assertThat(call(statement, "executeLarge", 10L, 2.5, 5)).isEqualTo(expected);
        assertThat(hooks.calls).containsExactly("enterStatement null", "exitStatement ok");
    }

    @Test
    void connectionCallsReportTheirArgumentAndTheirFailure() throws Throwable {
        Bridge.install(hooks);
        Object connection = woven(ConnectionSubject.class, Hierarchy.CONNECTION);

        call(connection, "setAutoCommit", false);
        assertThatThrownBy(() -> call(connection, "commit")).isInstanceOf(SQLException.class);
        assertThat(call(connection, "nativeSQL", "SELECT 1")).isEqualTo("SELECT 1");

        assertThat(connection.getClass().getField("autoCommit").getBoolean(connection)).isFalse();
        assertThat(hooks.calls).containsExactly(
                "enterConnection op " + Bridge.OP_SET_AUTOCOMMIT, "exitConnection op " + Bridge.OP_SET_AUTOCOMMIT + " arg 0 ok",
                "enterConnection op " + Bridge.OP_COMMIT, "exitConnection op " + Bridge.OP_COMMIT + " arg 0 08S01");
    }

    /** isValid said false, the agent healed: the body runs once more, under the same entry, and its answer is returned. */
    @Test
    void aFailedValidationTheAgentHealsIsAskedOnceMore() throws Throwable {
        Bridge.install(hooks);
        Object connection = woven(ConnectionSubject.class, Hierarchy.CONNECTION);
        hooks.healValidation = connection;

        assertThat(call(connection, "isValid", 5)).isEqualTo(true);
        assertThat(connection.getClass().getField("validations").getInt(connection)).isEqualTo(2);
        assertThat(hooks.calls).containsExactly("enterConnection op " + Bridge.OP_VALIDATE, "validated false",
                "validated true");

        hooks.calls.clear();
        connection.getClass().getField("healed").setBoolean(connection, false);
        assertThat(call(connection, "isValid", 5)).as("not healed this time: the driver's answer").isEqualTo(false);
        assertThat(hooks.calls).containsExactly("enterConnection op " + Bridge.OP_VALIDATE, "validated false");
    }

    @Test
    void withoutHooksWovenClassesBehaveAsBefore() throws Throwable {
        Object statement = woven(StatementSubject.class, Hierarchy.STATEMENT);
        statement.getClass().getField("failuresLeft").setInt(statement, 1);

        assertThatThrownBy(() -> call(statement, "executeQuery", "x")).isInstanceOf(SQLException.class);
        assertThat(call(statement, "executeQuery", "x")).isEqualTo("result of x");
    }

    @Test
    void aClassWithNothingToWeaveIsLeftAlone() throws Throwable {
        byte[] bytes = classFile(StatementSubject.class);
        String name = StatementSubject.class.getName().replace('.', '/');

        assertThat(ClassWeaver.weave(bytes, new ClassReader(bytes), new Plans(name, Hierarchy.CONNECTION), false, new ArrayList<>())).isNull();
    }

    @Test
    void aBodyThatStoresOtherTypesInItsParametersVerifiesAndRepeatsWithItsArguments() throws Throwable {
        Bridge.install(hooks);
        hooks.healOnce = true;
        Object statement = generated(SlotReuse.STATEMENT, SlotReuse.statement(), Hierarchy.STATEMENT);
        statement.getClass().getField("failuresLeft").setInt(statement, 1);

        assertThat(call(statement, "executeQuery", "SELECT 1")).isEqualTo("result 8");
        assertThat(call(statement, "executeLarge", 5L, 2.5)).isEqualTo(7L);

        assertThat(statement.getClass().getField("runs").getInt(statement)).isEqualTo(2);
        assertThat(hooks.calls).containsExactly("enterStatement SELECT 1", "exitStatement 08S01",
                "exitStatement ok", "enterStatement null", "exitStatement ok");
    }

    @Test
    void aConnectionCallReportsTheArgumentItWasCalledWithWhateverTheBodyStoredInItsSlot() throws Throwable {
        Bridge.install(hooks);
        Object connection = generated(SlotReuse.CONNECTION, SlotReuse.connection(), Hierarchy.CONNECTION);

        call(connection, "setAutoCommit", false);
        call(connection, "setAutoCommit", true);
        assertThat(call(connection, "prepareStatement", "SELECT 1")).isNull();

        assertThat(hooks.calls).containsExactly(
                "enterConnection op " + Bridge.OP_SET_AUTOCOMMIT, "exitConnection op " + Bridge.OP_SET_AUTOCOMMIT + " arg 0 ok",
                "enterConnection op " + Bridge.OP_SET_AUTOCOMMIT, "exitConnection op " + Bridge.OP_SET_AUTOCOMMIT + " arg 1 ok",
                "enterConnection op " + Bridge.OP_PREPARE, "exitConnection op " + Bridge.OP_PREPARE + " arg 0 ok");
    }

    // ---- helpers ----

    private static Object woven(Class<?> subject, int roles) throws Exception {
        byte[] original = classFile(subject);
        String name = subject.getName().replace('.', '/');
        byte[] rewritten = ClassWeaver.weave(original, new ClassReader(original), new Plans(name, roles), false, new ArrayList<>());
        assertThat(rewritten).isNotNull();
        Class<?> type = new OneClassLoader(subject.getName(), rewritten).loadClass(subject.getName());
        assertThat(type.getClassLoader()).isInstanceOf(OneClassLoader.class);
        return type.getConstructor().newInstance();
    }

    private static Object generated(String name, byte[] original, int roles) throws Exception {
        byte[] rewritten = ClassWeaver.weave(original, new ClassReader(original), new Plans(name, roles), false, new ArrayList<>());
        assertThat(rewritten).isNotNull();
        String binary = name.replace('/', '.');
        return new OneClassLoader(binary, rewritten).loadClass(binary).getConstructor().newInstance();
    }

    private static Object call(Object target, String method, Object... args) throws Throwable {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** Hooks that record what the woven code reports. */
    private static final class Recorder extends Hooks {
        final List<String> calls = new ArrayList<>();
        boolean healOnce;
        SQLException refusal;
        /** The subject whose next failed validation is "healed" (its healed field set), once. */
        Object healValidation;

        @Override
        public boolean validated(Object token, boolean valid) {
            calls.add("validated " + valid);
            if (valid || healValidation == null) {
                return false;
            }
            try {
                healValidation.getClass().getField("healed").setBoolean(healValidation, true);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            healValidation = null;
            return true;
        }

        @Override
        public Object enterStatement(Object statement, Object connection, Object sql) {
            calls.add("enterStatement " + sql);
            return refusal != null ? refusal : "token";
        }

        @Override
        public boolean exitStatement(Object token, Throwable thrown) {
            calls.add("exitStatement " + outcome(thrown));
            boolean heal = healOnce && thrown != null;
            healOnce &= !heal;
            return heal;
        }

        @Override
        public Object enterConnection(Object connection, int op, Object sql) {
            calls.add("enterConnection op " + op);
            return "token";
        }

        @Override
        public void exitConnection(Object token, int op, long arg, Object objectArg, Throwable thrown) {
            calls.add("exitConnection op " + op + " arg " + arg + " " + outcome(thrown));
        }

        private static String outcome(Throwable thrown) {
            return thrown == null ? "ok" : thrown instanceof SQLException ? ((SQLException) thrown).getSQLState()
                    : thrown.toString();
        }

        @Override
        public void connected(Object connection, String url) {
        }

        @Override
        public void poolCreated(Object pool, String type) {
        }

        @Override
        public Object poolWorkBegins(Object pool) {
            return null;
        }

        @Override
        public void poolWorkEnds(Object previous) {
        }

        @Override
        public void checkedOut(Object proxy) {
        }

        @Override
        public void checkedIn(Object proxy) {
        }

        @Override
        public void connectFailed(Object target, Throwable thrown) {
        }

        @Override
        public boolean linkLost(Object connection, Throwable why) {
            return false;
        }
    }
}
