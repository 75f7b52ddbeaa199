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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * State a new session cannot have: while the session holds it, the heal is refused with an error
 * that names it; once the program released it (before the loss), the heal works again.
 *
 * <p>Each case: take the state, KILL the session from the administrator, 2.5 s idle (so the idle
 * check finds it dead), then {@code SELECT CONNECTION_ID()}. The cases run concurrently in
 * {@link #runAllCases()}; each test method asserts on one result.
 */
class UncarriedStateTest {

    private static final TestServer SERVER = TestServers.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger CASE = new AtomicInteger();

    /**
     * State taken by {@code take} and released by {@code release}; tokens {n} a lock name, {t} a
     * temporary table name, {v} a user variable, {s} a prepared statement name. A take starting
     * with "?" is run as a PreparedStatement with {n} as its parameter.
     */
    record Held(String name, List<String> take, List<String> release, List<String> words, boolean namedLock) {

        static Held of(String name, String take, String release, String... words) {
            return new Held(name, List.of(take), List.of(release), List.of(words), false);
        }

        Held lock() {
            return new Held(name, take, release, words, true);
        }

        Held alsoRelease(String sql) {
            return new Held(name, take, Stream.concat(release.stream(), Stream.of(sql)).toList(), words, namedLock);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String TEMP = "temporary table";
    private static final String NAMED = "named lock";
    private static final String USER_VAR = "user variable";

    static final List<Held> HELD = List.of(
            Held.of("CREATE TEMPORARY TABLE", "CREATE TEMPORARY TABLE {t} (a INT)", "DROP TEMPORARY TABLE {t}", TEMP),
            Held.of("CREATE TEMPORARY TABLE IF NOT EXISTS", "CREATE TEMPORARY TABLE IF NOT EXISTS {t} (a INT)",
                    "DROP TEMPORARY TABLE {t}", TEMP),
            Held.of("CREATE OR REPLACE TEMPORARY TABLE", "CREATE OR REPLACE TEMPORARY TABLE {t} (a INT)",
                    "DROP TEMPORARY TABLE {t}", TEMP),
            Held.of("CREATE TEMPORARY TABLE ... SELECT", "CREATE TEMPORARY TABLE {t} SELECT 1 AS a",
                    "DROP TEMPORARY TABLE {t}", TEMP),
            Held.of("SELECT GET_LOCK", "SELECT GET_LOCK('{n}', 0)", "SELECT RELEASE_LOCK('{n}')", NAMED).lock(),
            Held.of("DO GET_LOCK", "DO GET_LOCK('{n}', 0)", "DO RELEASE_ALL_LOCKS()", NAMED).lock(),
            Held.of("SET @x = GET_LOCK", "SET @{v} = GET_LOCK('{n}', 0)", "SELECT RELEASE_LOCK('{n}')", NAMED).lock()
                    .alsoRelease("SET @{v} = NULL"),
            Held.of("prepared SELECT GET_LOCK(?, 0)", "?SELECT GET_LOCK(?, 0)", "SELECT RELEASE_LOCK('{n}')", NAMED)
                    .lock(),
            Held.of("LOCK TABLES ... WRITE", "LOCK TABLES truth_locked WRITE", "UNLOCK TABLES", "LOCK TABLES",
                    "table lock"),
            Held.of("SET @v = 1", "SET @{v} = 1", "SET @{v} = NULL", USER_VAR),
            Held.of("SELECT @v := 1", "SELECT @{v} := 1", "SET @{v} = NULL", USER_VAR),
            Held.of("SELECT 1 INTO @v", "SELECT 1 INTO @{v}", "SET @{v} = NULL", USER_VAR),
            Held.of("PREPARE", "PREPARE {s} FROM 'SELECT 1'", "DEALLOCATE PREPARE {s}", "prepared statement"));

    /** What happened after the loss. */
    record Result(long threadBefore, long threadAfter, SQLException thrown, int otherSessionGotLock,
                  String stillHeld) {
    }

    private static final Map<String, Future<Result>> RESULTS = new ConcurrentHashMap<>();
    private static ExecutorService pool;

    @BeforeAll
    static void runAllCases() throws Exception {
        try (Connection admin = SERVER.admin()) {
            Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + TestServer.DATABASE + ".truth_locked (a INT)");
            Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + TestServer.DATABASE + ".truth_unlocked (a INT)");
        }
        pool = Executors.newFixedThreadPool(16);
        for (String driver : List.of("mysql", "mariadb")) {
            for (Held held : HELD) {
                for (boolean released : new boolean[] {false, true}) {
                    RESULTS.put(driver + held + released, pool.submit(() -> runCase(driver, held, released)));
                }
            }
        }
        pool.shutdown();
    }

    @AfterAll
    static void stop() throws Exception {
        pool.awaitTermination(2, TimeUnit.MINUTES);
    }

    static Stream<Arguments> cases() {
        return Stream.of("mysql", "mariadb").flatMap(d -> HELD.stream().map(h -> Arguments.of(d, h)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void healIsRefusedWithAnErrorThatNamesTheStateHeld(String driver, Held held) throws Exception {
        Result r = RESULTS.get(driver + held + false).get(2, TimeUnit.MINUTES);
        assertThat(r.stillHeld()).as("the state was really held before the loss").isEqualTo("held");
        assertThat((Throwable) r.thrown()).as("the statement after the loss of a session holding %s (it ran on"
                + " server thread %d)", held.take(), r.threadAfter()).isNotNull();
        assertThat(r.thrown().getSQLState()).as("SQLState of %s", r.thrown().toString()).startsWith("08");
        String message = String.valueOf(r.thrown().getMessage()).toLowerCase(Locale.ROOT);
        assertThat(held.words()).as("the error names what was lost: %s", r.thrown().getMessage())
                .anySatisfy(word -> assertThat(message).contains(word.toLowerCase(Locale.ROOT)));
        if (held.namedLock()) {
            assertThat(r.otherSessionGotLock()).as("another session takes the lock once the session is gone"
                    + " (nobody took it again behind the program's back)").isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void onceReleasedBeforeTheLossTheHealWorks(String driver, Held held) throws Exception {
        Result r = RESULTS.get(driver + held + true).get(2, TimeUnit.MINUTES);
        assertThat(r.stillHeld()).as("the state was released before the loss").isEqualTo("released");
        assertThat((Throwable) r.thrown()).as("the statement after the loss").isNull();
        assertThat(r.threadAfter()).as("a new server session").isNotEqualTo(r.threadBefore());
        if (held.namedLock()) {
            assertThat(r.otherSessionGotLock()).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Result runCase(String driver, Held held, boolean released) throws Exception {
        int n = CASE.incrementAndGet();
        String lock = "truth_" + RUN + "_" + n;
        String temp = "truth_tmp_" + n;
        String variable = "truth_v" + n;
        String prepared = "truth_s" + n;
        try (Connection c = SERVER.connect(driver); Connection admin = SERVER.admin()) {
            for (String take : held.take()) {
                if (take.startsWith("?")) {
                    try (PreparedStatement p = c.prepareStatement(take.substring(1))) {
                        p.setString(1, lock);
                        p.execute();
                    }
                } else {
                    Sql.execute(c, fill(take, lock, temp, variable, prepared));
                }
            }
            String heldNow = isHeld(c, admin, held, lock, temp, variable, prepared) ? "held" : "not held";
            if (released) {
                for (String release : held.release()) {
                    Sql.execute(c, fill(release, lock, temp, variable, prepared));
                }
                heldNow = isHeld(c, admin, held, lock, temp, variable, prepared) ? "still held" : "released";
            }
            long before = Sql.serverThread(c);
            Sql.kill(admin, before);
            Thread.sleep(2_500);
            SQLException thrown = null;
            long after = -1;
            try {
                after = Sql.serverThread(c);
            } catch (SQLException e) {
                thrown = e;
            }
            int got = -1;
            if (held.namedLock()) {
                got = (int) Sql.longValue(admin, "SELECT GET_LOCK('" + lock + "', 0)");
                Sql.execute(admin, "DO RELEASE_LOCK('" + lock + "')");
            }
            return new Result(before, after, thrown, got, heldNow);
        }
    }

    /** Asks the server whether the session holds the state now. */
    private static boolean isHeld(Connection c, Connection admin, Held held, String lock, String temp,
                                  String variable, String prepared) throws SQLException {
        String take = held.take().get(0);
        if (held.namedLock()) {
            return Sql.longValue(admin, "SELECT IS_USED_LOCK('" + lock + "') = " + Sql.serverThread(c)) == 1;
        }
        if (take.contains("TEMPORARY")) {
            try {
                Sql.execute(c, "SELECT * FROM " + temp);
                return true;
            } catch (SQLException e) {
                return false;
            }
        }
        if (take.startsWith("LOCK TABLES")) {
            // under LOCK TABLES, a table not locked cannot be used (1100)
            try {
                Sql.execute(c, "SELECT 1 FROM " + TestServer.DATABASE + ".truth_unlocked LIMIT 0");
                return false;
            } catch (SQLException e) {
                return e.getErrorCode() == 1100;
            }
        }
        if (take.startsWith("PREPARE")) {
            try {
                Sql.execute(c, "EXECUTE " + prepared);
                return true;
            } catch (SQLException e) {
                return false;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @" + variable + " IS NOT NULL")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static String fill(String sql, String lock, String temp, String variable, String prepared) {
        return sql.replace("{n}", lock).replace("{t}", temp).replace("{v}", variable).replace("{s}", prepared);
    }
}
