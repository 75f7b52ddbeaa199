package dev.jdbcguard.driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the agent can do with one driver's physical connections beyond plain JDBC: name the
 * server thread, read limits the driver already fetched, and reconnect the same object in place.
 */
public abstract class DriverSupport {

    private static final DriverSupport CONNECTOR_J = new ConnectorJ();
    private static final DriverSupport MARIADB = new MariaDb();
    private static final DriverSupport OTHER = new OtherDriver();

    private static final ClassValue<DriverSupport> BY_CLASS = new ClassValue<DriverSupport>() {
        @Override
        protected DriverSupport computeValue(Class<?> type) {
            for (DriverSupport support : new DriverSupport[] {CONNECTOR_J, MARIADB}) {
                if (support.owns(type)) {
                    return support;
                }
            }
            return OTHER;
        }
    };

    public static DriverSupport of(Class<?> connectionClass) {
        return BY_CLASS.get(connectionClass);
    }

    /** Short name for logs and tables: "mysql-connector-j", "mariadb", "other". */
    public abstract String name();

    /** True when instances of this class are physical connections of this driver. */
    public abstract boolean owns(Class<?> connectionClass);

    /** The server's id for this session (what {@code KILL} takes), or -1. */
    public long serverThreadId(Connection connection) {
        return -1;
    }

    /**
     * True when {@code prepareStatement} on this connection never talks to the server (the driver
     * prepares on the client); false when it may, or when the driver cannot tell.
     */
    public boolean preparesOnClient(Connection connection) {
        return false;
    }

    /** The server status flag: a transaction is open on the session. */
    public static final int IN_TRANSACTION = 0x0001;
    /** The server status flag: the session is in autocommit mode. */
    public static final int AUTOCOMMIT = 0x0002;

    /** Whether the server says a transaction is open on this session; null when the driver cannot tell. */
    public final Boolean inTransaction(Connection connection) {
        int status = serverStatus(statusSource(connection));
        return status < 0 ? null : (status & IN_TRANSACTION) != 0;
    }

    /**
     * The driver's object that keeps the status flags of the server's last reply for this
     * connection's current session, or null when the driver keeps none the agent can read. Ask
     * again after a reconnect: a driver may build it anew for every session.
     */
    public Object statusSource(Connection connection) {
        return null;
    }

    /**
     * The status flags of the server's last OK or end-of-rows reply, as the driver stored them in
     * {@code source}; -1 when unknown. Runs at the end of every statement: a field read.
     */
    public int serverStatus(Object source) {
        return -1;
    }

    /** The database the session is in, as the driver learnt it from the server; null when it does not track it. */
    public String trackedDatabase(Connection connection) {
        return null;
    }

    /** The SQL text a prepared statement was made from, or null (asked only after a failure). */
    public String sqlOf(Statement statement) {
        return null;
    }

    /**
     * True for a connection the driver fails over by itself (high-availability URLs): the agent
     * tracks it but neither pings nor reconnects nor refuses it, since the driver already decides
     * what a lost session means for the program. Asked only on the rare healing path.
     */
    public boolean reconnectsItself(Connection connection) {
        return false;
    }

    public boolean canReconnect() {
        return false;
    }

    /**
     * Replaces the dead session under {@code connection} with a new one, keeping the object and
     * its statements. Session state is restored by the caller. Connecting and the handshake may
     * take at most {@code timeoutMillis}: a black-holed network must not hang the program.
     */
    public void reconnect(Connection connection, int timeoutMillis) throws SQLException {
        throw new SQLException("in-place reconnect is not supported for " + connection.getClass().getName());
    }

    /**
     * The driver is about to tear a connection down after a lost link; returns true when it was
     * closed in a way that a later {@link #reconnect} can revive (statements kept), so the
     * driver's own teardown must be skipped.
     */
    public boolean keepRevivable(Object connection, Throwable why) {
        return false;
    }

    /**
     * {@code statement} was just prepared on {@code connection}, a tracked connection: a driver
     * whose statements keep server-side statement ids learns of them here (see {@link #reconnect}).
     */
    public void prepared(Connection connection, Object statement) {
    }

    /** Driver-specific work after the caller restored state. */
    public void afterRestore(Connection connection) throws SQLException {
    }

    /** True when {@code error} means a statement prepared on the old session is unknown to the new one. */
    public boolean forgetsPreparedStatements(SQLException error) {
        return false;
    }

    /** Makes a server-side prepared statement from before a reconnect prepare itself again. */
    public void forgetServerPrepare(Statement statement) throws SQLException {
    }
}
