package dev.jdbcguard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency of one primary-key read in the situations healing is about, on one connection with
 * session state worth restoring (isolation, catalog, two SET session variables). Run by Suite in
 * a child JVM, once with jdbc-guard ({@code validateAfter=500ms}) and once without.
 *
 * <p>With the agent: {@code normal} (busy connection), {@code pingOnly} (idle past validateAfter,
 * link alive: one ping), {@code healedAfterKill} (idle, server KILLed the session: ping fails,
 * reconnect, restore, read), {@code rerunAfterKill} (KILLed and used at once: the read fails, the
 * agent reconnects and runs it again; a plain Statement, as the agent re-runs only reads whose text it
 * saw), {@code healedWaitTimeout} (idle past a known wait_timeout:
 * reconnect without a ping). Without it: {@code normal}, {@code idleRead} (the same idle period, no
 * ping) and {@code errorAndRetry}: what a program
 * must do itself (the read fails, close, connect, restore the same state, prepare, read again).
 *
 * <p>Usage: {@code HealingCost <driver> <url> <user> <password> <admin-url> agent|plain <samples> <idle-ms>};
 * prints {@code SAMPLES <scenario> <microseconds,...>} and {@code CHECK <scenario> ...} lines.
 */
public final class HealingCost {

    static final String PK_READ = "SELECT name, qty FROM items WHERE id = ?";

    private final String url;
    private final String user;
    private final String password;
    private final Connection admin;
    private Connection connection;
    private PreparedStatement read;
    private int key;

