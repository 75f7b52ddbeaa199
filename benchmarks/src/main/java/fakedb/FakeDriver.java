package fakedb;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver that talks to nothing: {@code jdbc:fake:<name>} connections answer every query
 * with one constant row and every update with 1, allocating nothing per call. It lives outside
 * {@code dev.jdbcguard.*} on purpose: the agent never instruments its own packages.
 *
 * <p>Connections are born in {@link #connect(String, Properties)}, the place where jdbc-guard
 * registers physical connections, so the agent tracks them as it would any driver's.
 */
public final class FakeDriver implements Driver {

    public static final String PREFIX = "jdbc:fake:";

    static {
        try {
            DriverManager.registerDriver(new FakeDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return acceptsURL(url) ? new FakeConnection(url) : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("fakedb");
    }
}
