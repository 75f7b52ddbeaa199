package dev.jdbcguard.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The small JDBC program of the start-up measurement: connect, {@code SELECT 1}, print the result,
 * exit. Suite times the whole process from outside; this program adds what only it can see:
 * milliseconds from JVM start to the result (RuntimeMXBean start time, read after the result so
 * java.management is not on the measured path) and its own peak RSS (VmHWM).
 *
 * Also the bytes the main thread allocated until then: the thread that runs an agent's premain
 * and the class transformations of everything it loads.
 *
 * <p>Usage: {@code FirstQuery <jdbc-url> <user> <password>}; {@code FirstQuery none} prints the
 * same lines without touching JDBC (the cost of the JVM and the agent alone).
 */
public final class FirstQuery {

    private FirstQuery() {
    }

    public static void main(String[] args) throws Exception {
        int result = 1;
        if (!args[0].equals("none")) {
            result = query(args);
        }
        long resultAt = System.currentTimeMillis();
        System.out.println("result=" + result);
        System.out.flush();
        long hwmKb = -1;
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                hwmKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        long allocated = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
        long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("jvmStartToResultMs=" + (resultAt - startedAt) + " vmHwmKb=" + hwmKb
                + " mainThreadAllocatedKb=" + allocated / 1024);
    }

    private static int query(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
