package dev.jdbcguard.apps;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application with both drivers and HikariCP loaded and in use, and a ticker thread that
 * measures the longest time it was held up: run it, attach the agent, and read how long the
 * application's threads paused while classes were retransformed.
 * Usage: {@code AttachPauseProbe <mysql-url> <mariadb-url> <user> <password> <seconds>}.
 */
public final class AttachPauseProbe {

    private AttachPauseProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection mysql = DriverManager.getConnection(args[0], args[2], args[3]);
             Connection mariadb = DriverManager.getConnection(args[1], args[2], args[3]);
             HikariDataSource pool = ConnectionSource.hikari(args[0], args[2], args[3], 2);
             Connection pooled = pool.getConnection()) {
            IdleWorker.serverThread(mysql);
            IdleWorker.serverThread(mariadb);
            IdleWorker.serverThread(pooled);
            AtomicLong worstNanos = new AtomicLong();
            Thread ticker = new Thread(() -> {
                long last = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = System.nanoTime();
                    worstNanos.accumulateAndGet(now - last - 1_000_000L, Math::max);
                    last = now;
                }
            }, "ticker");
            ticker.setDaemon(true);
            ticker.start();
            System.out.println("probe pid " + ProcessHandle.current().pid() + " ready");
            long end = System.currentTimeMillis() + Long.parseLong(args[4]) * 1000;
            while (System.currentTimeMillis() < end) {
                Thread.sleep(250);
                System.out.printf(java.util.Locale.ROOT, "pause %.1f ms agent %s%n", worstNanos.getAndSet(0) / 1e6,
                        System.getProperty("jdbcguard.running") == null ? "no" : "yes");
            }
            IdleWorker.serverThread(mysql);
            IdleWorker.serverThread(mariadb);
            IdleWorker.serverThread(pooled);
        }
    }
}
