package dev.jdbcguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.diagnose.ConnectionLossCheck;
import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.FaultyLink;
import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Workers write two-row transactions with unique keys while faults are injected at random, for a
 * bounded time. Afterwards: every transaction the program was told committed is in the table
 * exactly once; every one it was told failed is absent; one whose commit itself failed on a lost
 * link ("outcome unknown") is either wholly there or wholly absent; no row exists twice. The seed
 * is printed so a failure can be replayed (-Djdbcguard.ledger.seed=N).
 */
class LedgerTest {

    private static final int WORKERS = 4;
    private static final long RUN_MILLIS = 5_000;
    private static LocalMariaDb server;

    @BeforeAll
    static void privateServer() throws Exception {
        server = TestServers.startPrivate();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static List<Object[]> cases() {
        String only = System.getProperty("jdbcguard.ledger.only", "");
        List<Object[]> cases = new ArrayList<>();
        for (String fault : new String[] {"cut", "reset", "black-hole", "latency", "kill", "restart", "down",
                "wait-timeout", "max-connections", "oversized-packet"}) {
            for (String driver : new String[] {"mysql", "mariadb"}) {
                for (boolean pooled : new boolean[] {false, true}) {
                    if (only.isEmpty() || only.equals(fault)) {
                        cases.add(new Object[] {fault, driver, pooled});
                    }
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1}, pooled={2}")
    @MethodSource("cases")
    void nothingLostNothingDoubled(String fault, String driver, boolean pooled) throws Exception {
        long seed = Long.getLong("jdbcguard.ledger.seed", System.nanoTime());
        System.out.println("[ledger] fault=" + fault + " driver=" + driver + " pooled=" + pooled + " seed=" + seed
                + " (replay with -Djdbcguard.ledger.seed=" + seed + ")");
        String table = "ledger_" + Math.abs(seed % 1_000_000_000L);
        try (Connection admin = server.admin()) {
            Sql.execute(admin, "CREATE TABLE " + TestServer.DATABASE + "." + table
                    + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, k VARCHAR(64) NOT NULL, part CHAR(1) NOT NULL)");
        }
        Outcomes outcomes = new Outcomes();
        try (FaultyLink link = FaultyLink.to(server)) {
            String url = link.url(server, driver);
            HikariDataSource pool = pooled ? pool(url, fault) : null;
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(WORKERS + 1);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                workers.add(threads.submit(() -> work(worker, url, pool, table, fault, running, outcomes, seed)));
            }
            Future<Integer> injector = threads.submit(() -> inject(fault, link, new Random(seed), running));
            Thread.sleep(RUN_MILLIS);
            running.set(false);
            int faults = injector.get(60, TimeUnit.SECONDS);
            for (Future<?> f : workers) {
                try {
                    f.get(60, TimeUnit.SECONDS); // no worker hangs
                } catch (java.util.concurrent.TimeoutException hung) {
                    dumpThreads();
                    throw new AssertionError("a worker hung (seed " + seed + "); thread dump above", hung);
                }
            }
            threads.shutdown();
            if (pool != null) {
                pool.close();
            }
            System.out.println("[ledger] faults injected: " + faults + "; " + outcomes);
            assertThat(faults).as("faults were injected").isPositive();
        }
        assertInvariants(table, outcomes);
    }

    private static void dumpThreads() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            System.out.println("[ledger] thread " + e.getKey().getName() + " " + e.getKey().getState());
            for (StackTraceElement frame : e.getValue()) {
                System.out.println("[ledger]     at " + frame);
            }
        }
    }

    private static HikariDataSource pool(String url, String fault) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(TestServer.USER);
        config.setPassword(TestServer.PASSWORD);
        config.setMaximumPoolSize(WORKERS);
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        if (fault.equals("wait-timeout")) {
            config.setConnectionInitSql("SET SESSION wait_timeout = 1");
        }
        return new HikariDataSource(config);
    }

    private static Void work(int worker, String url, HikariDataSource pool, String table, String fault,
                             AtomicBoolean running, Outcomes outcomes, long seed) throws Exception {
        Random random = new Random(seed + worker);
        Connection raw = null;
        for (int i = 0; running.get(); i++) {
            String key = "w" + worker + "-" + i;
            Connection c = null;
            String stage = "open";
            try {
                if (pool != null) {
                    c = pool.getConnection();
                } else {
                    if (raw == null || raw.isClosed()) {
                        raw = DriverManager.getConnection(url, TestServer.USER, TestServer.PASSWORD);
                        if (fault.equals("wait-timeout")) {
                            Sql.execute(raw, "SET SESSION wait_timeout = 1");
                        }
                    }
                    c = raw;
                }
                stage = "work";
                c.setAutoCommit(false);
                insert(c, table, key, "a", fault.equals("oversized-packet") && random.nextInt(10) == 0);
                insert(c, table, key, "b", false);
                stage = "commit";
                c.commit();
                outcomes.committed.add(key);
            } catch (SQLException e) {
                boolean refusedBeforeCommit = e instanceof SQLTransactionRollbackException;
                if (stage.equals("commit") && !refusedBeforeCommit && ConnectionLossCheck.isLoss(e)) {
                    outcomes.unknown.add(key);
                } else {
                    outcomes.failed.add(key);
                }
                rollbackQuietly(c);
                if (pool == null && c != null && !stage.equals("open")) {
                    closeIfBroken(c);
                }
            } finally {
                if (pool != null && c != null) {
                    closeQuietly(c);
                }
            }
            if (fault.equals("wait-timeout") && random.nextInt(4) == 0) {
                Thread.sleep(1_300); // idle past the session's wait_timeout
            }
        }
        if (raw != null) {
            closeQuietly(raw);
        }
        return null;
    }

