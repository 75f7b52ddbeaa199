package dev.jdbcguard.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What an application does all day, against a real MariaDB on loopback (its URL comes in as
 * {@code -Dbench.url}): borrow a connection from HikariCP, run one statement ({@code SELECT 1} or
 * a prepared primary-key read), read the row, give the connection back. Run in slices on command. Suite keeps one of
 * these JVMs per variant (no agent, jdbc-guard, OpenTelemetry) alive at once and lets them take
 * turns, one slice each: on a shared machine whose speed drifts by tens of percent within
 * minutes, a slice of one variant and the next slice of another see the same machine, so their
 * ratio is what the agent costs and not what the neighbours did.
 *
 * <p>Protocol on stdin/stdout, one line each: {@code run <select1|pkRead> <threads> <millis>} is
 * answered by {@code done <ops> <workerCpuNanos> <workerAllocatedBytes>}; {@code quit} ends it.
 * {@code ready} is printed once the pool is full and the variant checked.
 */
public final class SliceLoop {

    static final int POOL_SIZE = 8;
    static final String PK_READ = "SELECT name, qty FROM items WHERE id = ?";
    private static final int MAX_THREADS = 8;

    private final HikariDataSource pool;
    private final int rows;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private volatile String kind;
    private volatile long deadline;
    private volatile int active;
    private final long[] ops = new long[MAX_THREADS];
    private final long[] cpu = new long[MAX_THREADS];
    private final long[] allocated = new long[MAX_THREADS];
    private final CyclicBarrier start = new CyclicBarrier(MAX_THREADS + 1);
    private final CyclicBarrier end = new CyclicBarrier(MAX_THREADS + 1);

    private SliceLoop(HikariDataSource pool, int rows) {
        this.pool = pool;
        this.rows = rows;
    }

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(System.getProperty("bench.url"));
        config.setUsername(System.getProperty("bench.user"));
        config.setPassword(System.getProperty("bench.password"));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setPoolName("bench");
        HikariDataSource pool = new HikariDataSource(config);
        long filled = System.nanoTime() + 20_000_000_000L;
        while (pool.getHikariPoolMXBean().getTotalConnections() < POOL_SIZE && System.nanoTime() < filled) {
            Thread.sleep(20);
        }
        AgentCheck.verify(POOL_SIZE);
        SliceLoop loop = new SliceLoop(pool, Integer.getInteger("bench.rows", 10_000));
        loop.startWorkers();
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            String[] words = line.trim().split(" ");
            System.out.println(loop.slice(words[1], Integer.parseInt(words[2]), Long.parseLong(words[3])));
            System.out.flush();
        }
        pool.close();
        System.exit(0);
    }

    private void startWorkers() {
        for (int i = 0; i < MAX_THREADS; i++) {
            int index = i;
            Thread worker = new Thread(() -> work(index), "slice-worker-" + i);
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** One slice: {@code count} workers run the loop until the deadline; the rest wait it out. */
    private String slice(String loopKind, int count, long millis) throws Exception {
        kind = loopKind;
        active = count;
        deadline = System.nanoTime() + millis * 1_000_000L;
        start.await();
        end.await();
        long sumOps = 0;
        long sumCpu = 0;
        long sumAllocated = 0;
        for (int i = 0; i < count; i++) {
            sumOps += ops[i];
            sumCpu += cpu[i];
            sumAllocated += allocated[i];
        }
        return String.format(Locale.ROOT, "done %d %d %d", sumOps, sumCpu, sumAllocated);
    }

    private void work(int index) {
        long id = Thread.currentThread().getId();
        try {
            while (true) {
                start.await();
                if (index < active) {
                    long cpuAtStart = threads.getCurrentThreadCpuTime();
                    long bytesAtStart = threads.getThreadAllocatedBytes(id);
                    long n = 0;
                    boolean select1 = kind.equals("select1");
                    while (System.nanoTime() < deadline) {
                        if (select1) {
                            select1();
                        } else {
                            pkRead();
                        }
                        n++;
                    }
                    ops[index] = n;
                    cpu[index] = threads.getCurrentThreadCpuTime() - cpuAtStart;
                    allocated[index] = threads.getThreadAllocatedBytes(id) - bytesAtStart;
                }
                end.await();
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(3); // the coordinator sees the pipe close and reports the run as failed
        }
    }

    private int select1() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private int pkRead() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(PK_READ)) {
            ps.setInt(1, 1 + ThreadLocalRandom.current().nextInt(rows));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1).length() + rs.getInt(2);
            }
        }
    }
}
