package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM twin of the forked PHP scheduler whose children shared one MySQL link: one connection
 * in a static field, used by a pool of worker threads, each running small transactions. The
 * driver serialises the calls, so nothing crashes at once; the transactions interleave instead.
 *
 * <p>Usage: {@code SharedConnectionWorker <url> <user> <password> [workers=4] [transactions=50]}.
 */
public final class SharedConnectionWorker {

    private static Connection shared;

    private SharedConnectionWorker() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args, 3);
        int workers = a.getInt("workers", 4);
        int transactions = a.getInt("transactions", 50);
        shared = DriverManager.getConnection(args[0], args[1], args[2]);
        try (Statement s = shared.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS shared_jobs (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " worker VARCHAR(64) NOT NULL, step INT NOT NULL)");
        }
        shared.setAutoCommit(false);
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                r -> new Thread(r, "worker-" + names.incrementAndGet()));
        for (int i = 0; i < workers * transactions; i++) {
            pool.execute(() -> {
                try {
                    runTransaction();
                    committed.incrementAndGet();
                } catch (SQLException e) {
                    failed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        shared.close();
        System.out.println("transactions committed: " + committed + ", failed: " + failed);
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runTransaction() throws SQLException {
        try (PreparedStatement insert = shared.prepareStatement("INSERT INTO shared_jobs (worker, step) VALUES (?, ?)")) {
            for (int step = 1; step <= 2; step++) {
                insert.setString(1, Thread.currentThread().getName());
                insert.setInt(2, step);
                insert.executeUpdate();
                pause(); // the work between two statements of a transaction
            }
        }
        shared.commit();
    }
}
