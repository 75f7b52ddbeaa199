package dev.jdbcguard.support;

import dev.jdbcguard.testdb.TestServer;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** One-line SQL helpers for tests. */
public final class Sql {

    private Sql() {
    }

    /** A connection through {@code driver} itself (not DriverManager), as the test server's user. */
    public static Connection connect(Driver driver, String url) throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", TestServer.USER);
        info.setProperty("password", TestServer.PASSWORD);
        return driver.connect(url, info);
    }

    public static long serverThread(Connection c) throws SQLException {
        return longValue(c, "SELECT CONNECTION_ID()");
    }

    public static long longValue(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static String stringValue(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    public static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** {@code KILL} a session from the administrator's connection. */
    public static void kill(Connection admin, long serverThread) throws SQLException {
        execute(admin, "KILL " + serverThread);
    }

    /** A global status counter, e.g. Com_admin_commands (what COM_PING counts in). */
    public static long globalStatus(Connection admin, String name) throws SQLException {
        try (Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            rs.next();
            return rs.getLong(2);
        }
    }
}
