package dev.jdbcguard.apps;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Opens connections and drops them without close(), and as many that it closes properly, then
 * asks for a garbage collection and prints what the agent reported and how long it took.
 * Usage: {@code LeakDrops <url> <user> <password> [count=100]} (run with the agent).
 */
public final class LeakDrops {

    private LeakDrops() {
    }

    public static void main(String[] args) throws Exception {
        int count = new Args(args, 3).getInt("count", 100);
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName guard = new ObjectName("dev.jdbcguard:type=Guard");
        Thread.sleep(300); // the bean registers in the background
        int baseline = (Integer) jmx.getAttribute(guard, "TrackedEntries");
        leak(args, count);
        closeProperly(args, count);
        long start = System.nanoTime();
        long leaked = 0;
        while (System.nanoTime() - start < 10_000_000_000L) {
            System.gc();
            Thread.sleep(100);
            leaked = counter(jmx, guard, "leaked");
            if (leaked >= count && (Integer) jmx.getAttribute(guard, "TrackedEntries") <= baseline) {
                break;
            }
        }
        Thread.sleep(1_500); // anything reported late (a closed one, wrongly) would show here
        System.out.println("leaked counter: " + counter(jmx, guard, "leaked"));
        System.out.println("reported within: " + (System.nanoTime() - start) / 1_000_000 + " ms");
        System.out.println("registry entries: " + baseline + " before, " + jmx.getAttribute(guard, "TrackedEntries") + " after");
    }

    private static void leak(String[] args, int count) throws Exception {
        List<Connection> dropped = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dropped.add(DriverManager.getConnection(args[0], args[1], args[2]));
        }
        dropped.clear();
    }

    private static void closeProperly(String[] args, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            DriverManager.getConnection(args[0], args[1], args[2]).close();
        }
    }

    private static long counter(MBeanServer jmx, ObjectName guard, String name) throws Exception {
        for (Object row : ((TabularData) jmx.getAttribute(guard, "Counters")).values()) {
            CompositeData entry = (CompositeData) row;
            if (name.equals(entry.get("key"))) {
                return (Long) entry.get("value");
            }
        }
        return -1;
    }
}
