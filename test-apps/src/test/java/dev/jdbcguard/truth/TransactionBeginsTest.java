package dev.jdbcguard.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.FaultyLink;
import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A transaction that is open on the server when its link dies is never healed silently, however
 * it began: by JDBC, by SQL text ({@code START TRANSACTION}, {@code BEGIN}, {@code SET autocommit=0},
 * {@code XA START}...), by a URL option, or by the session's default. Each run inserts "first"
 * inside the transaction, the link dies, then "second" and the commit must fail, rollback must
 * succeed, nothing of the run may be on the server, and the next transaction on the same
 * Connection must commit exactly its own row.
 *
 * <p>To keep the run short, each fault is applied once to a batch of connections, one per way of
 * beginning and driver, and each connection's outcome is then its own dynamic test.
 */
class TransactionBeginsTest {

    private static final String TABLE = "truth_begins";
    private static LocalMariaDb server;

    @BeforeAll
    static void privateServer() throws Exception {
        server = TestServers.startPrivate(); // restarts and SET GLOBAL init_connect: not on the shared one
        try (Connection admin = server.admin()) {
            Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + TestServer.DATABASE + "." + TABLE
                    + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, run VARCHAR(64) NOT NULL, step VARCHAR(16) NOT NULL)");
        }
    }

    @AfterAll
    static void stop() {
        try (Connection admin = server.admin()) {
            Sql.execute(admin, "SET GLOBAL init_connect = ''");
        } catch (SQLException e) {
            // the server goes away anyway
        }
        server.stop();
    }

    /** Idle past wait_timeout (set to 2 s before the transaction began): the server closed the session. */
    @TestFactory
    Stream<DynamicTest> idlePastWaitTimeout() throws Exception {
        List<Run> runs = open(Fault.WAIT_TIMEOUT, null);
        Thread.sleep(3_200);
        return tests(runs);
    }

    /** KILL from the administrator, then idle long enough for the agent's idle check. */
    @TestFactory
    Stream<DynamicTest> killedThenIdle() throws Exception {
        List<Run> runs = open(Fault.KILL_THEN_IDLE, null);
        try (Connection admin = server.admin()) {
            for (Run run : runs) {
                Sql.kill(admin, run.threadBefore);
            }
        }
        Thread.sleep(2_500);
        return tests(runs);
    }

    /** KILL right before the next statement: the statement itself meets the dead link. */
    @TestFactory
    Stream<DynamicTest> killedRightBeforeUse() throws Exception {
        return tests(open(Fault.KILL_AT_USE, null)); // each test kills its own session first
    }

    /** The server restarts: every session and its transaction are gone. */
    @TestFactory
    Stream<DynamicTest> serverRestart() throws Exception {
        List<Run> runs = open(Fault.RESTART, null);
        long connectionsBefore;
        try (Connection admin = server.admin()) {
            connectionsBefore = Sql.globalStatus(admin, "Connections");
        }
        server.restart();
        try (Connection admin = server.admin()) {
            assertThat(Sql.globalStatus(admin, "Connections")).as("the server really restarted")
                    .isLessThan(connectionsBefore);
        }
        return tests(runs);
    }

    /** Every link cut (FIN both ways) by a proxy between driver and server. */
    @TestFactory
    Stream<DynamicTest> linkCut() throws Exception {
        FaultyLink link = FaultyLink.to(server);
        List<Run> runs = open(Fault.CUT, link);
        assertThat(link.openLinks()).as("every connection goes through the proxy").isGreaterThanOrEqualTo(runs.size());
        link.cutAll();
        return tests(runs).onClose(link::close);
    }

    enum Fault { WAIT_TIMEOUT, KILL_THEN_IDLE, KILL_AT_USE, RESTART, CUT }

    enum Style { JDBC, SQL, XA }

    /** One way of beginning a transaction, and how that application would commit, roll back and go on. */
    static final class Begin {
        final String name;
        final List<String> drivers;
        final String urlOption; // appended to the URL, or null
        final boolean initConnect; // the server's init_connect turns autocommit off at connect
        final String beginSql; // run before the first insert, or null; "%x" is the XA id
        final Style style;
        final boolean autocommitOff; // the session must still have autocommit off after the heal

        Begin(String name, List<String> drivers, String urlOption, boolean initConnect, String beginSql, Style style,
              boolean autocommitOff) {
            this.name = name;
            this.drivers = drivers;
            this.urlOption = urlOption;
            this.initConnect = initConnect;
            this.beginSql = beginSql;
            this.style = style;
            this.autocommitOff = autocommitOff;
        }

        void begin(Connection c, String xid) throws SQLException {
            if (style == Style.JDBC && beginSql == null && urlOption == null && !initConnect) {
                c.setAutoCommit(false);
            } else if (beginSql != null) {
                Sql.execute(c, beginSql.replace("%x", xid));
            }
        }

        void commit(Connection c, String xid) throws SQLException {
            switch (style) {
                case JDBC:
                    c.commit();
                    break;
                case SQL:
                    Sql.execute(c, "COMMIT");
                    break;
                default:
                    Sql.execute(c, "XA END '" + xid + "'");
                    Sql.execute(c, "XA COMMIT '" + xid + "' ONE PHASE");
            }
        }

        void rollback(Connection c) throws SQLException {
            if (style == Style.JDBC) {
                c.rollback();
            } else {
                Sql.execute(c, "ROLLBACK");
            }
        }

        /** The next transaction, as this application would run it on the same Connection. */
        void nextTransaction(Connection c, String run) throws SQLException {
            if (style == Style.XA) {
                Sql.execute(c, "START TRANSACTION"); // the next plain transaction
                insert(c, run, "again");
                Sql.execute(c, "COMMIT");
                return;
            }
            if (!autocommitOff && beginSql != null) {
                Sql.execute(c, beginSql); // START TRANSACTION, BEGIN... again
            }
            insert(c, run, "again");
            if (style == Style.JDBC) {
                c.commit();
            } else {
                Sql.execute(c, "COMMIT");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<String> BOTH = List.of("mysql", "mariadb");
    private static final List<String> MARIADB = List.of("mariadb");

    /*
     * Connector/J is missing from the session-default rows on purpose: after connecting it sets
     * autocommit back to 1 itself, both after init_connect='SET autocommit=0' and after
     * sessionVariables=autocommit=0 (SELECT @@autocommit is 1 and getAutoCommit() true), so no
     * transaction is open and there is nothing to test.
     */
    static final List<Begin> BEGINS = List.of(
            new Begin("setAutoCommit(false)", BOTH, null, false, null, Style.JDBC, true),
            new Begin("START TRANSACTION", BOTH, null, false, "START TRANSACTION", Style.SQL, false),
            new Begin("BEGIN", BOTH, null, false, "BEGIN", Style.SQL, false),
            new Begin("BEGIN WORK", BOTH, null, false, "BEGIN WORK", Style.SQL, false),
            new Begin("START TRANSACTION READ WRITE", BOTH, null, false, "START TRANSACTION READ WRITE", Style.SQL, false),
            new Begin("START TRANSACTION WITH CONSISTENT SNAPSHOT", BOTH, null, false,
                    "START TRANSACTION WITH CONSISTENT SNAPSHOT", Style.SQL, false),
            new Begin("SET autocommit=0", BOTH, null, false, "SET autocommit=0", Style.SQL, true),
            new Begin("SET @@session.autocommit=OFF", BOTH, null, false, "SET @@session.autocommit=OFF", Style.SQL, true),
            new Begin("XA START", BOTH, null, false, "XA START '%x'", Style.XA, false),
            new Begin("URL autocommit=false", MARIADB, "autocommit=false", false, null, Style.JDBC, true),
            new Begin("URL sessionVariables=autocommit=0", MARIADB, "sessionVariables=autocommit=0", false, null,
                    Style.JDBC, true),
            new Begin("server init_connect='SET autocommit=0'", MARIADB, null, true, null, Style.JDBC, true));

    /** One connection of a batch: its transaction is open on the server, with "first" in it. */
    static final class Run {
        final String driver;
        final Begin begin;
        final Fault fault;
        final String run = UUID.randomUUID().toString();
        final String xid = "x-" + run.substring(0, 8);
        Connection c;
        long threadBefore;
        String precondition; // why the transaction was not really open on the server, or null

        Run(String driver, Begin begin, Fault fault) {
            this.driver = driver;
            this.begin = begin;
            this.fault = fault;
        }

        String name() {
            return driver + ", " + begin + ", " + fault.name().toLowerCase().replace('_', ' ');
        }
    }

    private static List<Run> open(Fault fault, FaultyLink link) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (String driver : BOTH) {
            for (Begin begin : BEGINS) {
                if (begin.drivers.contains(driver)) {
                    runs.add(open(new Run(driver, begin, fault), link));
                }
            }
        }
        return runs;
    }

    private static Run open(Run r, FaultyLink link) throws Exception {
        String url = link != null ? link.url(server, r.driver) : server.url(r.driver);
        if (r.begin.urlOption != null) {
            url += (url.contains("?") ? "&" : "?") + r.begin.urlOption;
        }
        try (Connection admin = server.admin()) {
            if (r.begin.initConnect) {
                // only for this connect: a reconnect must get autocommit=0 back from the agent, not from here
                Sql.execute(admin, "SET GLOBAL init_connect = 'SET autocommit=0'");
            }
            try {
                r.c = DriverManager.getConnection(url, TestServer.USER, TestServer.PASSWORD);
            } finally {
                if (r.begin.initConnect) {
                    Sql.execute(admin, "SET GLOBAL init_connect = ''");
                }
            }
            if (r.fault == Fault.WAIT_TIMEOUT) {
                Sql.execute(r.c, "SET SESSION wait_timeout = 2"); // before the transaction begins
            }
            r.threadBefore = Sql.serverThread(r.c);
            r.begin.begin(r.c, r.xid);
            insert(r.c, r.run, "first");
            // open on the server: the session sees its row, nobody else does (INNODB_TRX is a cache, too slow for this)
            long own = Sql.longValue(r.c, "SELECT COUNT(*) FROM " + TABLE + " WHERE run = '" + r.run + "'");
            long committed = rows(admin, r.run);
            if (own != 1 || committed != 0) {
                r.precondition = "no transaction open on the server after the first insert (the session sees " + own
                        + " row(s), other sessions " + committed + ")";
            }
        }
        return r;
    }

    private static Stream<DynamicTest> tests(List<Run> runs) {
        return runs.stream().map(r -> dynamicTest(r.name(), () -> afterLoss(r)));
    }

    private static void afterLoss(Run r) throws Exception {
        try (Connection c = r.c; Connection admin = server.admin()) {
            assertThat(r.precondition).as("precondition").isNull();
            if (r.fault == Fault.WAIT_TIMEOUT || r.fault == Fault.KILL_THEN_IDLE) {
                assertThat(Sql.longValue(admin, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = "
                        + r.threadBefore)).as("the server really ended the session").isZero();
            }
            if (r.fault == Fault.KILL_AT_USE) {
                Sql.kill(admin, r.threadBefore);
            }
            boolean xa = r.begin.style == Style.XA;
            SoftAssertions soft = new SoftAssertions();

            Throwable second = catchThrowable(() -> insert(c, r.run, "second"));
            boolean rolledBackError = second instanceof SQLException && "40000".equals(((SQLException) second).getSQLState());
            if (xa) {
                soft.assertThat(second).as("the statement after the loss (XA)").isInstanceOf(SQLException.class);
                soft.assertThat(rolledBackError || (second != null && String.valueOf(second.getMessage()).contains("XA")))
                        .as("the statement after the loss fails with SQLState 40000 or an error that names XA, not: "
                                + describe(second)).isTrue();
            } else {
                soft.assertThat(second).as("the statement after the loss")
                        .isInstanceOf(java.sql.SQLTransactionRollbackException.class)
                        .hasMessageContaining("was lost inside a transaction");
                soft.assertThat(second instanceof SQLException ? ((SQLException) second).getSQLState() : null)
                        .as("SQLState of the statement after the loss: " + describe(second)).isEqualTo("40000");
            }

            Throwable commit = catchThrowable(() -> r.begin.commit(c, r.xid));
            soft.assertThat(commit).as("the commit after the loss").isInstanceOf(SQLException.class);

            soft.assertThat(rowsOfLostTransaction(admin, r.run))
                    .as("rows of the lost transaction committed (first, second)").isZero();

            if (!xa || rolledBackError) {
                Throwable rollback = catchThrowable(() -> r.begin.rollback(c));
                soft.assertThat(rollback).as("the rollback after the loss: " + describe(rollback)).isNull();
                if (r.begin.autocommitOff) {
                    Object autocommit = valueOrError(() -> Sql.longValue(c, "SELECT @@autocommit"));
                    soft.assertThat(autocommit).as("SELECT @@autocommit on the healed session").isEqualTo(0L);
                }
                Throwable next = catchThrowable(() -> r.begin.nextTransaction(c, r.run));
                soft.assertThat(next).as("the next transaction on the same Connection: " + describe(next)).isNull();
                soft.assertThat(rows(admin, r.run)).as("rows committed of the run: only the next transaction's").isEqualTo(1);
                if (r.fault != Fault.RESTART) { // after a restart thread ids begin again and may repeat
                    soft.assertThat(valueOrError(() -> Sql.serverThread(c))).as("a new server session")
                            .isNotEqualTo(r.threadBefore);
                }
            }
            soft.assertThat(rowsOfLostTransaction(admin, r.run))
                    .as("rows of the lost transaction committed, in the end").isZero();
            soft.assertAll();
        }
    }

    static void insert(Connection c, String run, String step) throws SQLException {
        Sql.execute(c, "INSERT INTO " + TABLE + " (run, step) VALUES ('" + run + "', '" + step + "')");
    }

    private static long rows(Connection admin, String run) throws SQLException {
        return Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.DATABASE + "." + TABLE + " WHERE run = '" + run + "'");
    }

    private static long rowsOfLostTransaction(Connection admin, String run) throws SQLException {
        return Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.DATABASE + "." + TABLE + " WHERE run = '" + run
                + "' AND step IN ('first', 'second')");
    }

    interface SqlValue {
        Object get() throws Exception;
    }

    private static Object valueOrError(SqlValue value) {
        try {
            return value.get();
        } catch (Exception e) {
            return describe(e);
        }
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "no exception";
        }
        String state = t instanceof SQLException ? " [SQLState " + ((SQLException) t).getSQLState() + "]" : "";
        return t.getClass().getName() + state + ": " + t.getMessage();
    }
}
