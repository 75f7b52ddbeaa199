package dev.jdbcguard.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nothing lost, nothing doubled: no silent reconnect inside a transaction, no write run twice. */
class TransactionSafetyTest {

    private static final TestServer SERVER = TestServers.shared();

    @BeforeAll
    static void table() throws Exception {
        try (Connection admin = SERVER.admin()) {
            Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + TestServer.DATABASE + ".tx_safety"
                    + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, run VARCHAR(64) NOT NULL, step VARCHAR(16) NOT NULL)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void transactionThatSpansTheStalePeriodFailsCleanlyAndCommitsNothing(String driver) throws Exception {
        String run = UUID.randomUUID().toString();
        try (Connection c = server(driver)) {
            Sql.execute(c, "SET SESSION wait_timeout = 2");
            c.setAutoCommit(false);
            insert(c, run, "first");

            Thread.sleep(3_000);

            assertThatThrownBy(() -> insert(c, run, "second"))
                    .isInstanceOf(SQLTransactionRollbackException.class)
                    .hasMessageContaining("was lost inside a transaction")
                    .hasMessageContaining("the server has already rolled the transaction back")
                    .hasMessageContaining("Call rollback()");
            assertThatThrownBy(c::commit).isInstanceOf(SQLTransactionRollbackException.class);
            c.rollback();
            assertThat(rows(run)).as("neither row of the lost transaction").isZero();

            insert(c, run, "again");
            c.commit();
            assertThat(rows(run)).as("the connection works again after rollback()").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void writeThatFailedOnADeadLinkIsNeverRunTwice(String driver) throws Exception {
        String run = UUID.randomUUID().toString();
        try (Connection c = server(driver); Connection admin = SERVER.admin()) {
            PreparedStatement insert = c.prepareStatement("INSERT INTO tx_safety (run, step) VALUES (?, ?)");
            insert.setString(1, run);
            insert.setString(2, "write");
            Sql.kill(admin, Sql.serverThread(c)); // dies right before use: too soon for the idle check

            assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class);
            assertThat(rows(run)).as("the failed write is not repeated by the agent").isZero();

            insert.setString(2, "next");
            assertThat(insert.executeUpdate()).as("the connection was made usable for the next statement").isEqualTo(1);
            assertThat(rows(run)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void readInAutocommitThatFailedOnADeadLinkIsRunAgainTransparently(String driver) throws Exception {
        try (Connection c = server(driver); Connection admin = SERVER.admin()) {
            long before = Sql.serverThread(c);
            Sql.kill(admin, before);
            assertThat(Sql.longValue(c, "SELECT 42")).isEqualTo(42);
            assertThat(Sql.serverThread(c)).isNotEqualTo(before);
        }
    }

    private static Connection server(String driver) throws SQLException {
        return SERVER.connect(driver);
    }

    private static void insert(Connection c, String run, String step) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tx_safety (run, step) VALUES (?, ?)")) {
            s.setString(1, run);
            s.setString(2, step);
            s.executeUpdate();
        }
    }

    private static long rows(String run) throws SQLException {
        try (Connection admin = SERVER.admin()) {
            return Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.DATABASE + ".tx_safety WHERE run = '" + run + "'");
        }
    }
}