    private static void insert(Connection c, String table, String key, String part, boolean oversized) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (k, part) VALUES (?, ?)")) {
            s.setString(1, oversized ? key + new String(new char[20 * 1024 * 1024]).replace('\0', 'x') : key);
            s.setString(2, part);
            s.executeUpdate();
        }
    }

    private static int inject(String fault, FaultyLink link, Random random, AtomicBoolean running) throws Exception {
        int injected = 0;
        List<Connection> hogs = new ArrayList<>();
        while (running.get()) {
            Thread.sleep(300 + random.nextInt(700));
            if (!running.get()) {
                break;
            }
            injected++;
            switch (fault) {
                case "cut":
                    link.cutAll();
                    break;
                case "reset":
                    link.resetAll();
                    break;
                case "black-hole":
                    link.mode(FaultyLink.Mode.BLACK_HOLE);
                    Thread.sleep(500);
                    link.mode(FaultyLink.Mode.PASS);
                    link.cutAll();
                    break;
                case "latency":
                    link.latency(random.nextInt(50));
                    break;
                case "kill":
                    killSomeSessions(random);
                    break;
                case "restart":
                    server.restart();
                    break;
                case "down":
                    server.downFor(800);
                    break;
                case "wait-timeout":
                case "oversized-packet":
                    break; // the workers themselves make these happen
                case "max-connections":
                    hogs.addAll(exhaust());
                    Thread.sleep(400);
                    hogs.forEach(LedgerTest::closeQuietly);
                    hogs.clear();
                    break;
                default:
                    throw new IllegalArgumentException(fault);
            }
        }
        link.mode(FaultyLink.Mode.PASS);
        link.latency(0);
        return injected;
    }

    private static void killSomeSessions(Random random) throws SQLException {
        try (Connection admin = server.admin(); Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + TestServer.USER + "'")) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            if (!ids.isEmpty()) {
                Sql.kill(admin, ids.get(random.nextInt(ids.size())));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() != 1094) { // the session ended by itself meanwhile
                throw e;
            }
        }
    }

    private static List<Connection> exhaust() {
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() < 1_000) {
                held.add(DriverManager.getConnection(server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD));
            }
        } catch (SQLException tooMany) {
            // 1040: the server is full
        }
        return held;
    }

    private static void assertInvariants(String table, Outcomes outcomes) throws SQLException {
        Map<String, List<String>> rows = new HashMap<>();
        try (Connection admin = server.admin(); Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT k, part FROM " + TestServer.DATABASE + "." + table)) {
            while (rs.next()) {
                rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        assertThat(outcomes.committed).as("some transactions went through").isNotEmpty();
        for (String key : outcomes.committed) {
            assertThat(rows.get(key)).as("committed %s is there exactly once", key).isNotNull();
            assertThat(rows.get(key)).as("committed %s", key).containsExactlyInAnyOrder("a", "b");
        }
        for (String key : outcomes.failed) {
            assertThat(rows.get(key)).as("failed %s left nothing", key).isNull();
        }
        for (Map.Entry<String, List<String>> e : rows.entrySet()) {
            String key = e.getKey();
            assertThat(outcomes.committed.contains(key) || outcomes.unknown.contains(key))
                    .as("row %s belongs to a committed or outcome-unknown transaction", key).isTrue();
            assertThat(e.getValue()).as("%s is whole and not doubled", key).containsExactlyInAnyOrder("a", "b");
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (c != null) {
                c.rollback();
            }
        } catch (SQLException e) {
            // the link is gone: the server rolled back
        }
    }

    private static void closeIfBroken(Connection c) {
        try {
            if (!c.isValid(1)) {
                c.close();
            }
        } catch (SQLException e) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // gone
        }
    }

    /** What the program was told about each transaction. */
    static final class Outcomes {
        final Set<String> committed = ConcurrentHashMap.newKeySet();
        final Set<String> failed = ConcurrentHashMap.newKeySet();
        final Set<String> unknown = ConcurrentHashMap.newKeySet();

        @Override
        public String toString() {
            return "committed " + committed.size() + ", failed " + failed.size() + ", outcome unknown " + unknown.size();
        }
    }
}
