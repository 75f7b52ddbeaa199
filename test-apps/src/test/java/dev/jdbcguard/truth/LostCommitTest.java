package dev.jdbcguard.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.FaultyLink;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server ran the statement, the reply never came: the proxy forwards the COMMIT (or an
 * autocommit INSERT) and cuts the link before any byte of the reply reaches the client. The
 * server committed, so the only truthful report is "outcome unknown" (SQLState 08007), never
 * "rolled back" (40000); and the write is never run again.
 */
class LostCommitTest {

    private static final String TABLE = "truth_lost_commit";
    private static final TestServer SERVER = TestServers.shared();
    private static FaultyLink link;

    @BeforeAll
    static void tableAndLink() throws Exception {
        try (Connection admin = SERVER.admin()) {
            Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + TestServer.DATABASE + "." + TABLE
                    + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, run VARCHAR(64) NOT NULL, step VARCHAR(16) NOT NULL)");
        }
        link = FaultyLink.to(SERVER);
    }

    @AfterEach
    void disarm() {
        link.cancelLoseReply();
    }

    @AfterAll
    static void closeLink() {
        link.close();
    }

    /*
     * Connector/J cannot be in the "START TRANSACTION, then commit()" row: its commit() refuses
     * with "Can't call commit when autocommit=true" (SQLState null) and sends nothing, because it
     * goes by its own autocommit flag, which START TRANSACTION does not change.
     */
    static Stream<Arguments> commits() {
        return Stream.of(
                Arguments.of("mysql", "setAutoCommit(false)", "commit()"),
                Arguments.of("mysql", "setAutoCommit(false)", "COMMIT"),
                Arguments.of("mysql", "START TRANSACTION", "COMMIT"),
                Arguments.of("mariadb", "setAutoCommit(false)", "commit()"),
                Arguments.of("mariadb", "setAutoCommit(false)", "COMMIT"),
                Arguments.of("mariadb", "START TRANSACTION", "commit()"),
                Arguments.of("mariadb", "START TRANSACTION", "COMMIT"));
    }

    @ParameterizedTest(name = "{0}, begun by {1}, committed by {2}")
    @MethodSource("commits")
    void commitWhoseReplyIsLostIsReportedAsUnknownNotAsRolledBack(String driver, String begin, String commit)
            throws Exception {
        String run = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(link.url(SERVER, driver), TestServer.USER, TestServer.PASSWORD);
             Connection admin = SERVER.admin()) {
            long before = Sql.serverThread(c);
            if (begin.equals("setAutoCommit(false)")) {
                c.setAutoCommit(false);
            } else {
                Sql.execute(c, "START TRANSACTION");
            }
            insert(c, run, "row");
            int lostBefore = link.lostReplies();
            link.loseReplyTo("COMMIT");

            Throwable thrown = catchThrowable(() -> {
                if (commit.equals("commit()")) {
                    c.commit();
                } else {
                    Sql.execute(c, "COMMIT");
                }
            });

            assertThat(link.lostReplies()).as("the proxy forwarded a COMMIT and threw its reply away")
                    .isEqualTo(lostBefore + 1);
            List<String> lost = link.lostStatements();
            assertThat(lost.get(lost.size() - 1).trim()).as("what " + commit + " sent").isEqualToIgnoringCase("COMMIT");
            assertThat(rows(admin, run)).as("the server committed the row").isEqualTo(1);

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(thrown).as("the commit whose reply was lost").isInstanceOf(SQLException.class)
                    .isNotInstanceOf(SQLTransactionRollbackException.class);
            soft.assertThat(state(thrown)).as("SQLState: " + TransactionBeginsTest.describe(thrown)).isEqualTo("08007");
            soft.assertThat(thrown == null ? null : thrown.getMessage()).as("message").containsIgnoringCase("unknown");
            soft.assertThat(catchThrowable(() -> assertThat(Sql.longValue(c, "SELECT 1")).isEqualTo(1)))
                    .as("SELECT 1 on the same Connection afterwards").isNull();
            soft.assertThat(catchThrowable(() -> assertThat(Sql.serverThread(c)).isNotEqualTo(before)))
                    .as("the Connection runs on a new session").isNull();
            soft.assertThat(rows(admin, run)).as("rows in the end").isEqualTo(1);
            soft.assertAll();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void autocommitWriteWhoseReplyIsLostIsUnknownAndNeverRunAgain(String driver) throws Exception {
        String run = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(link.url(SERVER, driver), TestServer.USER, TestServer.PASSWORD);
             Connection admin = SERVER.admin()) {
            long before = Sql.serverThread(c);
            int lostBefore = link.lostReplies();
            link.loseReplyTo("INSERT INTO " + TABLE);

            Throwable thrown = catchThrowable(() -> insert(c, run, "write"));

            assertThat(link.lostReplies()).as("the proxy forwarded the INSERT and threw its reply away")
                    .isEqualTo(lostBefore + 1);
            assertThat(rows(admin, run)).as("the server ran the INSERT once").isEqualTo(1);

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(thrown).as("the write whose reply was lost").isInstanceOf(SQLException.class)
                    .isNotInstanceOf(SQLTransactionRollbackException.class);
            soft.assertThat(state(thrown)).as("SQLState: " + TransactionBeginsTest.describe(thrown)).isEqualTo("08007");
            soft.assertThat(thrown == null ? null : thrown.getMessage()).as("message").containsIgnoringCase("unknown");
            soft.assertThat(catchThrowable(() -> assertThat(Sql.longValue(c, "SELECT 1")).isEqualTo(1)))
                    .as("SELECT 1 on the same Connection afterwards").isNull();
            soft.assertThat(catchThrowable(() -> assertThat(Sql.longValue(c, "SELECT COUNT(*) FROM " + TABLE
                    + " WHERE run = '" + run + "'")).isEqualTo(1))).as("the Connection itself sees the row once").isNull();
            soft.assertThat(catchThrowable(() -> assertThat(Sql.serverThread(c)).isNotEqualTo(before)))
                    .as("the Connection runs on a new session").isNull();
            soft.assertThat(rows(admin, run)).as("rows in the end: the agent did not run the write again").isEqualTo(1);
            soft.assertAll();
        }
    }

    private static void insert(Connection c, String run, String step) throws SQLException {
        Sql.execute(c, "INSERT INTO " + TABLE + " (run, step) VALUES ('" + run + "', '" + step + "')");
    }

    private static long rows(Connection admin, String run) throws SQLException {
        return Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.DATABASE + "." + TABLE + " WHERE run = '" + run + "'");
    }

    private static String state(Throwable t) {
        return t instanceof SQLException ? ((SQLException) t).getSQLState() : null;
    }
}
