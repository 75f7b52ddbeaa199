package dev.jdbcguard.apps;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * 64 threads through a HikariCP pool of 16 for a bounded time: transactions of a read and a write.
 * Prints throughput, and with the agent its counters and registry size.
 * Usage: {@code LoadApp <url> <user> <password> [seconds=10] [threads=64] [pool=16]}.
 */
public final class LoadApp {

    private LoadApp() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args, 3);
        int seconds = a.getInt("seconds", 10);
        int threads = a.getInt("threads", 64);
        try (HikariDataSource pool = ConnectionSource.hikari(args[0], args[1], args[2], a.getInt("pool", 16))) {
            try (Connection c = pool.getConnection()) {
                c.createStatement().execute("CREATE TABLE IF NOT EXISTS load_counters (worker INT PRIMARY KEY, n BIGINT NOT NULL)");
                for (int i = 0; i < threads; i++) {
                    c.createStatement().execute("INSERT IGNORE INTO load_counters VALUES (" + i + ", 0)");
                }
            }
            print("before");
            LongAdder done = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                futures.add(executor.submit(() -> {
                    while (running.get()) {
                        try (Connection c = pool.getConnection()) {
                            c.setAutoCommit(false);
                            try (PreparedStatement read = c.prepareStatement("SELECT n FROM load_counters WHERE worker = ?");
                                 PreparedStatement write = c.prepareStatement("UPDATE load_counters SET n = n + 1 WHERE worker = ?")) {
                                read.setInt(1, worker);
                                try (ResultSet rs = read.executeQuery()) {
                                    rs.next();
                                }
                                write.setInt(1, worker);
                                write.executeUpdate();
                            }
                            c.commit();
                            done.increment();
                        }
                    }
                    return null;
                }));
            }
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            running.set(false);
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS); // a deadlock would end here
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            executor.shutdown();
            System.out.printf(java.util.Locale.ROOT, "throughput: %.0f transactions/s (%d in %.1f s)%n",
                    done.sum() / elapsed, done.sum(), elapsed);
            print("after");
        }
    }

    private static void print(String when) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName guard = new ObjectName("dev.jdbcguard:type=Guard");
        Thread.sleep(300);
        if (!jmx.isRegistered(guard)) {
            return;
        }
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println("agent " + when + ": entries " + jmx.getAttribute(guard, "TrackedEntries") + ", heap "
                + heap / 1024 + " KiB, counters " + counters(jmx, guard));
    }

    private static String counters(MBeanServer jmx, ObjectName guard) throws Exception {
        StringBuilder text = new StringBuilder();
        for (Object row : ((javax.management.openmbean.TabularData) jmx.getAttribute(guard, "Counters")).values()) {
            javax.management.openmbean.CompositeData entry = (javax.management.openmbean.CompositeData) row;
            text.append(entry.get("key")).append('=').append(entry.get("value")).append(' ');
        }
        return text.toString().trim();
    }
}