    private HealingCost(String url, String user, String password, Connection admin) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.admin = admin;
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        boolean agent = args[5].equals("agent");
        int samples = Integer.parseInt(args[6]);
        long idleMillis = Long.parseLong(args[7]);
        try (Connection admin = DriverManager.getConnection(args[4])) {
            HealingCost h = new HealingCost(url, args[2], args[3], admin);
            h.open();
            for (int i = 0; i < 3000; i++) { // warm: the JIT compiles the driver's (and agent's) code
                h.read();
            }
            h.normal(samples);
            if (agent) {
                h.pingOnly(samples, idleMillis);
                h.healedAfterKill(samples, idleMillis);
                h.rerunAfterKill(samples);
                h.healedWaitTimeout(samples);
            } else {
                h.idleRead(samples, idleMillis);
                h.errorAndRetry(samples, idleMillis);
            }
            h.connection.close();
        }
    }

    /** Connect and put the session into the state a program would have set up. */
    private void open() throws SQLException {
        connection = DriverManager.getConnection(url, user, password);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection.setCatalog("app");
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            s.execute("SET SESSION group_concat_max_len = 4096");
        }
        read = connection.prepareStatement(PK_READ);
    }

    private int read() throws SQLException {
        read.setInt(1, 1 + (key++ % 1000));
        try (ResultSet rs = read.executeQuery()) {
            rs.next();
            return rs.getString(1).length();
        }
    }

    private long timedRead() throws SQLException {
        long start = System.nanoTime();
        read();
        return System.nanoTime() - start;
    }

    private void normal(int samples) throws SQLException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            read();
            times.add(timedRead());
        }
        print("normal", times);
    }

    /** Without the agent: the same idle period, link alive; what pingOnly is compared with. */
    private void idleRead(int samples, long idleMillis) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            serverThread();
            Thread.sleep(idleMillis);
            times.add(timedRead());
        }
        print("idleRead", times);
    }

    private void pingOnly(int samples, long idleMillis) throws Exception {
        List<Long> times = new ArrayList<>();
        int same = 0;
        for (int i = 0; i < samples; i++) {
            long before = serverThread();
            Thread.sleep(idleMillis);
            times.add(timedRead());
            same += serverThread() == before ? 1 : 0;
        }
        print("pingOnly", times);
        System.out.println("CHECK pingOnly sameSession=" + same + "/" + samples);
    }

    private void healedAfterKill(int samples, long idleMillis) throws Exception {
        List<Long> times = new ArrayList<>();
        int healed = 0;
        int restored = 0;
        for (int i = 0; i < samples; i++) {
            long before = serverThread();
            kill(before);
            Thread.sleep(idleMillis);
            times.add(timedRead());
            healed += serverThread() != before ? 1 : 0;
            restored += stateRestored() ? 1 : 0;
        }
        print("healedAfterKill", times);
        System.out.println("CHECK healedAfterKill newSession=" + healed + "/" + samples + " stateRestored="
                + restored + "/" + samples);
    }

    /**
     * A plain {@code Statement} read (the agent re-runs only reads whose text it saw, and it does not
     * parse prepared statements): KILLed and used at once, so no ping comes first.
     */
    private void rerunAfterKill(int samples) throws Exception {
        List<Long> times = new ArrayList<>();
        int healed = 0;
        int thrown = 0;
        String error = "";
        for (int i = 0; i < samples; i++) {
            try (Statement s = connection.createStatement()) {
                long before = serverThread();
                kill(before);
                Thread.sleep(50); // far below validateAfter: no ping, the read goes out and fails
                long start = System.nanoTime();
                try (ResultSet rs = s.executeQuery("SELECT name, qty FROM items WHERE id = " + (1 + i))) {
                    rs.next();
                    times.add(System.nanoTime() - start);
                } catch (SQLException e) {
                    thrown++;
                    error = " lastError=" + e.getClass().getSimpleName();
                }
                healed += serverThread() != before ? 1 : 0;
            }
        }
        print("rerunAfterKill", times);
        System.out.println("CHECK rerunAfterKill newSession=" + healed + "/" + samples + " thrownToProgram=" + thrown
                + "/" + samples + error);
    }

    private void healedWaitTimeout(int samples) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION wait_timeout = 1");
        }
        List<Long> times = new ArrayList<>();
        int healed = 0;
        for (int i = 0; i < samples; i++) {
            long before = serverThread();
            Thread.sleep(1_300);
            times.add(timedRead());
            healed += serverThread() != before ? 1 : 0;
        }
        print("healedWaitTimeout", times);
        System.out.println("CHECK healedWaitTimeout newSession=" + healed + "/" + samples);
    }

    private void errorAndRetry(int samples, long idleMillis) throws Exception {
        List<Long> times = new ArrayList<>();
        int failedFirst = 0;
        int restored = 0;
        String error = "";
        for (int i = 0; i < samples; i++) {
            long before = serverThread();
            kill(before);
            Thread.sleep(idleMillis);
            long start = System.nanoTime();
            try {
                read();
            } catch (SQLException e) {
                failedFirst++;
                error = e.getClass().getName() + " [" + e.getSQLState() + "]";
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken
                }
                open();
                read();
            }
            times.add(System.nanoTime() - start);
            restored += stateRestored() ? 1 : 0;
        }
        print("errorAndRetry", times);
        System.out.println("CHECK errorAndRetry firstReadFailed=" + failedFirst + "/" + samples + " stateRestored="
                + restored + "/" + samples + " error=" + error);
    }

    private long serverThread() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean stateRestored() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@session.time_zone, @@session.group_concat_max_len,"
                     + " @@session.transaction_isolation, DATABASE()")) {
            rs.next();
            return "+00:00".equals(rs.getString(1)) && rs.getLong(2) == 4096
                    && "READ-COMMITTED".equals(rs.getString(3)) && "app".equals(rs.getString(4));
        }
    }

    private void kill(long serverThread) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("KILL " + serverThread);
        }
    }

    private static void print(String scenario, List<Long> nanos) {
        StringBuilder line = new StringBuilder("SAMPLES ").append(scenario).append(' ');
        for (int i = 0; i < nanos.size(); i++) {
            line.append(i == 0 ? "" : ",").append(nanos.get(i) / 1_000);
        }
        System.out.println(line);
        System.out.flush();
    }
}
