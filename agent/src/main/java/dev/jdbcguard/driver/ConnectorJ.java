package dev.jdbcguard.driver;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;

/**
 * MySQL Connector/J 8.0 and later ({@code com.mysql.cj.jdbc.ConnectionImpl}).
 *
 * <p>{@code createNewIO(true)} reconnects the same object once its session is closed. Two things
 * get in the way, and both are handled here: when a statement fails on a dead link the driver's
 * cleanup closes every statement of the connection (so the agent's advice turns that cleanup
 * into a plain force-close, see {@link #keepRevivable}); and server-side prepared statements keep
 * ids the new session never saw, so they are prepared again with their bound values kept.
 */
final class ConnectorJ extends DriverSupport {

    static final String CONNECTION_IMPL = "com.mysql.cj.jdbc.ConnectionImpl";
    private static final String SERVER_PREPARED = "com.mysql.cj.jdbc.ServerPreparedStatement";
    private static final String MYSQL_CONNECTION = "com.mysql.cj.MysqlConnection";
    private static final String SESSION = "com.mysql.cj.Session";
    private static final String PROPERTY_SET = "com.mysql.cj.conf.PropertySet";
    private static final String RUNTIME_PROPERTY = "com.mysql.cj.conf.RuntimeProperty";

    @Override
    public String name() {
        return "mysql-connector-j";
    }

    @Override
    public boolean owns(Class<?> connectionClass) {
        return Reflect.hasSuperclassNamed(connectionClass, CONNECTION_IMPL);
    }

    @Override
    public long serverThreadId(Connection connection) {
        try {
            return ((Number) Reflect.invoke(Reflect.interfaceMethod(connection, MYSQL_CONNECTION, "getId"), connection))
                    .longValue();
        } catch (Exception e) {
            return -1;
        }
    }

    /*
     * NativeServerSession.statusFlags holds the flags of the last OK reply and of the end of each
     * result set; a ping or setCatalog leaves 0 there, so the agent reads it only after statements
     * and keeps its own copy. Each connect builds a new server session.
     */
    private static final CachedField STATUS_FLAGS = new CachedField("statusFlags");

