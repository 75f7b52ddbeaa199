package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * One connection used from virtual threads, which have no name: virtual thread A is inside
 * {@code SELECT SLEEP(2)} when virtual thread B runs a query on the same connection; then the
 * connection idles past its wait_timeout and virtual thread C uses it. Prints each thread's id.
 * Virtual threads are made by reflection, so that this class compiles for Java 17 and runs on 21+.
 * <p>Usage: {@code VirtualThreadsApp <url> <user> <password>}.
 */
public final class VirtualThreadsApp {

    private VirtualThreadsApp() {
    }

    public static void main(String[] args) throws Exception {
        Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
        query(c, "SET SESSION wait_timeout=1");
        CountDownLatch aInside = new CountDownLatch(1);
        Thread a = virtual(() -> {
            aInside.countDown();
            query(c, "SELECT SLEEP(2)");
        });
        aInside.await();
        Thread.sleep(300);
        Thread b = virtual(() -> query(c, "SELECT 1"));
        b.join();
        a.join();
        System.out.println("A is virtual thread #" + a.getId() + ", B is virtual thread #" + b.getId()
                + ", names \"" + a.getName() + "\" \"" + b.getName() + "\"");
        Thread.sleep(3_000); // past wait_timeout: the server ends the session
        Thread d = virtual(() -> query(c, "SELECT 2"));
        d.join();
        System.out.println("C is virtual thread #" + d.getId());
        c.close();
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Thread virtual(Work work) throws Exception {
        Runnable task = () -> {
            try {
                work.run();
            } catch (Exception e) {
                System.out.println(Thread.currentThread() + " failed: " + e);
            }
        };
        return (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, task);
    }

    private static void query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
