package dev.jdbcguard.healing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MariaDB Connector/J server-side prepared statements across heals. A statement id is a number
 * per session and a new session numbers its statements from 1 again, so an id kept from the old
 * session can name a different statement of the new one: that statement would run instead (or
 * be closed). Five statements of different shapes and effects, prepared and bound once before
 * the first heal, are run in a varying order after each of 200 heals; the server's tables tell
 * which statements really ran.
 */
class MariaDbServerPreparesTest {

    private static final TestServer SERVER = TestServers.shared();
    private static final int FAST_CYCLES = 200;
    /** Kill, then idle past validateAfter (2 s) so the check before the next use heals: slow, so few. */
    private static final int IDLE_CYCLES = 3;

    private static long threadCacheSize;

    /**
     * MariaDB keeps a session's statement counter with its server thread, and a reconnect usually
     * gets back the thread of the session just killed from the thread cache: its ids go on from
     * the old session's, which hides the problem. Without the thread cache (as on MySQL, where
     * every session counts from 1) the new session's ids restart from 1.
     */
    @BeforeAll
    static void noThreadCache() throws SQLException {
        try (Connection admin = SERVER.admin()) {
            threadCacheSize = Sql.longValue(admin, "SELECT @@global.thread_cache_size");
            Sql.execute(admin, "SET GLOBAL thread_cache_size = 0");
        }
    }

    @AfterAll
    static void threadCacheAgain() throws SQLException {
        try (Connection admin = SERVER.admin()) {
            Sql.execute(admin, "SET GLOBAL thread_cache_size = " + threadCacheSize);
        }
    }

    @ParameterizedTest(name = "cachePrepStmts={0}")
    @ValueSource(booleans = {true, false})
    void everyOldStatementRunsItsOwnSqlAfterEachHeal(boolean cache) throws Exception {
        String p = "sp_" + (cache ? "cached_" : "uncached_");
        try (Connection admin = SERVER.admin()) {
            for (String table : new String[] {"a", "b", "c", "d", "e"}) {
                Sql.execute(admin, "DROP TABLE IF EXISTS " + TestServer.DATABASE + "." + p + table);
            }
            String db = TestServer.DATABASE + "." + p;
            Sql.execute(admin, "CREATE TABLE " + db + "a (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
            Sql.execute(admin, "CREATE TABLE " + db + "b (id INT PRIMARY KEY, name VARCHAR(20))");
            Sql.execute(admin, "INSERT INTO " + db + "b VALUES (1, 'b1'), (2, 'b2'), (3, 'b3')");
            Sql.execute(admin, "CREATE TABLE " + db + "c (id INT PRIMARY KEY, n INT)");
            Sql.execute(admin, "INSERT INTO " + db + "c VALUES (1, 0)");
            Sql.execute(admin, "CREATE TABLE " + db + "d (x INT)");
            Sql.execute(admin, "INSERT INTO " + db + "d VALUES (10), (20), (30), (40)");
            Sql.execute(admin, "CREATE TABLE " + db + "e (id INT AUTO_INCREMENT PRIMARY KEY, x INT, y VARCHAR(20))");
        }
        Expected expected = new Expected();
        List<String> wrong = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(SERVER.mariadbUrl() + "?useServerPrepStmts=true&cachePrepStmts="
                + cache, TestServer.USER, TestServer.PASSWORD);
             Connection admin = SERVER.admin()) {
            List<Step> steps = new ArrayList<>();
            PreparedStatement a = c.prepareStatement("INSERT INTO " + p + "a (v) VALUES (?)");
            a.setInt(1, 7);
            steps.add(new Step("insert a", a, () -> expected.a++, rs -> "an update count expected", 1));
            PreparedStatement b = c.prepareStatement("SELECT id, name FROM " + p + "b WHERE id = ?");
            b.setInt(1, 2);
            steps.add(new Step("select b", b, null, rs -> rows(rs, "2|b2"), 0));
            PreparedStatement cc = c.prepareStatement("UPDATE " + p + "c SET n = n + ? WHERE id = 1");
            cc.setInt(1, 3);
            steps.add(new Step("update c", cc, () -> expected.c += 3, rs -> "an update count expected", 1));
            PreparedStatement d = c.prepareStatement("SELECT COUNT(*), SUM(x), MAX(x) FROM " + p + "d WHERE x <= ?");
            d.setInt(1, 30);
            steps.add(new Step("select d", d, null, rs -> rows(rs, "3|60|30"), 0));
            PreparedStatement e = c.prepareStatement("INSERT INTO " + p + "e (x, y) VALUES (?, ?)");
            e.setInt(1, 5);
            e.setString(2, "e");
            steps.add(new Step("insert e", e, () -> expected.e++, rs -> "an update count expected", 1));
            for (Step step : steps) {
                step.run(wrong, false); // each gets its id on the first session: 1 to 5
            }
            check(admin, p, expected, wrong, "before the first heal");

            Random random = new Random(42);
            int heals = 0;
            for (int cycle = 0; cycle < FAST_CYCLES + IDLE_CYCLES; cycle++) {
                boolean idle = cycle >= FAST_CYCLES;
                long before = Sql.serverThread(c);
                Sql.kill(admin, before);
                if (idle) {
                    Thread.sleep(2_500);
                }
                List<Step> order = new ArrayList<>(steps);
                Collections.shuffle(order, random);
                order.add(order.get(random.nextInt(order.size()))); // and one of them twice
                boolean first = true;
                for (Step step : order) {
                    // only the first statement after a KILL may fail (the link died under it)
                    step.run(wrong, first && !idle);
                    first = false;
                }
                long after = Sql.serverThread(c);
                if (after != before) {
                    heals++;
                }
                check(admin, p, expected, wrong, "cycle " + cycle + (idle ? " (idle)" : ""));
            }
            assertThat(heals).as("a new session in every cycle").isEqualTo(FAST_CYCLES + IDLE_CYCLES);
        }
        assertNoneWrong(wrong);
    }

