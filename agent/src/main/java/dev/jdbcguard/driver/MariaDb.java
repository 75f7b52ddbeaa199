package dev.jdbcguard.driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Lock;

/**
 * MariaDB Connector/J 3.x ({@code org.mariadb.jdbc.Connection}).
 *
 * <p>The driver has no in-place reconnect for a standard connection, but its own
 * {@code StandardClient.redirect} shows the way: build a new client with the old one's
 * configuration and lock, then move the new transport and context into the old client object.
 * Only non-final fields are written (JEP 500 will forbid writing final ones). The new client
 * object is left as it is: its context refers back to it and it shares the moved socket, so it
 * must never be closed.
 *
 * <p>Server-side prepared statements keep the id the old session gave their prepare. A new session
 * numbers its statements anew (on MariaDB from where its server thread's counter stands, from 1
 * for a new thread), so an old id may name another statement of the new session: executing it
 * would run that statement, closing it would close that one. The driver keeps no list of a
 * connection's statements, so the agent remembers them when {@code prepareStatement} and
 * {@code prepareCall} return, and a reconnect makes each forget its prepare: the next execute
 * prepares it again on the new session, with the parameters still bound, and a close sends nothing.
 */
final class MariaDb extends DriverSupport {

    static final String CONNECTION = "org.mariadb.jdbc.Connection";
    private static final String STANDARD_CLIENT = "org.mariadb.jdbc.client.impl.StandardClient";
    private static final String[] MOVED = {
        "socket", "unixSocketTransport", "context", "writer", "reader", "authPlugin", "certFingerprint",
    };
    /** The driver's error for a server-side statement id the new session never saw. */
    private static final int UNKNOWN_STATEMENT_HANDLER = 1243;
    private static final String BASE_PREPARED = "org.mariadb.jdbc.BasePreparedStatement";

    /**
     * Per connection, its statements that may hold a server-side statement id. Weak both ways:
     * nothing here keeps a connection or a statement alive. The driver's classes do not override
     * equals or hashCode, so a WeakHashMap compares them by identity.
     */
    private static final Map<Connection, Prepares> PREPARES = Collections.synchronizedMap(new WeakHashMap<>());

