package dev.jdbcguard.compat.corpus;

import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Calls the woven methods of the generated classes through their interfaces, the same calls on
 * every class of a kind, and prints what each returned (or threw) and the object's state after
 * it (the generated classes' {@code toString} shows what their methods recorded). The test
 * compares these lines between a run with the agent and one without: the woven code must not
 * only verify but compute what the original did.
 * <pre>
 * call &lt;simple name&gt;.&lt;call&gt; = &lt;returned&gt; | threw &lt;throwable&gt; ; state &lt;toString&gt;
 * </pre>
 */
final class GeneratedCalls {

    private GeneratedCalls() {
    }

    static void callAll(List<Class<?>> types) {
        for (Class<?> type : types) {
            if (Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            Object target;
            try {
                target = type.getConstructor().newInstance();
            } catch (Throwable e) {
                CorpusScan.OUT.println("call " + type.getSimpleName() + ".<init> = threw " + CorpusScan.describe(e));
                continue;
            }
            callAll(type.getSimpleName(), target);
        }
    }

    private static void callAll(String name, Object target) {
        if (target instanceof Driver) {
            Driver driver = (Driver) target;
            Object connection = call(name, "connect(jdbc:odd:corpus)", target,
                    () -> driver.connect("jdbc:odd:corpus", new Properties()));
            if (connection instanceof Connection) {
                connectionCalls(name + "->" + connection.getClass().getSimpleName(), (Connection) connection);
            }
        }
        if (target instanceof Connection) {
            connectionCalls(name, (Connection) target);
        }
        if (target instanceof Statement) {
            Statement s = (Statement) target;
            call(name, "execute(select 12345)", s, () -> s.execute("select 12345"));
            call(name, "executeUpdate(update t set a=1)", s, () -> s.executeUpdate("update t set a=1"));
            call(name, "executeLargeUpdate(delete from t)", s, () -> s.executeLargeUpdate("delete from t"));
            call(name, "executeUpdate(insert into t values (1), 1)", s,
                    () -> s.executeUpdate("insert into t values (1)", 1));
        }
        if (target instanceof PreparedStatement) {
            PreparedStatement p = (PreparedStatement) target;
            call(name, "execute()", p, p::execute);
            call(name, "executeUpdate()", p, p::executeUpdate);
            call(name, "executeLargeUpdate()", p, p::executeLargeUpdate);
        }
        if (target instanceof CallableStatement) {
            CallableStatement c = (CallableStatement) target;
            call(name, "executeQuery()", c, c::executeQuery);
        }
    }

    private static void connectionCalls(String name, Connection c) {
        call(name, "setAutoCommit(false)", c, () -> {
            c.setAutoCommit(false);
            return null;
        });
        call(name, "setAutoCommit(true)", c, () -> {
            c.setAutoCommit(true);
            return null;
        });
        call(name, "prepareStatement(select 7)", c, () -> c.prepareStatement("select 7"));
        call(name, "prepareCall(call p(?))", c, () -> c.prepareCall("call p(?)"));
        call(name, "setNetworkTimeout(null, 250)", c, () -> {
            c.setNetworkTimeout(null, 250);
            return null;
        });
        call(name, "commit()", c, () -> {
            c.commit();
            return null;
        });
        call(name, "createStatement()", c, c::createStatement);
    }

    private static Object call(String name, String call, Object target, Call body) {
        String outcome;
        Object returned = null;
        try {
            returned = body.run();
            outcome = String.valueOf(returned);
        } catch (Throwable e) {
            outcome = "threw " + CorpusScan.describe(e);
        }
        String state;
        try {
            state = String.valueOf(target);
        } catch (Throwable e) {
            state = "threw " + CorpusScan.describe(e);
        }
        CorpusScan.OUT.println("call " + name + "." + call + " = " + outcome + " ; state " + state);
        return returned;
    }

    private interface Call {
        Object run() throws Exception;
    }
}
