package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Produces one cause of "gone away" for real and prints what the program got: the exception's
 * class, SQLState, error code and first message line, then any diagnosis attached to it.
 * Usage: {@code GoneAwayApp <url> <user> <password> <cause>} with cause one of idle, killed,
 * packet, concurrent, closed, timeout, unreachable, too-many.
 */
public final class GoneAwayApp {

    private GoneAwayApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        try {
            switch (args[3]) {
                case "idle":
                    idle(url, user, password);
                    break;
                case "killed":
                    killed(url, user, password);
                    break;
                case "packet":
                    packet(url, user, password);
                    break;
                case "concurrent":
                    concurrent(url, user, password);
                    break;
                case "closed":
                    closed(url, user, password);
                    break;
                case "timeout":
                    query(DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "socketTimeout=1000", user,
                            password), "SELECT SLEEP(3)");
                    break;
                case "unreachable":
                    DriverManager.getConnection(url.replaceFirst("//[^/]+/", "//127.0.0.1:1/"), user, password);
                    break;
                case "too-many":
                    tooMany(url, user, password);
                    break;
                default:
                    throw new IllegalArgumentException(args[3]);
            }
            System.out.println("no error");
        } catch (SQLException e) {
            print(e);
        }
    }

    static void print(SQLException e) {
        System.out.println("error: " + e.getClass().getName() + " | " + e.getSQLState() + " | " + e.getErrorCode() + " | "
                + String.valueOf(e.getMessage()).split("\n")[0]);
        for (Throwable s : e.getSuppressed()) {
            System.out.println("suppressed: " + s.getClass().getName() + ": " + s.getMessage());
        }
    }

    private static void idle(String url, String user, String password) throws Exception {
        Connection c = DriverManager.getConnection(url, user, password);
        execute(c, "SET SESSION wait_timeout = 2");
        Thread.sleep(3_000);
        query(c, "SELECT 1");
    }

    private static void killed(String url, String user, String password) throws Exception {
        Connection c = DriverManager.getConnection(url, user, password);
        long id = IdleWorker.serverThread(c);
        try (Connection other = DriverManager.getConnection(url, user, password)) {
            execute(other, "KILL " + id);
        }
        Thread.sleep(200);
        query(c, "SELECT 1");
    }

    private static void packet(String url, String user, String password) throws Exception {
        Connection c = DriverManager.getConnection(url, user, password);
        execute(c, "CREATE TABLE IF NOT EXISTS blobs (id INT AUTO_INCREMENT PRIMARY KEY, data LONGTEXT)");
        char[] big = new char[20 * 1024 * 1024];
        Arrays.fill(big, 'x');
        execute(c, "INSERT INTO blobs (data) VALUES ('" + new String(big) + "')");
    }

    private static void concurrent(String url, String user, String password) throws Exception {
        Connection c = DriverManager.getConnection(url, user, password);
        Thread aborter = new Thread(() -> {
            try {
                Thread.sleep(500);
                c.abort(Runnable::run);
            } catch (Exception e) {
                System.out.println("abort failed: " + e);
            }
        }, "aborter");
        aborter.start();
        query(c, "SELECT SLEEP(3)");
    }

    private static void closed(String url, String user, String password) throws Exception {
        Connection c = DriverManager.getConnection(url, user, password);
        c.close();
        try (Statement s = c.createStatement()) { // Connector/J refuses here, MariaDB on the query
            s.executeQuery("SELECT 1");
        }
    }

    private static void tooMany(String url, String user, String password) throws Exception {
        List<Connection> held = new ArrayList<>();
        while (held.size() < 1_000) {
            held.add(DriverManager.getConnection(url, user, password));
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeQuery(sql).close();
        }
    }
}
