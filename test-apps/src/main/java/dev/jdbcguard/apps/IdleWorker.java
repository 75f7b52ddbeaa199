package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The daemon of the incident reports: a queue worker that opens one connection at start-up and
 * keeps it forever. Between jobs it idles; when the idle time passes the server's
 * {@code wait_timeout}, the server closes the session and, without the agent, the next job fails
 * with "Communications link failure" / "Socket error".
 *
 * <p>Usage: {@code IdleWorker <jdbc-url> <user> <password> [via=driver-manager|datasource|hikari]
 * [waitTimeout=2] [idle=3] [jobs=2]}. Exit code 0 when every job succeeded, 1 otherwise.
 */
public final class IdleWorker {

    private IdleWorker() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args, 3);
        ConnectionSource.Via via = ConnectionSource.via(a.get("via", "driver-manager"));
        int waitTimeout = a.getInt("waitTimeout", 2);
        int idleSeconds = a.getInt("idle", 3);
        int jobs = a.getInt("jobs", 2);
        String name = "worker-" + ProcessHandle.current().pid();
        System.out.println("worker pid " + ProcessHandle.current().pid());
        int job = 0;
        try (Connection connection = ConnectionSource.open(via, args[0], args[1], args[2])) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET SESSION wait_timeout=" + waitTimeout);
                s.execute("CREATE TABLE IF NOT EXISTS jobs (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                        + " worker VARCHAR(64) NOT NULL, job INT NOT NULL)");
            }
            PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs (worker, job) VALUES (?, ?)");
            for (job = 1; job <= jobs; job++) {
                insert.setString(1, name);
                insert.setInt(2, job);
                insert.executeUpdate();
                System.out.println("job " + job + ": done on server thread " + serverThread(connection)
                        + " (" + count(connection, name) + " rows so far)");
                if (job < jobs) {
                    System.out.println("idling " + idleSeconds + " s (wait_timeout is " + waitTimeout + " s)");
                    System.out.flush();
                    Thread.sleep(idleSeconds * 1000L);
                }
            }
        } catch (SQLException e) {
            System.out.println("job " + job + " FAILED: " + e.getClass().getName() + " [" + e.getSQLState() + "]: "
                    + e.getMessage().split("\n")[0]);
            System.exit(1);
        }
        System.out.println("all " + jobs + " jobs done");
        System.exit(0);
    }

    static long serverThread(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(Connection connection, String worker) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT COUNT(*) FROM jobs WHERE worker = ?")) {
            s.setString(1, worker);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
