package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The idle worker for a driver jdbc-guard cannot reconnect in place (run with only that driver
 * on the class path): it must learn that its connection is dead before the doomed statement is
 * sent, with an 08 SQLState, and recover the way a pool would: close and reconnect.
 * Usage: {@code OtherDriverApp <url> <user> <password>}; references no other class on purpose.
 */
public final class OtherDriverApp {

    private OtherDriverApp() {
    }

    public static void main(String[] args) throws Exception {
        Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION wait_timeout = 2");
        }
        System.out.println("first query: " + query(c));
        Thread.sleep(3_000);
        try {
            System.out.println("after idling: " + query(c));
        } catch (SQLException e) {
            System.out.println("after idling: " + e.getClass().getName() + " [" + e.getSQLState() + "]: "
                    + String.valueOf(e.getMessage()).split("\n")[0]);
            c.close();
            c = DriverManager.getConnection(args[0], args[1], args[2]);
            System.out.println("new connection: " + query(c));
        }
        c.close();
    }

    private static String query(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 'ok'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
