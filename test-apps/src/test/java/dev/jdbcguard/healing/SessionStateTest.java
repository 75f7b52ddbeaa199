package dev.jdbcguard.healing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the program set on its session is there again after the agent reconnected it. */
class SessionStateTest {

    private final TestServer server = TestServers.shared();

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void sessionStateSurvivesTheReconnect(String driver) throws Exception {
        try (Connection c = server.connect(driver)) {
            c.setAutoCommit(false);
            c.setCatalog(TestServer.OTHER_DATABASE);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setReadOnly(true);
            c.setNetworkTimeout(Executors.newSingleThreadExecutor(), 7_000);
            Sql.execute(c, "SET SESSION sql_mode = 'ANSI_QUOTES'");
            Sql.execute(c, "SET SESSION wait_timeout = 2");
            c.commit();
            long before = Sql.serverThread(c);
            c.commit();

            Thread.sleep(3_000);

            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@session.autocommit,"
                    + " DATABASE(), @@session.transaction_isolation, @@session.transaction_read_only,"
                    + " @@session.sql_mode, @@session.wait_timeout, CONNECTION_ID()")) {
                rs.next();
                assertThat(rs.getLong(7)).as("a new server session").isNotEqualTo(before);
                assertThat(rs.getInt(1)).as("autocommit").isZero();
                assertThat(rs.getString(2)).as("database").isEqualTo(TestServer.OTHER_DATABASE);
                assertThat(rs.getString(3)).as("isolation").isEqualTo("SERIALIZABLE");
                assertThat(rs.getInt(4)).as("read only").isEqualTo(1);
                assertThat(rs.getString(5)).as("sql_mode").isEqualTo("ANSI_QUOTES");
                assertThat(rs.getInt(6)).as("wait_timeout").isEqualTo(2);
            }
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(c.getCatalog()).isEqualTo(TestServer.OTHER_DATABASE);
            assertThat(c.isReadOnly()).isTrue();
            assertThat(c.getNetworkTimeout()).isEqualTo(7_000);
            c.rollback();
        }
    }
}