    private static final ClassValue<Boolean> IS_PREPARED = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return Reflect.hasSuperclassNamed(type, BASE_PREPARED);
        }
    };

    /** Server-side prepared statements, also what prepareCall returns even where prepares are client-side. */
    private static final ClassValue<Boolean> IS_SERVER_PREPARED = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return Reflect.hasSuperclassNamed(type, "org.mariadb.jdbc.ServerPreparedStatement");
        }
    };

    private static final class Prepares {
        /**
         * {@code useServerPrepStmts}: every PreparedStatement may hold an id. Otherwise only
         * callable ones are remembered: a client-side statement holds one only after getMetaData(),
         * whose columns it keeps, and programs that prepare on the client prepare often.
         */
        final boolean all;
        final Set<Object> statements = Collections.newSetFromMap(new WeakHashMap<Object, Boolean>());

        Prepares(boolean all) {
            this.all = all;
        }
    }

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean owns(Class<?> connectionClass) {
        return Reflect.hasSuperclassNamed(connectionClass, CONNECTION);
    }

    @Override
    public long serverThreadId(Connection connection) {
        try {
            return ((Number) Reflect.call(connection, "getThreadId")).longValue();
        } catch (Exception e) {
            return -1;
        }
    }

    /*
     * Every OK packet (ping and COM_INIT_DB included) and the end of every result set update
     * BaseContext.serverStatus; an error reply forces the in-transaction bit on until the next OK,
     * which is why the agent reads it only after calls that succeeded. The swap in reconnect moves
     * a fresh context into the same client object, so the client is the lasting source.
     */
    private static final CachedField SERVER_STATUS = new CachedField("serverStatus");
    private static final CachedField CONTEXT = new CachedField("context");

    @Override
    public Object statusSource(Connection connection) {
        try {
            Object client = Reflect.get(connection, "client");
            return isStandard(client) ? client : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public int serverStatus(Object source) {
        return SERVER_STATUS.readInt(CONTEXT.read(source));
    }

    @Override
    public String trackedDatabase(Connection connection) {
        try {
            return (String) Reflect.call(Reflect.call(Reflect.get(connection, "client"), "getContext"), "getDatabase");
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    /** The client of a plain URL; HA URLs have a MultiPrimary(Replica)Client instead. */
    private static boolean isStandard(Object client) {
        return Reflect.hasSuperclassNamed(client.getClass(), STANDARD_CLIENT);
    }

    /** sequential://, loadbalance:// and replication:// URLs give a MultiPrimary(Replica)Client, which reconnects itself. */
    @Override
    public boolean reconnectsItself(Connection connection) {
        try {
            return !isStandard(Reflect.get(connection, "client"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String sqlOf(Statement statement) {
        try {
            return (String) Reflect.get(statement, "sql");
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public boolean canReconnect() {
        return true;
    }

    @Override
    public void reconnect(Connection connection, int timeoutMillis) throws SQLException {
        Object client = Reflect.get(connection, "client");
        if (!isStandard(client)) {
            throw new SQLException("MariaDB client " + client.getClass().getName()
                    + " is not a standard client (HA URLs reconnect by themselves)", "08003");
        }
        Object fresh = newClient(client, timeoutMillis);
        Lock lock = (Lock) Reflect.get(client, "lock");
        lock.lock();
        try {
            closeQuietly(client);
            for (String field : MOVED) {
                Reflect.set(client, field, Reflect.get(fresh, field));
            }
            Reflect.set(client, "streamStmt", null);
            Reflect.set(client, "streamMsg", null);
            Reflect.invoke(Reflect.method(client.getClass(), "setSocketTimeout", int.class), client,
                    Reflect.get(client, "socketTimeout"));
            pointErrorsAtNewSession(connection, client, fresh);
            forgetOldPrepares(connection);
            Reflect.set(client, "closed", false);
        } finally {
            lock.unlock();
        }
        // The Connection caches readOnly and would skip setReadOnly(true); the new session is read-write.
        Reflect.set(connection, "readOnly", false);
    }

    private static Object newClient(Object client, int timeoutMillis) throws SQLException {
        ClassLoader loader = client.getClass().getClassLoader();
        try {
            Class<?> standard = Class.forName(STANDARD_CLIENT, false, loader);
            java.lang.reflect.Constructor<?> constructor = standard.getDeclaredConstructor(
                    Class.forName("org.mariadb.jdbc.Configuration", false, loader),
                    Class.forName("org.mariadb.jdbc.HostAddress", false, loader),
                    Class.forName("org.mariadb.jdbc.client.util.ClosableLock", false, loader),
                    boolean.class);
            constructor.setAccessible(true);
            return constructor.newInstance(bounded(Reflect.get(client, "conf"), timeoutMillis),
                    Reflect.get(client, "hostAddress"), Reflect.get(client, "lock"), false);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof SQLException) {
                throw (SQLException) e.getCause();
            }
            throw new SQLException("MariaDB reconnect failed: " + e.getCause(), "08001", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SQLException("MariaDB driver internals differ from 3.x: " + e, "08001", e);
        }
    }

    /** The configuration with connect and socket timeouts bounded for the reconnect itself. */
    private static Object bounded(Object conf, int timeoutMillis) throws ReflectiveOperationException {
        Object builder = conf.getClass().getMethod("toBuilder").invoke(conf);
        builder.getClass().getMethod("connectTimeout", Integer.class).invoke(builder, timeoutMillis);
        builder.getClass().getMethod("socketTimeout", Integer.class).invoke(builder, timeoutMillis);
        return builder.getClass().getMethod("build").invoke(builder);
    }

    private static void closeQuietly(Object client) {
        try {
            if (!(Boolean) Reflect.get(client, "closed")) {
                Reflect.call(client, "close");
            }
        } catch (Exception | LinkageError e) {
            // the old session is gone anyway
        }
        try {
            ((java.io.Closeable) Reflect.get(client, "socket")).close();
        } catch (Exception | LinkageError e) {
            // already closed
        }
    }

    /** Error texts name the new server thread, and pool listeners still hear of errors. */
    private static void pointErrorsAtNewSession(Connection connection, Object client, Object fresh) throws SQLException {
        Object context = Reflect.get(client, "context");
        long threadId = ((Number) Reflect.call(context, "getThreadId")).longValue();
        Object clientErrors = Reflect.get(client, "exceptionFactory");
        Object connectionErrors = Reflect.get(connection, "exceptionFactory");
        Object freshErrors = Reflect.get(fresh, "exceptionFactory");
        java.lang.reflect.Method setThreadId = Reflect.method(clientErrors.getClass(), "setThreadId", long.class);
        Reflect.invoke(setThreadId, clientErrors, threadId);
        if (connectionErrors != null && connectionErrors != clientErrors) {
            Reflect.invoke(setThreadId, connectionErrors, threadId);
        }
        Reflect.invoke(Reflect.method(freshErrors.getClass(), "setConnection", freshErrors.getClass()), freshErrors,
                connectionErrors != null ? connectionErrors : clientErrors);
    }

    @Override
    public void prepared(Connection connection, Object statement) {
        if (!IS_PREPARED.get(statement.getClass())) {
            return;
        }
        Prepares prepares = PREPARES.get(connection);
        if (prepares == null) {
            synchronized (PREPARES) {
                prepares = PREPARES.get(connection);
                if (prepares == null) {
                    prepares = new Prepares(!preparesOnClient(connection));
                    PREPARES.put(connection, prepares);
                }
            }
        }
        if (prepares.all || IS_SERVER_PREPARED.get(statement.getClass())) {
            synchronized (prepares) {
                prepares.statements.add(statement);
            }
        }
    }

    /**
     * Called with the client's lock held, after the swap: no statement runs in between. A
     * statement without a prepare prepares on its next execute (the driver's own path for a first
     * execute, the prepare cache included) and sends no COM_STMT_CLOSE when closed.
     */
    private static void forgetOldPrepares(Connection connection) {
        Prepares prepares = PREPARES.get(connection);
        if (prepares == null) {
            return;
        }
        synchronized (prepares) {
            for (Iterator<Object> it = prepares.statements.iterator(); it.hasNext(); ) {
                Object statement = it.next();
                if (Boolean.TRUE.equals(Reflect.get(statement, "closed"))) {
                    it.remove();
                } else {
                    Reflect.set(statement, "prepareResult", null);
                }
            }
        }
    }

    @Override
    public boolean forgetsPreparedStatements(SQLException error) {
        return error.getErrorCode() == UNKNOWN_STATEMENT_HANDLER;
    }

    /** Unless {@code useServerPrepStmts} is set, MariaDB Connector/J prepares on the client. */
    @Override
    public boolean preparesOnClient(Connection connection) {
        try {
            return Boolean.FALSE.equals(Reflect.call(Reflect.get(connection, "conf"), "useServerPrepStmts"));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void forgetServerPrepare(Statement statement) {
        if (IS_PREPARED.get(statement.getClass())) {
            Reflect.set(statement, "prepareResult", null);
        }
    }
}
