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

    public static void install(Instrumentation inst) {
        // Inlined advice needs no class injection, so byte-buddy may leave sun.misc.Unsafe alone
        // (Java 24+ warns on every use). The name is relocated together with byte-buddy.
        if (System.getProperty("net.bytebuddy.safe") == null) {
            System.setProperty("net.bytebuddy.safe", "true");
        }
        ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(Installer.class.getClassLoader());
        AgentBuilder.Transformer.ForAdvice base = new AgentBuilder.Transformer.ForAdvice(
                Advice.withCustomMapping())
                .include(Installer.class.getClassLoader())
                .withExceptionHandler(Advice.ExceptionHandler.Default.PRINTING);
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
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
                .transform(base.advice(named("connect").and(takesArguments(2)).and(not(isStatic()))
                        .and(takesArgument(0, String.class)), DriverAdvice.Connect.class.getName()))
                .type(namedOneOf("org.mariadb.jdbc.Driver", "org.mariadb.jdbc.NonRegisteringDriver"))
                .transform(base.advice(named("connect").and(isStatic()).and(takesArguments(1))
                        .and(not(takesArgument(0, String.class))), DriverAdvice.Factory.class.getName()))
                .type(named("com.mysql.cj.jdbc.ConnectionImpl"))
                .transform(base.advice(named("getInstance").and(isStatic()), DriverAdvice.Factory.class.getName())
                        .advice(named("handleCleanup").and(takesArguments(Throwable.class)),
                                DriverAdvice.Cleanup.class.getName()))
                .type(named("com.zaxxer.hikari.pool.PoolBase"))
                .transform(pool(base, "newConnection"))
                .type(named("org.apache.commons.dbcp2.PoolableConnectionFactory"))
                .transform(pool(base, "makeObject"))
                .type(named("com.mchange.v2.c3p0.WrapperConnectionPoolDataSource"))
                .transform(pool(base, "getPooledConnection"))
                .type(named("org.apache.tomcat.jdbc.pool.ConnectionPool"))
                .transform(pool(base, "createConnection")
                        .advice(named("borrowConnection").and(takesArguments(3)), PoolAdvice.Borrowed.class.getName())
                        .advice(named("returnConnection").and(takesArguments(1)), PoolAdvice.Returned.class.getName()))
                .type(namedOneOf("com.zaxxer.hikari.pool.ProxyConnection",
                        "org.apache.commons.dbcp2.PoolingDataSource$PoolGuardConnectionWrapper",
                        "com.mchange.v2.c3p0.impl.NewProxyConnection"))
                .transform(base.advice(isConstructor(), PoolAdvice.CheckedOut.class.getName())
                        .advice(named("close").and(takesArguments(0)), PoolAdvice.CheckedIn.class.getName()))
                .type(concrete(CONNECTION))
                .transform(connectionAdvice(base))
                .type(concrete(STATEMENT))
                .transform(base.advice(instanceMethod().and(nameStartsWith("execute")).and(isPublic()),
                        StatementAdvice.class.getName()))
                .installOn(inst);
    }

    private static AgentBuilder.Transformer connectionAdvice(AgentBuilder.Transformer.ForAdvice base) {
        return base
                .advice(instanceMethod().and(namedOneOf("createStatement", "setSavepoint", "releaseSavepoint"))
                        .or(instanceMethod().and(named("rollback")).and(takesArguments(1))),
                        ConnectionAdvice.Use.class.getName())
                .advice(instanceMethod().and(namedOneOf("prepareStatement", "prepareCall"))
                        .and(takesArgument(0, String.class)), ConnectionAdvice.Prepare.class.getName())
                .advice(instanceMethod().and(named("setAutoCommit")).and(takesArguments(boolean.class)),
                        ConnectionAdvice.SetAutoCommit.class.getName())
                .advice(instanceMethod().and(named("commit")).and(takesArguments(0)),
                        ConnectionAdvice.Commit.class.getName())
                .advice(instanceMethod().and(named("rollback")).and(takesArguments(0)),
                        ConnectionAdvice.Rollback.class.getName())
                .advice(instanceMethod().and(namedOneOf("setCatalog", "setSchema")).and(takesArguments(String.class)),
                        ConnectionAdvice.SetCatalog.class.getName())
                .advice(instanceMethod().and(named("setTransactionIsolation")).and(takesArguments(int.class)),
                        ConnectionAdvice.SetIsolation.class.getName())
                .advice(instanceMethod().and(named("setReadOnly")).and(takesArguments(boolean.class)),
                        ConnectionAdvice.SetReadOnly.class.getName())
                .advice(instanceMethod().and(named("setNetworkTimeout")).and(takesArguments(2))
                        .and(takesArgument(1, int.class)), ConnectionAdvice.SetNetworkTimeout.class.getName())
                .advice(instanceMethod().and(named("close")).and(takesArguments(0))
                        .or(instanceMethod().and(named("abort")).and(takesArguments(1))),
                        ConnectionAdvice.Close.class.getName());
    }

    /** Advice for one pool class: its constructors, and the method that opens connections. */
    private static AgentBuilder.Transformer.ForAdvice pool(AgentBuilder.Transformer.ForAdvice base, String opens) {
        return base.advice(isConstructor(), PoolAdvice.Created.class.getName())
                .advice(named(opens).and(not(isStatic())).and(not(isAbstract())), PoolAdvice.Opens.class.getName());
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