    /**
     * Through the driver's interfaces (8.0 to 9.x declare both methods there), not ConnectionImpl:
     * the first reflection on that class loads every type its 400 methods name, CallableStatement
     * among them, woven and outside any class-data cache (5-15 ms of a first connection).
     */
    @Override
    public Object statusSource(Connection connection) {
        try {
            Object session = Reflect.invoke(Reflect.interfaceMethod(connection, MYSQL_CONNECTION, "getSession"), connection);
            return Reflect.invoke(Reflect.interfaceMethod(session, SESSION, "getServerSession"), session);
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    @Override
    public int serverStatus(Object source) {
        return STATUS_FLAGS.readInt(source);
    }

    @Override
    public String sqlOf(Statement statement) {
        try {
            return (String) Reflect.call(Reflect.call(statement, "getQuery"), "getOriginalSql");
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    @Override
    public boolean canReconnect() {
        return true;
    }

    @Override
    public boolean keepRevivable(Object connection, Throwable why) {
        try {
            Object session = Reflect.call(connection, "getSession");
            Reflect.invoke(Reflect.method(session.getClass(), "setForceClosedReason", Throwable.class), session, why);
            Reflect.call(session, "forceClose");
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    @Override
    public void reconnect(Connection connection, int timeoutMillis) throws SQLException {
        Method lockGetter = lockGetter(connection);
        if (lockGetter != null) {
            Lock lock = (Lock) Reflect.invoke(lockGetter, connection);
            lock.lock();
            try {
                reconnectLocked(connection, timeoutMillis);
            } finally {
                lock.unlock();
            }
        } else {
            synchronized (Reflect.call(connection, "getConnectionMutex")) { // 8.0.x and 8.4.x
                reconnectLocked(connection, timeoutMillis);
            }
        }
    }

    private static Method lockGetter(Connection connection) {
        try {
            return Reflect.method(connection.getClass(), "getConnectionLock");
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private void reconnectLocked(Connection connection, int timeoutMillis) throws SQLException {
        Object session = Reflect.call(connection, "getSession");
        if (!(Boolean) Reflect.call(session, "isClosed")) {
            Reflect.call(connection, "abortInternal"); // dead but not yet closed: drop the old socket
        }
        if (Reflect.get(connection, "nullStatementResultSetFactory") == null) {
            repairAfterCleanup(connection);
        }
        boolean readOnly = connection.isReadOnly();
        Object connectTimeout = property(connection, "getIntegerProperty", "connectTimeout");
        Object socketTimeout = property(connection, "getIntegerProperty", "socketTimeout");
        Object connectBefore = value(connectTimeout);
        Object socketBefore = value(socketTimeout);
        value(connectTimeout, timeoutMillis);
        value(socketTimeout, timeoutMillis);
        try {
            Reflect.invoke(Reflect.method(connection.getClass(), "createNewIO", boolean.class), connection, true);
        } finally {
            value(connectTimeout, connectBefore);
            value(socketTimeout, socketBefore);
        }
        // the new socket was opened with the bounded timeout: give it the program's own back
        connection.setNetworkTimeout(Runnable::run, socketBefore == null ? 0 : (Integer) socketBefore);
        Reflect.invoke(Reflect.method(session.getClass(), "setForceClosedReason", Throwable.class), session,
                (Object) null);
        List<Object> serverPrepared = serverPreparedStatements(connection);
        if (!serverPrepared.isEmpty()) {
            // MariaDB refuses to prepare DML in a read-only session; the restore sets it back.
            if (readOnly) {
                execute(connection, "SET SESSION TRANSACTION READ WRITE");
            }
            for (Object statement : serverPrepared) {
                prepareAgainKeepingBindings(statement);
            }
            if (readOnly) {
                execute(connection, "SET SESSION TRANSACTION READ ONLY");
            }
        }
    }

    /** Unless {@code useServerPrepStmts} is set, Connector/J prepares on the client. */
    @Override
    public boolean preparesOnClient(Connection connection) {
        try {
            return Boolean.FALSE.equals(value(property(connection, "getBooleanProperty", "useServerPrepStmts")));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The driver's RuntimeProperty {@code name}, got with {@code getter} (getIntegerProperty, getBooleanProperty). */
    private static Object property(Connection connection, String getter, String name) throws SQLException {
        Object properties = Reflect.invoke(Reflect.interfaceMethod(connection, MYSQL_CONNECTION, "getPropertySet"),
                connection);
        return Reflect.invoke(Reflect.interfaceMethod(properties, PROPERTY_SET, getter, String.class), properties, name);
    }

    private static Object value(Object property) throws SQLException {
        return Reflect.invoke(Reflect.interfaceMethod(property, RUNTIME_PROPERTY, "getValue"), property);
    }

    private static void value(Object property, Object value) throws SQLException {
        Reflect.invoke(Reflect.interfaceMethod(property, RUNTIME_PROPERTY, "setValue", Object.class), property, value);
    }

    /** The driver's cleanup nulled what createNewIO needs; the statements it closed stay closed. */
    private static void repairAfterCleanup(Connection connection) throws SQLException {
        ClassLoader loader = connection.getClass().getClassLoader();
        try {
            Class<?> factory = Class.forName("com.mysql.cj.jdbc.result.ResultSetFactory", false, loader);
            Object fresh = factory.getConstructor(Class.forName("com.mysql.cj.jdbc.JdbcConnection", false, loader),
                    Class.forName("com.mysql.cj.jdbc.StatementImpl", false, loader)).newInstance(connection, null);
            Reflect.set(connection, "nullStatementResultSetFactory", fresh);
        } catch (ReflectiveOperationException e) {
            throw new SQLException("Connector/J internals differ: " + e, "08001", e);
        }
        if (Reflect.get(connection, "queryInterceptors") == null) {
            Reflect.call(connection, "initializeSafeQueryInterceptors");
        }
    }

    private static List<Object> serverPreparedStatements(Connection connection) {
        List<Object> found = new ArrayList<>();
        for (Object statement : new ArrayList<>((List<?>) Reflect.get(connection, "openStatements"))) {
            if (Reflect.hasSuperclassNamed(statement.getClass(), SERVER_PREPARED)) {
                found.add(statement);
            }
        }
        return found;
    }

    private static void prepareAgainKeepingBindings(Object statement) throws SQLException {
        Object query = Reflect.call(statement, "getQuery");
        Object bindings = Reflect.call(query, "getQueryBindings");
        List<?> batched = (List<?>) Reflect.call(query, "getBatchedArgs");
        Reflect.call(statement, "rePrepare");
        if (Boolean.TRUE.equals(Reflect.get(statement, "invalid"))) {
            return; // the driver reports it on the statement's next use
        }
        if (bindings != null) {
            ((AtomicBoolean) Reflect.call(bindings, "getSendTypesToServer")).set(true);
            Method setter = null;
            for (Method m : query.getClass().getMethods()) {
                if (m.getName().equals("setQueryBindings") && m.getParameterCount() == 1) {
                    setter = m;
                }
            }
            if (setter != null) {
                Reflect.invoke(setter, query, bindings);
            }
        }
        if (batched != null) {
            for (Object b : batched) {
                if (b != null && !(b instanceof String)) {
                    ((AtomicBoolean) Reflect.call(b, "getSendTypesToServer")).set(true);
                }
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
