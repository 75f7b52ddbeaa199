package dev.jdbcguard.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session state set in SQL is on the new session after a heal, as read back from the server.
 *
 * <p>Each case: a connection in autocommit mode sets the state, its link dies (KILL from the
 * administrator then 2.5 s idle, so the idle check finds it dead; or wait_timeout=2 and 3.2 s
 * idle, so the server ends it), then one query reads the state and CONNECTION_ID() from the
 * server. The expected value is what the old session itself reported right after the SET, and it
 * must differ from a fresh session's default (so the case can fail). The cases run concurrently
 * in {@link #runAllCases()} (they mostly sleep); each test method asserts on one result.
 */
class SessionStateTruthTest {

    private static final TestServer SERVER = TestServers.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    enum Loss { KILLED_WHILE_IDLE, WAIT_TIMEOUT }

    /** State set by {@code sets}, read back by {@code read} (one column); {@code expected} when fixed. */
    record Item(String name, List<String> sets, String read, String expected, boolean setsWaitTimeout) {

        static Item of(String name, String read, String expected, String... sets) {
            return new Item(name, List.of(sets), read, expected, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Item> ITEMS = List.of(
            Item.of("USE app2", "DATABASE()", TestServer.OTHER_DATABASE, "USE " + TestServer.OTHER_DATABASE),
            Item.of("SET SESSION sql_mode", "@@session.sql_mode", "ANSI_QUOTES", "SET SESSION sql_mode='ANSI_QUOTES'"),
            Item.of("commented SET sql_mode", "@@session.sql_mode", "ANSI_QUOTES", "/* c */ SET sql_mode='ANSI_QUOTES'"),
            Item.of("SET time_zone", "@@session.time_zone", "+03:00", "SET time_zone='+03:00'"),
            Item.of("SET @@time_zone", "@@session.time_zone", "-05:00", "SET @@time_zone = '-05:00'"),
            Item.of("SET NAMES ... COLLATE", "CONCAT(@@character_set_client, ' ', @@collation_connection)",
                    "utf8mb4 utf8mb4_bin", "SET NAMES utf8mb4 COLLATE utf8mb4_bin"),
            new Item("SET @@session.wait_timeout", List.of("SET @@session.wait_timeout=77"), "@@session.wait_timeout",
                    "77", true),
            Item.of("SET SESSION lock_wait_timeout", "@@session.lock_wait_timeout", "7",
                    "SET SESSION lock_wait_timeout=7"),
            Item.of("several in one SET", "CONCAT(@@session.sql_mode, ' ', @@session.time_zone)", null,
                    "SET sql_mode='TRADITIONAL', time_zone='+01:00'"),
            Item.of("expression on the old value", "@@session.sql_mode", null,
                    "SET SESSION sql_mode='NO_ZERO_DATE'", "SET SESSION sql_mode=CONCAT(@@sql_mode, ',ANSI_QUOTES')"),
            Item.of("expression on the old value, no comma", "@@session.lock_wait_timeout", "41",
                    "SET SESSION lock_wait_timeout = 40", "SET SESSION lock_wait_timeout = @@lock_wait_timeout + 1"),
            Item.of("expression on the session", "@@session.lock_wait_timeout", null,
                    "SET SESSION lock_wait_timeout = 100 + CONNECTION_ID()"),
            Item.of("SET SESSION TRANSACTION ISOLATION LEVEL", "@@session.transaction_isolation", "SERIALIZABLE",
                    "SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE"),
            Item.of("SET SESSION TRANSACTION READ ONLY", "@@session.transaction_read_only", "1",
                    "SET SESSION TRANSACTION READ ONLY"));

    /** What the server said: a fresh session's default, the old session's value, the new session's. */
    record Result(String defaultValue, String setValue, long threadBefore, String healedValue, long threadAfter,
                  SQLException thrown) {
    }

    private static final Map<String, Future<Result>> RESULTS = new ConcurrentHashMap<>();
    private static final Map<String, Future<long[]>> USE_WRITES = new ConcurrentHashMap<>();
    private static final Map<String, Future<long[]>> SET_STATEMENT = new ConcurrentHashMap<>();
    private static ExecutorService pool;

    @BeforeAll
    static void runAllCases() throws Exception {
        try (Connection admin = SERVER.admin()) {
            for (String db : List.of(TestServer.DATABASE, TestServer.OTHER_DATABASE)) {
                Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + db + ".truth_use"
                        + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, run VARCHAR(64) NOT NULL)");
            }
            Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + TestServer.DATABASE + ".truth_set_statement"
                    + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, run VARCHAR(64) NOT NULL)");
        }
        pool = Executors.newFixedThreadPool(16);
        for (String driver : List.of("mysql", "mariadb")) {
            for (Loss loss : Loss.values()) {
                for (Item item : ITEMS) {
                    if (loss == Loss.WAIT_TIMEOUT && item.setsWaitTimeout()) {
                        continue; // the item's own wait_timeout would decide when the session ends
                    }
                    RESULTS.put(driver + loss + item, pool.submit(() -> runCase(driver, item, loss)));
                }
                USE_WRITES.put(driver + loss, pool.submit(() -> useThenWrite(driver, loss)));
            }
            SET_STATEMENT.put(driver, pool.submit(() -> setStatementThenTwoHeals(driver)));
        }
        pool.shutdown();
    }

    @AfterAll
    static void stop() throws Exception {
        pool.awaitTermination(2, TimeUnit.MINUTES);
    }

    static Stream<Arguments> cases() {
        return Stream.of("mysql", "mariadb").flatMap(d -> Stream.of(Loss.values()).flatMap(l -> ITEMS.stream()
                .filter(i -> !(l == Loss.WAIT_TIMEOUT && i.setsWaitTimeout())).map(i -> Arguments.of(d, l, i))));
    }

    static Stream<Arguments> driversAndLosses() {
        return Stream.of("mysql", "mariadb").flatMap(d -> Stream.of(Loss.values()).map(l -> Arguments.of(d, l)));
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @MethodSource("cases")
    void stateSetInSqlIsOnTheNewSession(String driver, Loss loss, Item item) throws Exception {
        Result r = RESULTS.get(driver + loss + item).get(2, TimeUnit.MINUTES);
        if (item.expected() != null) {
            assertThat(r.setValue()).as("the old session after %s", item.sets()).isEqualTo(item.expected());
        }
        assertThat(r.setValue()).as("%s changes %s from the default", item.sets(), item.read())
                .isNotEqualTo(r.defaultValue());
        assertThat((Throwable) r.thrown()).as("the statement after the loss").isNull();
        assertThat(r.threadAfter()).as("a new server session").isNotEqualTo(r.threadBefore());
        assertThat(r.healedValue()).as("%s on the new session after %s", item.read(), item.sets())
                .isEqualTo(r.setValue());
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("driversAndLosses")
    void unqualifiedWriteAfterUseGoesToTheDatabaseChosen(String driver, Loss loss) throws Exception {
        long[] counts = USE_WRITES.get(driver + loss).get(2, TimeUnit.MINUTES);
        assertThat(counts[2]).as("a new server session").isNotEqualTo(counts[3]);
        assertThat(counts[0]).as("rows written to app2 (the database chosen with USE)").isEqualTo(1);
        assertThat(counts[1]).as("rows written to app (the URL's database)").isZero();
        assertThat(counts[4]).as("unqualified read on the new session counts app2's rows").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void setStatementForIsNotSessionStateAndIsNeverReplayed(String driver) throws Exception {
        long[] r = SET_STATEMENT.get(driver).get(2, TimeUnit.MINUTES);
        assertThat(r[1]).as("server sessions seen (two heals)").isEqualTo(3);
        assertThat(r[0]).as("rows: only the one insert the program ran").isEqualTo(1);
        assertThat(r[2]).as("max_statement_time on the healed session (the SET STATEMENT was for one statement)")
                .isZero();
    }

    static Stream<String> drivers() {
        return Stream.of("mysql", "mariadb");
    }

    // ---------------------------------------------------------------------------------------------

    private static Result runCase(String driver, Item item, Loss loss) throws Exception {
        String defaultValue;
        try (Connection fresh = SERVER.connect(driver)) {
            defaultValue = Sql.stringValue(fresh, "SELECT " + item.read());
        }
        try (Connection c = SERVER.connect(driver)) {
            for (String set : item.sets()) {
                Sql.execute(c, set);
            }
            String setValue = Sql.stringValue(c, "SELECT " + item.read());
            long before = Sql.serverThread(c);
            loseSession(c, before, loss);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + item.read() + ", CONNECTION_ID()")) {
                rs.next();
                return new Result(defaultValue, setValue, before, rs.getString(1), rs.getLong(2), null);
            } catch (SQLException e) {
                return new Result(defaultValue, setValue, before, null, -1, e);
            }
        }
    }

    /** Returns rows in app2, rows in app, thread before, thread after, unqualified count after. */
    private static long[] useThenWrite(String driver, Loss loss) throws Exception {
        String run = RUN + "-use-" + driver + "-" + loss;
        try (Connection c = SERVER.connect(driver)) {
            Sql.execute(c, "USE " + TestServer.OTHER_DATABASE);
            long before = Sql.serverThread(c);
            loseSession(c, before, loss);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO truth_use (run) VALUES (?)")) {
                insert.setString(1, run);
                insert.executeUpdate();
            }
            long after = Sql.serverThread(c);
            long unqualified = Sql.longValue(c, "SELECT COUNT(*) FROM truth_use WHERE run = '" + run + "'");
            try (Connection admin = SERVER.admin()) {
                return new long[] {
                    Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.OTHER_DATABASE + ".truth_use WHERE run = '" + run + "'"),
                    Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.DATABASE + ".truth_use WHERE run = '" + run + "'"),
                    before, after, unqualified};
            }
        }
    }

    /** Returns rows inserted, distinct server sessions seen, @@max_statement_time at the end. */
    private static long[] setStatementThenTwoHeals(String driver) throws Exception {
        String run = RUN + "-setstatement-" + driver;
        try (Connection c = SERVER.connect(driver); Connection admin = SERVER.admin()) {
            java.util.Set<Long> threads = new java.util.HashSet<>();
            Sql.execute(c, "SET STATEMENT max_statement_time=5 FOR INSERT INTO truth_set_statement (run) VALUES ('"
                    + run + "')");
            for (int heal = 0; heal < 2; heal++) {
                long thread = Sql.serverThread(c);
                threads.add(thread);
                Sql.kill(admin, thread);
                Thread.sleep(2_500);
                Sql.execute(c, "DO 1");
            }
            threads.add(Sql.serverThread(c));
            long maxStatementTime = Sql.longValue(c, "SELECT @@session.max_statement_time");
            return new long[] {
                Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.DATABASE + ".truth_set_statement WHERE run = '" + run + "'"),
                threads.size(), maxStatementTime};
        }
    }

    private static void loseSession(Connection c, long thread, Loss loss) throws Exception {
        if (loss == Loss.KILLED_WHILE_IDLE) {
            try (Connection admin = SERVER.admin()) {
                Sql.kill(admin, thread);
            }
            Thread.sleep(2_500);
        } else {
            Sql.execute(c, "SET SESSION wait_timeout = 2");
            Thread.sleep(3_200);
        }
    }
}
