package dev.jdbcguard.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.FaultyLink;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
 * Run at most once: a statement whose link dies while (or before) it runs is never run a second
 * time unless it provably changes nothing, and the program is told when it may have run.
 *
 * <p>Every case gets its own objects (a MyISAM table, so that an effect made before the fault is
 * not rolled back and a second run shows as 2; a stored function and procedure that insert into
 * it; a NOCACHE sequence), and every effect is counted on the server by the administrator after
 * the server thread that ran the statement is gone. The cases run concurrently in
 * {@link #runAllCases()} (they mostly wait on SLEEP) and each test method asserts on one outcome.
 *
 * <p>Fault: {@code SLEEP(2)} inside the statement keeps it running on the server; the fault is
 * made once the administrator sees the session in state "User sleep" (so the statement was sent
 * and is running): KILL CONNECTION, KILL QUERY, a client socketTimeout of 1 s, or a cut of the
 * TCP link ({@link FaultyLink}). For reads also a KILL while idle, right before the statement.
 */
class RunAtMostOnceTest {

    private static final TestServer SERVER = TestServers.shared();
    private static final String DRIVERS_MYSQL = "mysql";
    private static final String DRIVERS_MARIADB = "mariadb";
    private static final int SLEEP_SECONDS = 2;
    private static final int SOCKET_TIMEOUT_MS = 1_000;

    enum Fault { KILL_CONNECTION_MID_FLIGHT, KILL_QUERY_MID_FLIGHT, CLIENT_SOCKET_TIMEOUT, LINK_CUT_AFTER_SEND,
        KILL_BEFORE_SEND, NONE }

    /** What the statement changes, counted on the server: rows of T, SUM(n) of T, the sequence S, nothing. */
    enum Effect { ROWS, COUNTER, SEQUENCE, NONE }

    /**
     * A statement shape. Tokens: {T} the case's table (unqualified: the session's database is app),
     * {F} a function that inserts one row into T, {P} a procedure (seconds) that inserts one row
     * then sleeps, {S} a sequence, {s} the seconds to sleep (0 when no fault needs the statement slow).
     */
    record Shape(String name, String sql, Effect effect, int seedRows, boolean innodb, boolean prepared,
                 String readValue, boolean canBeSlow, boolean killQuerySucceeds) {

        static Shape write(String name, String sql, Effect effect) {
            return new Shape(name, sql, effect, 1, false, false, null, true, false);
        }

        static Shape read(String name, String sql, String value) {
            return new Shape(name, sql, Effect.NONE, 1, false, false, value, true, false);
        }

        Shape seed(int rows) {
            return new Shape(name, sql, effect, rows, innodb, prepared, readValue, canBeSlow, killQuerySucceeds);
        }

        Shape onInnoDb() {
            return new Shape(name, sql, effect, seedRows, true, prepared, readValue, canBeSlow, killQuerySucceeds);
        }

        Shape asPrepared() {
            return new Shape(name, sql, effect, seedRows, innodb, true, readValue, canBeSlow, killQuerySucceeds);
        }

        Shape fastOnly() {
            return new Shape(name, sql, effect, seedRows, innodb, prepared, readValue, false, killQuerySucceeds);
        }

        /**
         * On the real server (both drivers, no agent) KILL QUERY during {@code DO ..., SLEEP(n)} or
         * a procedure's {@code DO SLEEP(n)} ends only the SLEEP: the statement then succeeds.
         */
        Shape killQueryEndsOnlyTheSleep() {
            return new Shape(name, sql, effect, seedRows, innodb, prepared, readValue, canBeSlow, true);
        }

        boolean isRead() {
            return readValue != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Shape> EFFECTFUL = List.of(
            Shape.write("insert values", "INSERT INTO {T} (n) VALUES (SLEEP({s}))", Effect.ROWS),
            Shape.write("insert set", "INSERT INTO {T} SET n = SLEEP({s})", Effect.ROWS),
            Shape.write("insert ignore", "INSERT IGNORE INTO {T} (n) VALUES (SLEEP({s}))", Effect.ROWS),
            Shape.write("insert select", "INSERT INTO {T} (n) SELECT SLEEP({s})", Effect.ROWS),
            Shape.write("insert select from derived table", "INSERT INTO {T} (n) SELECT SLEEP({s}) FROM (SELECT 1 AS one) AS d", Effect.ROWS),
            Shape.write("update increment", "UPDATE {T} SET n = n + 1 WHERE id = 1 AND SLEEP({s}) = 0", Effect.COUNTER),
            Shape.write("update increment in set", "UPDATE {T} SET n = n + 1 + SLEEP({s})", Effect.COUNTER),
            Shape.write("delete one of three", "DELETE FROM {T} WHERE SLEEP({s}) = 0 ORDER BY id LIMIT 1", Effect.ROWS).seed(3),
            Shape.write("replace", "REPLACE INTO {T} (n) VALUES (SLEEP({s}))", Effect.ROWS),
            Shape.write("insert on duplicate key update counter",
                    "INSERT INTO {T} (k, n) VALUES (1, SLEEP({s})) ON DUPLICATE KEY UPDATE n = n + 1", Effect.COUNTER),
            Shape.write("block comment then insert", "/* x */ INSERT INTO {T} (n) VALUES (SLEEP({s}))", Effect.ROWS),
            Shape.write("line comment then insert", "-- x\nINSERT INTO {T} (n) VALUES (SLEEP({s}))", Effect.ROWS),
            Shape.write("hash comment then insert", "# x\nINSERT INTO {T} (n) VALUES (SLEEP({s}))", Effect.ROWS),
            Shape.write("whitespace then insert", "\n\t  insert into {T} (n) values (sleep({s}))", Effect.ROWS),
            Shape.write("executable comment in select", "SELECT 1 /*! , {F}() */ , SLEEP({s})", Effect.ROWS),
            Shape.write("mariadb executable comment in select", "SELECT 1 /*M! , {F}() */ , SLEEP({s})", Effect.ROWS),
            Shape.write("select writing function", "SELECT {F}(), SLEEP({s})", Effect.ROWS),
            Shape.write("lower-case select writing function", "select {F}(), sleep({s})", Effect.ROWS),
            Shape.write("select writing function in where", "SELECT 1 FROM DUAL WHERE {F}() = 1 AND SLEEP({s}) = 0", Effect.ROWS),
            Shape.write("comment then select writing function", "/* c */ SELECT {F}(), SLEEP({s})", Effect.ROWS),
            Shape.write("union with writing function", "(SELECT {F}()) UNION (SELECT SLEEP({s}))", Effect.ROWS),
            Shape.write("cte with writing function", "WITH x AS (SELECT {F}() AS a) SELECT a, SLEEP({s}) FROM x", Effect.ROWS),
            Shape.write("values with writing function", "VALUES ({F}(), SLEEP({s}))", Effect.ROWS),
            Shape.write("select nextval", "SELECT NEXTVAL({S}), SLEEP({s})", Effect.SEQUENCE),
            Shape.write("select next value for", "SELECT NEXT VALUE FOR {S}, SLEEP({s})", Effect.SEQUENCE),
            Shape.write("insert values nextval", "INSERT INTO {T} (k, n) VALUES (NEXTVAL({S}) + 1000, SLEEP({s}))", Effect.SEQUENCE),
            Shape.write("multi-statement select then insert", "SELECT 1; INSERT INTO {T} (n) VALUES (SLEEP({s}))", Effect.ROWS),
            Shape.write("multi-statement slow select then insert", "SELECT SLEEP({s}); INSERT INTO {T} (n) VALUES (0)", Effect.ROWS),
            Shape.write("call inserting procedure", "CALL {P}({s})", Effect.ROWS).killQueryEndsOnlyTheSleep(),
            Shape.write("select into user variables with writing function",
                    "SELECT {F}(), SLEEP({s}) INTO @amo_a, @amo_b", Effect.ROWS),
            Shape.write("select into user variable", "SELECT SLEEP({s}) INTO @amo_v", Effect.NONE),
            Shape.write("do writing function", "DO {F}(), SLEEP({s})", Effect.ROWS).killQueryEndsOnlyTheSleep(),
            Shape.write("set user variable from writing function", "SET @amo_x = {F}() + SLEEP({s})", Effect.ROWS),
            Shape.write("select for update", "SELECT id FROM {T} WHERE id = 1 AND SLEEP({s}) = 0 FOR UPDATE", Effect.NONE).onInnoDb(),
            Shape.write("select lock in share mode",
                    "SELECT id FROM {T} WHERE id = 1 AND SLEEP({s}) = 0 LOCK IN SHARE MODE", Effect.NONE).onInnoDb(),
            Shape.write("prepared insert select", "INSERT INTO {T} (n) SELECT SLEEP({s})", Effect.ROWS).asPrepared(),
            Shape.write("prepared select writing function", "SELECT {F}(), SLEEP({s})", Effect.ROWS).asPrepared());

    static final List<Shape> READS = List.of(
            Shape.read("select 1", "SELECT 1, SLEEP({s})", "1"),
            Shape.read("select count", "SELECT COUNT(*) FROM {T} WHERE id = 1 AND SLEEP({s}) = 0", "1"),
            Shape.read("commented select by id", "/* c */ SELECT a FROM {T} WHERE id = 1 AND SLEEP({s}) = 0", "a1"),
            Shape.read("union", "(SELECT 1 FROM DUAL WHERE SLEEP({s}) = 0) UNION (SELECT 2)", "1"),
            Shape.read("select concat", "SELECT CONCAT('a', 'b') FROM DUAL WHERE SLEEP({s}) = 0", "ab"),
            Shape.read("show variables", "SHOW VARIABLES LIKE 'wait_timeout'", "wait_timeout").fastOnly());

    static final List<Fault> MID_FLIGHT = List.of(Fault.KILL_CONNECTION_MID_FLIGHT, Fault.KILL_QUERY_MID_FLIGHT,
            Fault.CLIENT_SOCKET_TIMEOUT, Fault.LINK_CUT_AFTER_SEND);

    /** What happened to one case, all of it read from the server or the program's call. */
    record Outcome(String sql, SQLException thrown, String value, long effect, long threadBefore, long threadAfter,
                   boolean faultMade, long callMillis, String note, long ranAgainOn) {
    }

    private static final Map<String, Future<Outcome>> OUTCOMES = new ConcurrentHashMap<>();
    private static final List<String> DROPS = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final AtomicInteger CASE = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static ExecutorService pool;

    @BeforeAll
    static void runAllCases() {
        pool = Executors.newFixedThreadPool(16);
        for (String driver : List.of(DRIVERS_MYSQL, DRIVERS_MARIADB)) {
            for (Shape shape : EFFECTFUL) {
                submit(driver, shape, Fault.NONE);
                for (Fault fault : MID_FLIGHT) {
                    submit(driver, shape, fault);
                }
            }
            for (Shape shape : READS) {
                submit(driver, shape, Fault.NONE);
                submit(driver, shape, Fault.KILL_BEFORE_SEND);
                if (shape.canBeSlow()) {
                    for (Fault fault : MID_FLIGHT) {
                        submit(driver, shape, fault);
                    }
                }
            }
        }
        pool.shutdown();
    }

    @AfterAll
    static void dropObjects() throws Exception {
        pool.awaitTermination(5, TimeUnit.MINUTES);
        try (Connection admin = SERVER.admin(); Statement s = admin.createStatement()) {
            for (String drop : DROPS) {
                try {
                    s.execute(drop);
                } catch (SQLException e) {
                    // best effort
                }
            }
        }
    }

    private static void submit(String driver, Shape shape, Fault fault) {
        OUTCOMES.put(key(driver, shape, fault), pool.submit(() -> runUntilTheFaultStrikes(driver, shape, fault)));
    }

    /**
     * A mid-flight fault needs the administrator to see the statement sleeping within its 2 s; on
     * a loaded machine (16 cases at once beside other tests) that window is sometimes missed, and
     * such a trial tested nothing. It is run again, with new objects, at most twice more; its
     * note keeps what the missed trials said. A statement that never runs where it was sent fails
     * all three and the test with them.
     */
    private static Outcome runUntilTheFaultStrikes(String driver, Shape shape, Fault fault) throws Exception {
        Outcome o = runCase(driver, shape, fault);
        StringBuilder missed = new StringBuilder();
        for (int trial = 2; trial <= 3 && !o.faultMade() && MID_FLIGHT.contains(fault); trial++) {
            missed.append("trial ").append(trial - 1).append(" missed: ").append(o.note()).append("; ");
            o = runCase(driver, shape, fault);
        }
        if (missed.length() == 0) {
            return o;
        }
        return new Outcome(o.sql(), o.thrown(), o.value(), o.effect(), o.threadBefore(), o.threadAfter(), o.faultMade(),
                o.callMillis(), missed + o.note(), o.ranAgainOn());
    }

    private static String key(String driver, Shape shape, Fault fault) {
        return driver + "|" + shape.name() + "|" + fault;
    }

    private static Outcome outcome(String driver, Shape shape, Fault fault) throws Exception {
        return OUTCOMES.get(key(driver, shape, fault)).get(3, TimeUnit.MINUTES);
    }

    static Stream<Arguments> effectfulCases() {
        return Stream.of(DRIVERS_MYSQL, DRIVERS_MARIADB).flatMap(d -> EFFECTFUL.stream()
                .flatMap(s -> MID_FLIGHT.stream().map(f -> Arguments.of(d, s, f))));
    }

    static Stream<Arguments> effectfulShapes() {
        return Stream.of(DRIVERS_MYSQL, DRIVERS_MARIADB).flatMap(d -> EFFECTFUL.stream().map(s -> Arguments.of(d, s)));
    }

    static Stream<Arguments> reads() {
        return Stream.of(DRIVERS_MYSQL, DRIVERS_MARIADB).flatMap(d -> READS.stream().map(s -> Arguments.of(d, s)));
    }

    static Stream<Arguments> slowReads() {
        return Stream.of(DRIVERS_MYSQL, DRIVERS_MARIADB).flatMap(d -> READS.stream().filter(Shape::canBeSlow)
                .map(s -> Arguments.of(d, s)));
    }

    static Stream<Arguments> slowReadsKilledOrTimedOut() {
        return Stream.of(DRIVERS_MYSQL, DRIVERS_MARIADB).flatMap(d -> READS.stream().filter(Shape::canBeSlow)
                .flatMap(s -> Stream.of(Fault.KILL_CONNECTION_MID_FLIGHT, Fault.KILL_QUERY_MID_FLIGHT,
                        Fault.CLIENT_SOCKET_TIMEOUT).map(f -> Arguments.of(d, s, f))));
    }

    /** The control: without a fault each shape works and its effect is counted exactly once. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("effectfulShapes")
    void withoutAFaultEachShapeHasItsEffectExactlyOnce(String driver, Shape shape) throws Exception {
        Outcome o = outcome(driver, shape, Fault.NONE);
        assertThat((Throwable) o.thrown()).as("%s works without a fault", o.sql()).isNull();
        if (shape.effect() != Effect.NONE) {
            assertThat(o.effect()).as("effect of %s counted on the server", o.sql()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}: {1} / {2}")
    @MethodSource("effectfulCases")
    void statementWhoseLinkDiesWhileItRunsTakesEffectAtMostOnceAndTheProgramIsTold(String driver, Shape shape,
                                                                                     Fault fault) throws Exception {
        Outcome o = outcome(driver, shape, fault);
        assertThat(o.faultMade()).as("the fault was made while the statement ran (%s)", o.note()).isTrue();
        if (shape.effect() != Effect.NONE) {
            assertThat(o.effect()).as("times %s took effect on the server (%s)", o.sql(), o.note())
                    .isBetween(0L, 1L);
        }
        if (fault == Fault.KILL_QUERY_MID_FLIGHT && shape.killQuerySucceeds()) {
            return; // the server itself reports success here (see Shape.killQueryEndsOnlyTheSleep)
        }
        assertThat((Throwable) o.thrown()).as("the program is told that %s failed (%s); it returned %s after %d ms",
                o.sql(), o.note(), o.value(), o.callMillis()).isNotNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("reads")
    void readWorksWithoutAFault(String driver, Shape shape) throws Exception {
        Outcome o = outcome(driver, shape, Fault.NONE);
        assertThat((Throwable) o.thrown()).isNull();
        assertThat(o.value()).isEqualTo(shape.readValue());
        assertThat(o.threadAfter()).isEqualTo(o.threadBefore());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("reads")
    void readOnASessionKilledBeforeItWasSentIsRunAgainTransparently(String driver, Shape shape) throws Exception {
        Outcome o = outcome(driver, shape, Fault.KILL_BEFORE_SEND);
        assertThat(o.faultMade()).as("the session was killed (%s)", o.note()).isTrue();
        assertThat((Throwable) o.thrown()).as("%s after the kill", o.sql()).isNull();
        assertThat(o.value()).isEqualTo(shape.readValue());
        assertThat(o.threadAfter()).as("a new server session").isNotEqualTo(o.threadBefore());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("slowReads")
    void readWhoseLinkIsCutAfterSendIsRunAgainTransparently(String driver, Shape shape) throws Exception {
        Outcome o = outcome(driver, shape, Fault.LINK_CUT_AFTER_SEND);
        assertThat(o.faultMade()).as("the link was cut while the read ran (%s)", o.note()).isTrue();
        assertThat((Throwable) o.thrown()).as("%s after the cut", o.sql()).isNull();
        assertThat(o.value()).isEqualTo(shape.readValue());
        assertThat(o.threadAfter()).as("a new server session").isNotEqualTo(o.threadBefore());
    }

    @ParameterizedTest(name = "{0}: {1} / {2}")
    @MethodSource("slowReadsKilledOrTimedOut")
    void readKilledOrTimedOutWhileItRunsIsNotRunAgain(String driver, Shape shape, Fault fault) throws Exception {
        Outcome o = outcome(driver, shape, fault);
        assertThat(o.faultMade()).as("the fault was made while the read ran (%s)", o.note()).isTrue();
        assertThat(o.ranAgainOn()).as("server session that ran %s a second time (%s)", o.sql(), o.note())
                .isEqualTo(-1);
        assertThat((Throwable) o.thrown()).as("the program is told that %s was ended (%s); it returned %s after %d ms",
                o.sql(), o.note(), o.value(), o.callMillis()).isNotNull();
    }

    // ---------------------------------------------------------------------------------------------

    private static Outcome runCase(String driver, Shape shape, Fault fault) throws Exception {
        String id = "amo_" + RUN + "_" + CASE.incrementAndGet();
        int seconds = fault == Fault.NONE || fault == Fault.KILL_BEFORE_SEND ? 0 : SLEEP_SECONDS;
        String sql = shape.sql().replace("{T}", id).replace("{F}", id + "_f").replace("{P}", id + "_p")
                .replace("{S}", id + "_s").replace("{s}", String.valueOf(seconds))
                + (shape.isRead() ? " /* " + id + " */" : ""); // a tag to find a second run by
        try (Connection admin = SERVER.admin()) {
            setUp(admin, id, shape);
            String url = withParams(SERVER.url(driver), "allowMultiQueries=true"
                    + (fault == Fault.CLIENT_SOCKET_TIMEOUT ? "&socketTimeout=" + SOCKET_TIMEOUT_MS : ""));
            FaultyLink link = fault == Fault.LINK_CUT_AFTER_SEND ? FaultyLink.to(SERVER) : null;
            if (link != null) {
                url = withParams(link.url(SERVER, driver), "allowMultiQueries=true");
            }
            try (Connection c = DriverManager.getConnection(url, TestServer.USER, TestServer.PASSWORD)) {
                long effectBefore = effect(admin, id, shape.effect());
                // read last, right before the call: a gap over validateAfter (a loaded machine) would
                // have the agent ping first, and a ping under a 1 s socketTimeout may reconnect
                long before = Sql.serverThread(c);
                StringBuilder note = new StringBuilder();
                boolean faultMade = false;
                Future<Boolean> faulter = null;
                java.util.concurrent.atomic.AtomicBoolean callDone = new java.util.concurrent.atomic.AtomicBoolean();
                java.util.concurrent.atomic.AtomicLong ranAgain = new java.util.concurrent.atomic.AtomicLong(-1);
                ExecutorService side = Executors.newSingleThreadExecutor();
                try {
                    if (fault == Fault.KILL_BEFORE_SEND) {
                        Sql.kill(admin, before);
                        faultMade = awaitGone(admin, before, 5_000);
                        note.append("killed idle session ").append(before).append(faultMade ? "" : " (still there)");
                    } else if (fault != Fault.NONE) {
                        faulter = side.submit(() -> makeFault(fault, before, link, note, id, callDone, ranAgain));
                    }
                    SQLException thrown = null;
                    String value = null;
                    long start = System.nanoTime();
                    try {
                        value = run(c, shape, sql);
                    } catch (SQLException e) {
                        thrown = e;
                        note.append("; threw ").append(describe(e));
                    }
                    long callMillis = (System.nanoTime() - start) / 1_000_000;
                    callDone.set(true);
                    if (faulter != null) {
                        faultMade = faulter.get(30, TimeUnit.SECONDS);
                    }
                    // the statement may still run on the old server thread (client timeout, cut link)
                    if (!awaitNotRunning(admin, before, 15_000)) {
                        note.append("; old server thread ").append(before).append(" still running a statement");
                    }
                    long effect = Math.abs(effect(admin, id, shape.effect()) - effectBefore);
                    long after;
                    try {
                        after = Sql.serverThread(c);
                    } catch (SQLException e) {
                        after = -1;
                    }
                    return new Outcome(sql, thrown, value, effect, before, after, faultMade, callMillis, note.toString(),
                            ranAgain.get());
                } finally {
                    side.shutdownNow();
                    if (link != null) {
                        link.close();
                    }
                }
            }
        }
    }

    private static boolean makeFault(Fault fault, long thread, FaultyLink link, StringBuilder note, String tag,
                                     java.util.concurrent.atomic.AtomicBoolean callDone,
                                     java.util.concurrent.atomic.AtomicLong ranAgain) throws Exception {
        try (Connection admin = SERVER.admin()) {
            boolean made = makeFault(admin, fault, thread, link, note);
            // until the program's call returns: does any other session run the same (tagged) statement?
            while (made && !callDone.get()) {
                try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND ID <> " + thread
                                + " AND INFO LIKE '%/* " + tag + " */%'")) {
                    if (rs.next()) {
                        ranAgain.set(rs.getLong(1));
                    }
                }
                Thread.sleep(25);
            }
            return made;
        }
    }

    private static boolean makeFault(Connection admin, Fault fault, long thread, FaultyLink link, StringBuilder note)
            throws Exception {
        {
            if (!awaitSleeping(admin, thread, 10_000)) {
                note.append("the statement was never seen running on server thread ").append(thread);
                return false;
            }
            switch (fault) {
                case KILL_CONNECTION_MID_FLIGHT:
                    Sql.execute(admin, "KILL CONNECTION " + thread);
                    note.append("KILL CONNECTION ").append(thread).append(" while it ran");
                    return true;
                case KILL_QUERY_MID_FLIGHT:
                    Sql.execute(admin, "KILL QUERY " + thread);
                    note.append("KILL QUERY ").append(thread).append(" while it ran");
                    return true;
                case LINK_CUT_AFTER_SEND:
                    link.cutAll();
                    note.append("link cut while server thread ").append(thread).append(" ran it");
                    return true;
                case CLIENT_SOCKET_TIMEOUT:
                    note.append("socketTimeout ").append(SOCKET_TIMEOUT_MS).append(" ms, statement running on ")
                            .append(thread);
                    return true;
                default:
                    return false;
            }
        }
    }

    private static String run(Connection c, Shape shape, String sql) throws SQLException {
        Statement s = shape.prepared() ? c.prepareStatement(sql) : c.createStatement();
        try (s) {
            boolean results = shape.prepared() ? ((PreparedStatement) s).execute() : s.execute(sql);
            if (results) {
                try (ResultSet rs = s.getResultSet()) {
                    return rs.next() ? rs.getString(1) : "(no row)";
                }
            }
            return "update count " + s.getUpdateCount();
        }
    }

    private static void setUp(Connection admin, String id, Shape shape) throws SQLException {
        String table = TestServer.DATABASE + "." + id;
        DROPS.add("DROP TABLE IF EXISTS " + table);
        Sql.execute(admin, "CREATE TABLE " + table + " (id INT AUTO_INCREMENT PRIMARY KEY, k BIGINT NULL UNIQUE,"
                + " n INT NOT NULL DEFAULT 0, a VARCHAR(16) NOT NULL DEFAULT 'x') ENGINE=" + (shape.innodb() ? "InnoDB" : "MyISAM"));
        for (int i = 1; i <= shape.seedRows(); i++) {
            Sql.execute(admin, "INSERT INTO " + table + " (id, k, a) VALUES (" + i + ", " + i + ", 'a" + i + "')");
        }
        if (shape.sql().contains("{F}")) {
            DROPS.add("DROP FUNCTION IF EXISTS " + table + "_f");
            Sql.execute(admin, "CREATE FUNCTION " + table + "_f() RETURNS INT MODIFIES SQL DATA"
                    + " BEGIN INSERT INTO " + table + " (n) VALUES (0); RETURN 1; END");
        }
        if (shape.sql().contains("{P}")) {
            DROPS.add("DROP PROCEDURE IF EXISTS " + table + "_p");
            Sql.execute(admin, "CREATE PROCEDURE " + table + "_p(secs INT)"
                    + " BEGIN INSERT INTO " + table + " (n) VALUES (0); DO SLEEP(secs); END");
        }
        if (shape.sql().contains("{S}")) {
            DROPS.add("DROP SEQUENCE IF EXISTS " + table + "_s");
            Sql.execute(admin, "CREATE SEQUENCE " + table + "_s NOCACHE");
        }
    }

    private static long effect(Connection admin, String id, Effect effect) throws SQLException {
        String table = TestServer.DATABASE + "." + id;
        switch (effect) {
            case ROWS:
                return Sql.longValue(admin, "SELECT COUNT(*) FROM " + table);
            case COUNTER:
                return Sql.longValue(admin, "SELECT COALESCE(SUM(n), 0) FROM " + table);
            case SEQUENCE:
                return Sql.longValue(admin, "SELECT next_not_cached_value FROM " + table + "_s");
            default:
                return 0;
        }
    }

    /** True once the session is running a statement in SLEEP (state "User sleep"). */
    private static boolean awaitSleeping(Connection admin, long thread, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String state = processState(admin, thread);
            if (state != null && state.toLowerCase(java.util.Locale.ROOT).contains("sleep")) {
                return true;
            }
            Thread.sleep(25);
        }
        return false;
    }

    /** True once the server thread is gone or idle: the statement it ran has ended. */
    private static boolean awaitNotRunning(Connection admin, long thread, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Sql.longValue(admin, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + thread
                    + " AND COMMAND = 'Query'") == 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** True once the server thread is gone. */
    static boolean awaitGone(Connection admin, long thread, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Sql.longValue(admin, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + thread) == 0) {
                return true;
            }
            Thread.sleep(40);
        }
        return false;
    }

    private static String processState(Connection admin, long thread) throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = " + thread + " AND COMMAND = 'Query'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static String withParams(String url, String params) {
        return url + (url.contains("?") ? "&" : "?") + params;
    }

    static String describe(SQLException e) {
        return e.getClass().getSimpleName() + " " + e.getSQLState() + "/" + e.getErrorCode() + " "
                + String.valueOf(e.getMessage()).split("\n", 2)[0];
    }
}