    /**
     * Closing a statement whose prepare belongs to the old session must not send its old id:
     * on the new session that id names a statement prepared there. With the prepare cache on,
     * a cache of 2 lets entries be evicted, whose close is sent at once.
     */
    @ParameterizedTest(name = "cachePrepStmts={0}")
    @ValueSource(booleans = {true, false})
    void closingAnOldStatementLeavesTheNewSessionsStatementsAlone(boolean cache) throws Exception {
        List<String> wrong = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(SERVER.mariadbUrl() + "?useServerPrepStmts=true&cachePrepStmts="
                + cache + "&prepStmtCacheSize=2", TestServer.USER, TestServer.PASSWORD);
             Connection admin = SERVER.admin()) {
            for (int round = 0; round < 20; round++) {
                List<PreparedStatement> old = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    PreparedStatement s = c.prepareStatement("SELECT ? + " + i + ", " + round);
                    s.setInt(1, 100);
                    expectValue(s, 100 + i, wrong, "old statement " + i + " before the heal");
                    old.add(s);
                }
                long before = Sql.serverThread(c);
                Sql.kill(admin, before);
                assertThat(Sql.serverThread(c)).as("healed").isNotEqualTo(before); // a read: run again

                List<PreparedStatement> fresh = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    PreparedStatement s = c.prepareStatement("SELECT ? * " + (i + 2) + ", " + round);
                    s.setInt(1, 10);
                    expectValue(s, 10 * (i + 2), wrong, "new statement " + i);
                    fresh.add(s);
                }
                long closes = sessionStatus(c, "Com_stmt_close");
                long prepares = sessionStatus(c, "Com_stmt_prepare");
                for (PreparedStatement s : old) {
                    s.close();
                }
                long sent = sessionStatus(c, "Com_stmt_close") - closes;
                if (sent != 0) {
                    wrong.add("round " + round + ": closing old statements sent " + sent + " COM_STMT_CLOSE");
                }
                for (int i = 0; i < 4; i++) {
                    expectValue(fresh.get(i), 10 * (i + 2), wrong, "round " + round + ": new statement " + i
                            + " after the old ones were closed");
                }
                long reprepared = sessionStatus(c, "Com_stmt_prepare") - prepares;
                if (reprepared != 0) {
                    wrong.add("round " + round + ": " + reprepared + " new statement(s) had to be prepared again"
                            + " (an old close closed them)");
                }
                for (PreparedStatement s : fresh) {
                    s.close();
                }
            }
        }
        assertNoneWrong(wrong);
    }

    private static void assertNoneWrong(List<String> wrong) {
        assertThat(wrong.subList(0, Math.min(20, wrong.size()))).as("%d wrong outcomes; the first ones",
                wrong.size()).isEmpty();
    }

    private static void expectValue(PreparedStatement s, long value, List<String> wrong, String what) {
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next() || rs.getLong(1) != value) {
                wrong.add(what + ": wrong result");
            }
        } catch (SQLException e) {
            wrong.add(what + ": " + e);
        }
    }

    private static long sessionStatus(Connection c, String name) throws SQLException {
        try (java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    /** What the server's tables must hold: rows of a and e, the counter of c. */
    private static final class Expected {
        long a;
        long c;
        long e;
    }

    private static void check(Connection admin, String p, Expected expected, List<String> wrong, String when)
            throws SQLException {
        String db = TestServer.DATABASE + "." + p;
        long a = Sql.longValue(admin, "SELECT COUNT(*) FROM " + db + "a");
        long c = Sql.longValue(admin, "SELECT n FROM " + db + "c WHERE id = 1");
        long e = Sql.longValue(admin, "SELECT COUNT(*) FROM " + db + "e");
        if (a != expected.a || c != expected.c || e != expected.e) {
            wrong.add(when + ": tables hold a=" + a + " c=" + c + " e=" + e + ", expected a=" + expected.a + " c="
                    + expected.c + " e=" + expected.e);
            expected.a = a; // count each mistake once
            expected.c = c;
            expected.e = e;
        }
    }

    private static String rows(ResultSet rs, String expected) throws SQLException {
        StringBuilder got = new StringBuilder();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            if (got.length() > 0) {
                got.append(';');
            }
            for (int i = 1; i <= columns; i++) {
                got.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
        }
        return got.toString().equals(expected) ? null : "rows " + got + ", expected " + expected;
    }

    private interface Check {
        /** Null when the result set is what this statement returns, else what is wrong. */
        String wrongIn(ResultSet rs) throws SQLException;
    }

    /** One prepared statement and what running it must do. */
    private static final class Step {
        final String name;
        final PreparedStatement statement;
        final Runnable effect;
        final Check check;
        final int updateCount;

        Step(String name, PreparedStatement statement, Runnable effect, Check check, int updateCount) {
            this.name = name;
            this.statement = statement;
            this.effect = effect;
            this.check = check;
            this.updateCount = updateCount;
        }

        void run(List<String> wrong, boolean mayFailOnLostLink) {
            try {
                boolean query = statement.execute();
                if (effect == null) {
                    try (ResultSet rs = statement.getResultSet()) {
                        String problem = query ? check.wrongIn(rs) : "an update count instead of rows";
                        if (problem != null) {
                            wrong.add(name + ": " + problem);
                        }
                    }
                } else if (query || statement.getUpdateCount() != updateCount) {
                    wrong.add(name + ": " + (query ? "rows instead of an update count" : "update count "
                            + statement.getUpdateCount()));
                } else {
                    effect.run();
                }
            } catch (SQLException e) {
                boolean lostLink = e.getSQLState() != null && e.getSQLState().startsWith("08");
                if (!(mayFailOnLostLink && lostLink)) {
                    wrong.add(name + ": " + e);
                }
            }
        }
    }
}
