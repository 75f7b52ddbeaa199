package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One connection of a multi-host URL whose session is killed twice while it idles: once in
 * autocommit mode, once inside a transaction. Prints one line per step, "step: OK" or
 * "step: FAILED sqlstate message", and before each idle period "server thread: N" for the
 * parent to KILL. Args: url user password run.
 */
public final class MultiHostScenario {

    private MultiHostScenario() {
    }

    public static void main(String[] args) throws Exception {
        String run = args[3];
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            step("first", () -> select(c));
            idleWhileKilled(c);
            step("after-kill", () -> select(c));
            step("after-kill-again", () -> select(c));

            step("tx-begin", () -> c.setAutoCommit(false));
            step("tx-insert-1", () -> insert(c, run, "lost-1"));
            idleWhileKilled(c);
            step("tx-insert-2", () -> insert(c, run, "lost-2"));
            step("tx-commit", c::commit);
            step("tx-rollback", c::rollback);
            step("tx-again", () -> {
                insert(c, run, "again");
                c.commit();
            });
            step("autocommit-again", () -> c.setAutoCommit(true));
        }
        System.out.println("done");
    }

    private interface Step {
        void run() throws SQLException;
    }

    private static void step(String name, Step step) {
        try {
            step.run();
            System.out.println(name + ": OK");
        } catch (SQLException e) {
            System.out.println(name + ": FAILED " + e.getSQLState() + " " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            System.out.println(name + ": FAILED " + e);
        }
    }

    private static void idleWhileKilled(Connection c) throws InterruptedException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            System.out.println("server thread: " + rs.getLong(1));
        } catch (SQLException e) {
            System.out.println("server thread: unknown " + e.getSQLState());
        }
        Thread.sleep(2_500); // the parent kills it now; past the agent's validateAfter of 2 s
    }

    private static void select(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
    }

    private static void insert(Connection c, String run, String step) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO multi_host (run, step) VALUES (?, ?)")) {
            s.setString(1, run);
            s.setString(2, step);
            s.executeUpdate();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
