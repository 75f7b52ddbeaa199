package dev.jdbcguard.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.support.AgentView;
import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * isValid, as a pool calls it on an idle connection, with the agent of this JVM: a stale session
 * is healed there when nothing is lost, and left for the pool to discard when something would be.
 * isValid itself never throws where it would not without the agent.
 */
class ValidationTest {

    private final TestServer server = TestServers.shared();

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aStaleConnectionIsHealedInsideIsValid(String driver) throws Exception {
        try (Connection c = server.connect(driver)) {
            Sql.execute(c, "SET SESSION wait_timeout = 1");
            long before = Sql.serverThread(c);
            long heals = AgentView.counter("heals");
            Thread.sleep(2_500);
            c.setNetworkTimeout(Runnable::run, 5_000); // as HikariCP does right before isValid: not a round trip
            assertThat(c.isValid(5)).as("isValid after the heal").isTrue();
            assertThat(AgentView.counter("heals") - heals).isEqualTo(1);
            assertThat(Sql.serverThread(c)).as("a new session on the same object").isNotEqualTo(before);
            assertThat(Sql.longValue(c, "SELECT @@session.wait_timeout")).as("session state carried").isEqualTo(1);
        }
    }

    /**
     * A session killed a moment ago (idle far below validateAfter): the pool's own check is what
     * finds it, and the heal happens there. A check of a live connection costs the pool's one
     * ping and nothing more (COM_PING adds to Com_admin_commands).
     */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aKilledSessionIsHealedByThePoolsOwnCheckAndALiveOneCostsOnePing(String driver) throws Exception {
        try (Connection c = server.connect(driver); Connection admin = server.admin()) {
            long before = Sql.serverThread(c);
            long pings = Sql.globalStatus(admin, "Com_admin_commands");
            assertThat(c.isValid(5)).isTrue();
            assertThat(Sql.globalStatus(admin, "Com_admin_commands") - pings).as("pings of one live check").isEqualTo(1);
            long heals = AgentView.counter("heals");
            Sql.kill(admin, before);
            Thread.sleep(300);
            assertThat(c.isValid(5)).as("isValid after the kill and the heal").isTrue();
            assertThat(AgentView.counter("heals") - heals).isEqualTo(1);
            assertThat(Sql.serverThread(c)).isNotEqualTo(before);
        }
    }

    /**
     * Inside a transaction a new session would drop its work: no reconnect, isValid says false,
     * and nothing of the transaction is committed. (MariaDB's driver keeps the connection and the
     * agent refuses the next statement with 40000; Connector/J closes a connection whose isValid
     * failed, so the next statement gets the driver's own "connection closed", as without the agent.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void insideATransactionIsValidTellsTheTruth(String driver) throws Exception {
        String run = driver + "-" + System.nanoTime();
        try (Connection c = server.connect(driver); Connection admin = server.admin()) {
            Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + TestServer.DATABASE + ".validation_tx (run VARCHAR(64) NOT NULL)");
            Sql.execute(c, "SET SESSION wait_timeout = 1");
            Sql.execute(c, "START TRANSACTION");
            Sql.execute(c, "INSERT INTO " + TestServer.DATABASE + ".validation_tx VALUES ('" + run + "')");
            long heals = AgentView.counter("heals");
            Thread.sleep(2_500);
            assertThat(c.isValid(5)).as("isValid of a session that is gone").isFalse();
            assertThat(AgentView.counter("heals") - heals).as("no reconnect inside a transaction").isZero();
            if (driver.equals("mariadb")) {
                assertThatThrownBy(() -> Sql.execute(c, "COMMIT")).isInstanceOf(SQLTransactionRollbackException.class);
            } else {
                assertThatThrownBy(() -> Sql.execute(c, "COMMIT")).isInstanceOf(SQLException.class);
            }
            assertThat(AgentView.counter("heals") - heals).as("no reconnect before the rollback").isZero();
            assertThat(Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.DATABASE + ".validation_tx WHERE run = '" + run + "'"))
                    .as("rows of the lost transaction on the server").isZero();
        }
    }

    /** A named lock is lost with the session: not healed, so the pool (or the program) sees false. */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aSessionHoldingANamedLockIsNotHealed(String driver) throws Exception {
        try (Connection c = server.connect(driver)) {
            Sql.execute(c, "SET SESSION wait_timeout = 1");
            Sql.execute(c, "SELECT GET_LOCK('validation-" + driver + "', 1)");
            long heals = AgentView.counter("heals");
            Thread.sleep(2_500);
            assertThat(c.isValid(5)).isFalse();
            assertThat(AgentView.counter("heals") - heals).isZero();
        }
    }

    /** A closed connection stays closed. */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aClosedConnectionStaysClosed(String driver) throws Exception {
        Connection c = server.connect(driver);
        assertThat(c.isValid(0)).isTrue();
        c.close();
        long heals = AgentView.counter("heals");
        assertThat(c.isValid(1)).isFalse();
        assertThat(AgentView.counter("heals") - heals).isZero();
    }
}
