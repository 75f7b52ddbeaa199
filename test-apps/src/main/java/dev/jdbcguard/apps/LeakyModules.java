package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM twin of the game backend whose every task built a new "module" with its own
 * persistent link: each module opens its own connection and is kept in a list that is never
 * cleared, until the server answers 1040 "Too many connections".
 * Usage: {@code LeakyModules <url> <user> <password> [tasks=1000]}; exit 1 on the 1040.
 */
public final class LeakyModules {

    private static final List<Module> ACTIVE = new ArrayList<>();

    private LeakyModules() {
    }

    /** A unit of game logic that wrongly owns a connection of its own. */
    static final class Module {
        private final Connection connection;

        Module(String url, String user, String password) throws SQLException {
            connection = DriverManager.getConnection(url, user, password);
        }

        void run(int task) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.executeQuery("SELECT " + task).close();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int tasks = new Args(args, 3).getInt("tasks", 1000);
        for (int task = 1; task <= tasks; task++) {
            try {
                Module module = new Module(args[0], args[1], args[2]);
                module.run(task);
                ACTIVE.add(module);
            } catch (SQLException e) {
                System.out.println("modules opened: " + ACTIVE.size());
                System.out.println("task " + task + " FAILED: [" + e.getSQLState() + "/" + e.getErrorCode() + "] "
                        + e.getMessage());
                System.exit(1);
            }
        }
        System.out.println("modules opened: " + ACTIVE.size());
    }
}
