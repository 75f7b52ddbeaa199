package dev.jdbcguard.apps;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * A program that opens every connection through one helper, {@code Db.open()}, called by two
 * callers: {@code leakOne()} leaks, {@code leakTwo()} leaks too, both called from {@code run()}.
 * The helper's line is the same for every connection; only the chain of callers tells them apart.
 * <p>Usage: {@code HelperLeaks <url> <user> <password> mode=drop|hold [one=6] [two=4]}: drop
 * leaks by dropping the connections (then waits for the leak reports), hold keeps them until the
 * server refuses one more (exit 1 on the 1040).
 */
public final class HelperLeaks {

    private static final List<Connection> HELD = new ArrayList<>();

    private HelperLeaks() {
    }

    /** The program's one way to a connection. */
    static final class Db {
        static String url;
        static String user;
        static String password;

        static Connection open() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args, 3);
        Db.url = args[0];
        Db.user = args[1];
        Db.password = args[2];
        String mode = a.get("mode", "drop");
        int one = a.getInt("one", 6);
        int two = a.getInt("two", 4);
        switch (mode) {
            case "drop":
                run(one, two, false);
                awaitLeakReports(one + two);
                break;
            case "hold":
                try {
                    run(1_000, 1_000, true);
                } catch (SQLException e) {
                    System.out.println("held: " + HELD.size());
                    System.out.println("refused: [" + e.getSQLState() + "/" + e.getErrorCode() + "] " + e.getMessage());
                    System.exit(1);
                }
                break;
            default:
                throw new IllegalArgumentException("mode=drop|hold, not " + mode);
        }
    }

    /** Alternates the two callers, so that neither is "the first" of the summary by accident. */
    private static void run(int one, int two, boolean hold) throws Exception {
        for (int i = 0; i < Math.max(one, two); i++) {
            if (i < one) {
                keep(leakOne(), hold);
            }
            if (i < two) {
                keep(leakTwo(), hold);
            }
        }
    }

    private static void keep(Connection c, boolean hold) {
        if (hold) {
            HELD.add(c);
        }
    }

    private static Connection leakOne() throws SQLException {
        return Db.open();
    }

    private static Connection leakTwo() throws SQLException {
        return Db.open();
    }

    private static void awaitLeakReports(int count) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        long start = System.nanoTime();
        while (leaked(jmx) < count && System.nanoTime() - start < 10_000_000_000L) {
            System.gc();
            Thread.sleep(100);
        }
        Thread.sleep(1_500); // the watch reports in its next round
        System.out.println("leaked counter: " + leaked(jmx));
    }

    private static ObjectName guard() throws Exception {
        ObjectName name = new ObjectName("dev.jdbcguard:type=Guard");
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        for (int i = 0; i < 100 && !jmx.isRegistered(name); i++) {
            Thread.sleep(50); // the bean registers in the background
        }
        return name;
    }

    private static long leaked(MBeanServer jmx) throws Exception {
        for (Object row : ((TabularData) jmx.getAttribute(guard(), "Counters")).values()) {
            CompositeData entry = (CompositeData) row;
            if ("leaked".equals(entry.get("key"))) {
                return (Long) entry.get("value");
            }
        }
        return -1;
    }
}
