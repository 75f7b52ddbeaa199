package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * The two ways one connection goes wrong between threads, each made to happen exactly once:
 * "concurrent" (thread B runs an INSERT while thread A is inside {@code SELECT SLEEP(2)}) and
 * "transaction" (thread A begins a transaction with an INSERT; thread B adds its INSERT to it).
 * Prints what B got. Usage: {@code ThreadClashApp <url> <user> <password> <run-id> concurrent|transaction}.
 */
public final class ThreadClashApp {

    private ThreadClashApp() {
    }

    public static void main(String[] args) throws Exception {
        String run = args[3];
        String kind = args[4];
        Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS clash (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " run VARCHAR(64) NOT NULL, thread VARCHAR(32) NOT NULL)");
        }
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        Thread a;
        if (kind.equals("concurrent")) {
            a = new Thread(() -> {
                try (Statement s = c.createStatement()) {
                    aInside.countDown();
                    s.executeQuery("SELECT SLEEP(2)").close();
                } catch (SQLException e) {
                    System.out.println("thread-A failed: " + e.getMessage());
                }
            }, "thread-A");
            a.start();
            aInside.await();
            Thread.sleep(300);
        } else {
            c.setAutoCommit(false);
            a = new Thread(() -> {
                try {
                    insert(c, run, "thread-A");
                    aInside.countDown();
                    bDone.await();
                    c.commit(); // A finishes its own transaction
                } catch (SQLException | InterruptedException e) {
                    System.out.println("thread-A failed: " + e.getMessage());
                }
            }, "thread-A");
            a.start();
            aInside.await();
        }
        Thread b = new Thread(() -> {
            try {
                insert(c, run, "thread-B");
                System.out.println("thread-B: insert done");
            } catch (SQLException e) {
                System.out.println("thread-B got " + e.getClass().getName() + ": " + e.getMessage());
            }
        }, "thread-B");
        b.start();
        b.join();
        bDone.countDown();
        a.join();
        c.close();
    }

    private static void insert(Connection c, String run, String thread) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO clash (run, thread) VALUES (?, ?)")) {
            s.setString(1, run);
            s.setString(2, thread);
            s.executeUpdate();
        }
    }
}
