package dev.jdbcguard.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Activity is activity: a transaction that reads one result slowly for more than twice
 * wait_timeout is alive all along (the server does not count the time it spends sending a
 * result, or the short gaps between cursor fetches, as idle), so it commits with no error.
 */
class LongReadTest {

    private static final String TABLE = "truth_long_read";
    private static final TestServer SERVER = TestServers.shared();
    private static final int WAIT_TIMEOUT_SECONDS = 2;
    private static final long READ_MILLIS = 5_000;

    @BeforeAll
    static void table() throws Exception {
        try (Connection admin = SERVER.admin()) {
            Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + TestServer.DATABASE + "." + TABLE
                    + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, run VARCHAR(64) NOT NULL, step VARCHAR(16) NOT NULL)");
        }
    }

    /*
     * Streamed results must be far larger than what the loopback socket buffers hold (a few MB):
     * otherwise the server has sent everything at once and waits, idle, for the next command
     * while the client is still reading. 2,500 rows of 20 kB = 50 MB. A cursor's rows are sent
     * 10 at a time on request, so it can be small.
     */
    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of("Connector/J streaming (fetch size MIN_VALUE)", "mysql", "", Integer.MIN_VALUE, 2_500, 20_000),
                Arguments.of("Connector/J cursor fetch (useCursorFetch, fetch size 10)", "mysql", "&useCursorFetch=true",
                        10, 500, 100),
                Arguments.of("MariaDB Connector/J fetch size 10", "mariadb", "", 10, 2_500, 20_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void transactionThatReadsForTwiceWaitTimeoutCommits(String name, String driver, String urlOption, int fetchSize,
                                                        int rows, int rowBytes) throws Exception {
        String run = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(SERVER.url(driver) + urlOption, TestServer.USER,
                TestServer.PASSWORD);
             Connection admin = SERVER.admin()) {
            Sql.execute(c, "SET SESSION wait_timeout = " + WAIT_TIMEOUT_SECONDS);
            long thread = Sql.serverThread(c);
            long fetchesBefore = Sql.globalStatus(admin, "Com_stmt_fetch");
            c.setAutoCommit(false);
            insert(c, run, "before");

            long longestIdleMillis = 0;
            int read = 0;
            long start = System.nanoTime();
            long nextLook = start;
            long sleepNanos = TimeUnit.MILLISECONDS.toNanos(READ_MILLIS) / rows;
            try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(fetchSize);
                try (ResultSet rs = s.executeQuery("SELECT seq, REPEAT('x', " + rowBytes + ") FROM "
                        + TestServer.DATABASE + ".seq_1_to_" + rows)) {
                    while (rs.next()) {
                        assertThat(rs.getString(2)).hasSize(rowBytes);
                        read++;
                        if (System.nanoTime() >= nextLook) { // what the server sees: is the session idle, how long?
                            longestIdleMillis = Math.max(longestIdleMillis, idleMillis(admin, thread));
                            nextLook = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                        }
                        Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
                    }
                }
            }
            long readMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            longestIdleMillis = Math.max(longestIdleMillis, idleMillis(admin, thread));

            assertThat(read).as("rows read").isEqualTo(rows);
            assertThat(readMillis).as("the read lasted more than twice wait_timeout")
                    .isGreaterThan(2_000L * WAIT_TIMEOUT_SECONDS);
            assertThat(longestIdleMillis).as("the longest the server saw the session idle (ms)")
                    .isLessThan(1_000L * WAIT_TIMEOUT_SECONDS);
            if (urlOption.contains("useCursorFetch")) {
                assertThat(Sql.globalStatus(admin, "Com_stmt_fetch") - fetchesBefore)
                        .as("the rows came by cursor fetches").isGreaterThanOrEqualTo(rows / fetchSize);
            }

            insert(c, run, "after"); // no exception: the session is alive, nothing to heal
            c.commit();

            assertThat(rows(admin, run)).as("rows committed").isEqualTo(2);
            assertThat(Sql.serverThread(c)).as("still the same server session").isEqualTo(thread);
        }
    }

    /** How long the server has seen the session waiting for a command (0 while it runs or sends one). */
    private static long idleMillis(Connection admin, long thread) throws SQLException {
        try (Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT COMMAND, TIME_MS FROM information_schema.PROCESSLIST WHERE ID = "
                     + thread)) {
            assertThat(rs.next()).as("the session is on the server").isTrue();
            return rs.getString(1).equals("Sleep") ? (long) rs.getDouble(2) : 0;
        }
    }

    private static void insert(Connection c, String run, String step) throws SQLException {
        Sql.execute(c, "INSERT INTO " + TABLE + " (run, step) VALUES ('" + run + "', '" + step + "')");
    }

    private static long rows(Connection admin, String run) throws SQLException {
        return Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.DATABASE + "." + TABLE + " WHERE run = '" + run + "'");
    }
}
