package dev.jdbcguard.apps;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Two connections to one server that restarts while they idle, used again with no check before
 * use (the test runs it with a long validateAfter), so each read fails on its dead link and is
 * diagnosed: the first connection cannot know of the restart, the second can, from the first
 * one's heal. Prints "ready" before the restart, then one line per read.
 *
 * <p>Usage: {@code RestartDiagnosisApp <host> <port> <url> <user> <password>}.
 */
public final class RestartDiagnosisApp {

    private RestartDiagnosisApp() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Connection first = DriverManager.getConnection(args[2], args[3], args[4]);
        Connection second = DriverManager.getConnection(args[2], args[3], args[4]);
        read(first, "first");
        read(second, "second");
        System.out.println("ready");
        System.out.flush();
        await(host, port, false);
        await(host, port, true);
        Thread.sleep(500);
        boolean ok = read(first, "first") & read(second, "second");
        System.exit(ok ? 0 : 1);
    }

    private static boolean read(Connection c, String name) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            System.out.println(name + ": OK on server thread " + rs.getLong(1));
            return true;
        } catch (SQLException e) {
            System.out.println(name + ": FAILED [" + e.getSQLState() + "] " + e.getMessage().split("\n")[0]);
            return false;
        }
    }

    private static void await(String host, int port, boolean up) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            boolean listening;
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(host, port), 200);
                listening = true;
            } catch (IOException e) {
                listening = false;
            }
            if (listening == up) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server's port did not " + (up ? "open" : "close") + " within 60 s");
    }
}
