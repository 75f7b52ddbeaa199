package dev.jdbcguard.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.jdbcguard.report.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Wires the advice into JDBC classes. No class format changes, so the same transformation works
 * at start-up and when attached to a running JVM (already-loaded classes are retransformed).
 */
public final class Installer {

    private static final String DRIVER = "java.sql.Driver";
    private static final String CONNECTION = "java.sql.Connection";
    private static final String STATEMENT = "java.sql.Statement";

    private Installer() {
    }

    public static void install(Instrumentation inst, boolean attached) {
        // Inlined advice needs no class injection, so byte-buddy may leave sun.misc.Unsafe alone
        // (Java 24+ warns on every use). The name is relocated together with byte-buddy.
        if (System.getProperty("net.bytebuddy.safe") == null) {
            System.setProperty("net.bytebuddy.safe", "true");
        }
        ClassFileTransformer byteBuddy = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(new TypeCache())
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                .with(new FailureListener())
                .ignore(nameStartsWith("net.bytebuddy.")
                        .or(nameStartsWith("dev.jdbcguard."))
                        .or(nameStartsWith("java."))
                        .or(nameStartsWith("javax."))
                        .or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun."))
                        .or(isSynthetic()))
                .type(concrete(DRIVER))
                .transform(new Advices().add(DriverAdvice.Connect.class, named("connect").and(takesArguments(2))
                        .and(not(isStatic())).and(takesArgument(0, String.class))))
                .type(namedOneOf("org.mariadb.jdbc.Driver", "org.mariadb.jdbc.NonRegisteringDriver"))
                .transform(new Advices().add(DriverAdvice.Factory.class, named("connect").and(isStatic())
                        .and(takesArguments(1)).and(not(takesArgument(0, String.class)))))
                .type(named("com.mysql.cj.jdbc.ConnectionImpl"))
                .transform(new Advices().add(DriverAdvice.Factory.class, named("getInstance").and(isStatic()))
                        .add(DriverAdvice.Cleanup.class, named("handleCleanup").and(takesArguments(Throwable.class))))
                .type(named("com.zaxxer.hikari.pool.PoolBase"))
                .transform(pool("newConnection"))
                .type(named("org.apache.commons.dbcp2.PoolableConnectionFactory"))
                .transform(pool("makeObject"))
                .type(named("com.mchange.v2.c3p0.WrapperConnectionPoolDataSource"))
                .transform(pool("getPooledConnection"))
                .type(named("org.apache.tomcat.jdbc.pool.ConnectionPool"))
                .transform(pool("createConnection")
                        .add(PoolAdvice.Borrowed.class, named("borrowConnection").and(takesArguments(3)))
                        .add(PoolAdvice.Returned.class, named("returnConnection").and(takesArguments(1))))
                .type(namedOneOf("com.zaxxer.hikari.pool.ProxyConnection",
                        "org.apache.commons.dbcp2.PoolingDataSource$PoolGuardConnectionWrapper",
                        "com.mchange.v2.c3p0.impl.NewProxyConnection"))
                .transform(new Advices().add(PoolAdvice.CheckedOut.class, isConstructor())
                        .add(PoolAdvice.CheckedIn.class, named("close").and(takesArguments(0))))
                .type(concrete(CONNECTION))
                .transform(connectionAdvice())
                .type(concrete(STATEMENT))
                .transform(new Advices().add(StatementAdvice.class, instanceMethod().and(nameStartsWith("execute"))
                        .and(isPublic())))
                .makeRaw();
        JdbcClassFilter filter = new JdbcClassFilter(byteBuddy);
        inst.addTransformer(filter, true);
        if (attached) {
            filter.retransformLoaded(inst);
        }
    }

    private static Advices connectionAdvice() {
        return new Advices()
                .add(ConnectionAdvice.Use.class, instanceMethod().and(namedOneOf("createStatement", "setSavepoint",
                        "releaseSavepoint")).or(instanceMethod().and(named("rollback")).and(takesArguments(1))))
                .add(ConnectionAdvice.Prepare.class, instanceMethod().and(namedOneOf("prepareStatement", "prepareCall"))
                        .and(takesArgument(0, String.class)))
                .add(ConnectionAdvice.SetAutoCommit.class, instanceMethod().and(named("setAutoCommit")).and(takesArguments(boolean.class)))
                .add(ConnectionAdvice.Commit.class, instanceMethod().and(named("commit")).and(takesArguments(0)))
                .add(ConnectionAdvice.Rollback.class, instanceMethod().and(named("rollback")).and(takesArguments(0)))
                .add(ConnectionAdvice.SetCatalog.class, instanceMethod().and(namedOneOf("setCatalog", "setSchema")).and(takesArguments(String.class)))
                .add(ConnectionAdvice.SetIsolation.class, instanceMethod().and(named("setTransactionIsolation")).and(takesArguments(int.class)))
                .add(ConnectionAdvice.SetReadOnly.class, instanceMethod().and(named("setReadOnly")).and(takesArguments(boolean.class)))
                .add(ConnectionAdvice.SetNetworkTimeout.class, instanceMethod().and(named("setNetworkTimeout")).and(takesArguments(2))
                        .and(takesArgument(1, int.class)))
                .add(ConnectionAdvice.Close.class, instanceMethod().and(named("close")).and(takesArguments(0))
                        .or(instanceMethod().and(named("abort")).and(takesArguments(1))));
    }

    /** Advice for one pool class: its constructors, and the method that opens connections. */
    private static Advices pool(String opens) {
        return new Advices().add(PoolAdvice.Created.class, isConstructor())
                .add(PoolAdvice.Opens.class, named(opens).and(not(isStatic())).and(not(isAbstract())));
    }

    private static final String[] POOL_CLASSES = {
        "com.zaxxer.hikari.pool.PoolBase", "com.zaxxer.hikari.pool.ProxyConnection",
        "org.apache.commons.dbcp2.PoolableConnectionFactory",
        "org.apache.commons.dbcp2.PoolingDataSource$PoolGuardConnectionWrapper",
        "com.mchange.v2.c3p0.WrapperConnectionPoolDataSource", "com.mchange.v2.c3p0.impl.NewProxyConnection",
        "org.apache.tomcat.jdbc.pool.ConnectionPool",
    };

    static boolean isPoolClass(String name) {
        for (String pool : POOL_CLASSES) {
            if (pool.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static ElementMatcher.Junction<TypeDescription> concrete(String type) {
        return not(isInterface()).and(hasSuperType(named(type)));
    }

    private static ElementMatcher.Junction<MethodDescription> instanceMethod() {
        return isPublic().and(not(isStatic())).and(not(isAbstract()));
    }

    /** Logs classes that could not be instrumented; they keep working uninstrumented. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            Log.debug("could not instrument " + typeName + ": " + throwable);
        }
    }
}
