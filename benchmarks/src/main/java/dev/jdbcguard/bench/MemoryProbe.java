package dev.jdbcguard.bench;

import fakedb.FakeDriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Heap questions, answered in a child JVM (Suite runs it with -XX:+UseSerialGC so that
 * System.gc() is a full, compacting collection), with and without jdbc-guard, on the fake driver.
 *
 * <ul>
 *   <li>{@code connections <n> <stack-depth>}: used heap before and after opening n connections
 *       (held) from a call stack about that deep; prints bytes per connection.</li>
 *   <li>{@code statements <first> <total>}: one connection; used heap after {@code first}
 *       statements and after {@code total}, each after a full GC.</li>
 * </ul>
 */
public final class MemoryProbe {

    private static final FakeDriver DRIVER = new FakeDriver();

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        // Let start-up work settle (class loading, the agent's JMX registration thread).
        Connection warm = connect("warm-up");
        statements(warm, 20_000, 0);
        warm.close();
        warm = null;
        Thread.sleep(1_500);
        if (args[0].equals("connections")) {
            connections(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else if (args[0].equals("churn")) {
            churn(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args.length > 3 && args[3].equals("jmx"));
        } else {
            statements(Long.parseLong(args[1]), Long.parseLong(args[2]));
        }
    }

    private static void connections(int n, int depth) throws Exception {
        List<Connection> held = new ArrayList<>(n);
        long before = usedAfterGc();
        atDepth(depth, () -> {
            for (int i = 0; i < n; i++) {
                held.add(connect("c" + i));
            }
        });
        long after = usedAfterGc();
        System.out.println("RESULT connections n=" + n + " depth=" + depth + " before=" + before + " after=" + after
                + " bytesPerConnection=" + (after - before) / n + " held=" + held.size());
    }

    /** Opens, uses, closes and drops n connections; what stays on the heap afterwards. */
    private static void churn(int n, int depth, boolean readJmx) throws Exception {
        long before = usedAfterGc();
        atDepth(depth, () -> {
            for (int i = 0; i < n; i++) {
                Connection c = connect("d" + i);
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                }
                c.close();
            }
        });
        long after = usedAfterGc();
        int rows = -1;
        if (readJmx) {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName name = new javax.management.ObjectName(AgentCheck.BEAN);
            if (server.isRegistered(name)) {
                rows = ((Object[]) server.getAttribute(name, "Connections")).length;
            }
            after = usedAfterGc();
        }
        System.out.println("RESULT churn n=" + n + " depth=" + depth + " before=" + before + " after=" + after
                + " bytesPerConnection=" + (after - before) / n + " jmxRows=" + rows);
    }

    private static void statements(long first, long total) throws Exception {
        Connection c = connect("statements");
        long used0 = usedAfterGc();
        long ran = statements(c, first, 0);
        long usedFirst = usedAfterGc();
        ran = statements(c, total, ran);
        long usedTotal = usedAfterGc();
        System.out.println("RESULT statements first=" + first + " total=" + ran + " usedStart=" + used0
                + " usedFirst=" + usedFirst + " usedTotal=" + usedTotal + " growth=" + (usedTotal - usedFirst));
        c.close();
    }

    /**
     * Runs statements until {@code upTo} have run: distinct query texts, prepared updates, a new
     * prepared statement every 10th and a session SET every 100th. Returns the count.
     */
    private static long statements(Connection c, long upTo, long from) throws SQLException {
        try (Statement s = c.createStatement(); PreparedStatement update =
                c.prepareStatement("UPDATE items SET qty = qty + 1 WHERE id = ?")) {
            long i = from;
            while (i < upTo) {
                s.executeQuery("SELECT name, qty FROM items WHERE id = " + i).close();
                i++;
                update.setLong(1, i);
                update.executeUpdate();
                i++;
                if (i % 10 == 0) {
                    c.prepareStatement("SELECT name FROM items WHERE id = ?").close();
                }
                if (i % 100 == 0) {
                    s.execute("SET SESSION sort_buffer_size = " + (262144 + i % 1000));
                }
            }
            return i;
        }
    }

    private static Connection connect(String name) throws SQLException {
        return DRIVER.connect(FakeDriver.PREFIX + name, new Properties());
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void atDepth(int depth, Work work) throws Exception {
        if (depth <= 0) {
            work.run();
        } else {
            atDepth(depth - 1, work);
        }
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
