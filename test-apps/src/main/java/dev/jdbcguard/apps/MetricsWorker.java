package dev.jdbcguard.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A worker that gives a scraper something to count, then holds still while it is scraped: heals
 * by idle timeout and by KILL, a transaction refused after a KILL, a clash of two threads, a
 * leak; then a HikariCP pool of 3 with one connection in an open transaction (used) and 3 raw
 * connections idle. It never touches JMX itself: the scraper's agent is what creates the platform
 * MBean server. Runs until {@code stop-file} exists (at most 3 minutes).
 *
 * <p>Usage: {@code MetricsWorker <url> <user> <password> <stop-file> [idleHeals=2]}.
 */
public final class MetricsWorker {

    private MetricsWorker() {
    }

    public static void main(String[] args) throws Exception {
        int idleHeals = new Args(args, 4).getInt("idleHeals", 2);
        System.out.println("worker pid " + ProcessHandle.current().pid());
        Connection raw = DriverManager.getConnection(args[0], args[1], args[2]);
        run(raw, "CREATE TABLE IF NOT EXISTS metrics_worker (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)");
        // heals: idle past wait_timeout (the agent pings after validateAfter=2s and finds the session closed)
        run(raw, "SET SESSION wait_timeout=1");
        for (int i = 0; i < idleHeals; i++) {
            Thread.sleep(2_300);
            run(raw, "SELECT 1");
        }
        run(raw, "SET SESSION wait_timeout=28800");
        // heal: killed by another session of this JVM
        Connection killed = DriverManager.getConnection(args[0], args[1], args[2]);
        run(raw, "KILL CONNECTION " + IdleWorker.serverThread(killed));
        Thread.sleep(2_300);
        run(killed, "SELECT 1");
        // refusal: a transaction lost with its session, then rolled back (and healed)
        Connection refused = DriverManager.getConnection(args[0], args[1], args[2]);
        refused.setAutoCommit(false);
        run(refused, "INSERT INTO metrics_worker (v) VALUES (1)");
        run(raw, "KILL CONNECTION " + IdleWorker.serverThread(refused));
        Thread.sleep(2_300);
        try {
            run(refused, "INSERT INTO metrics_worker (v) VALUES (2)");
            System.out.println("the lost transaction was NOT refused");
        } catch (SQLException e) {
            System.out.println("refused: [" + e.getSQLState() + "]");
        }
        refused.rollback();
        refused.setAutoCommit(true);
        clash(raw);
        leak(args);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setPassword(args[2]);
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(3);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Connection borrowed = pool.getConnection();
            borrowed.setAutoCommit(false);
            run(borrowed, "INSERT INTO metrics_worker (v) VALUES (3)");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (pool.getHikariPoolMXBean().getTotalConnections() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.println("pool connections: " + pool.getHikariPoolMXBean().getTotalConnections());
            System.out.println("READY");
            System.out.flush();
            deadline = System.nanoTime() + 180_000_000_000L;
            while (!Files.exists(Paths.get(args[3])) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            borrowed.rollback();
            borrowed.close();
        }
        raw.close();
        killed.close();
        refused.close();
        System.out.println("done");
    }

    /** Thread B runs a statement while thread A is inside SELECT SLEEP(1) on the same connection. */
    private static void clash(Connection c) throws InterruptedException {
        Thread a = new Thread(() -> {
            try {
                run(c, "SELECT SLEEP(1)");
            } catch (SQLException e) {
                System.out.println("thread-A failed: " + e.getMessage());
            }
        }, "thread-A");
        a.start();
        Thread.sleep(300);
        try {
            run(c, "SELECT 1");
        } catch (SQLException e) {
            System.out.println("thread-B failed: " + e.getMessage());
        }
        a.join();
    }

    /** A connection dropped without close(); the collector finds it, the agent's watch counts it. */
    private static void leak(String[] args) throws Exception {
        DriverManager.getConnection(args[0], args[1], args[2]);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
        }
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
