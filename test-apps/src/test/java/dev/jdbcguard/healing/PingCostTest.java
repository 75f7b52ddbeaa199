package dev.jdbcguard.healing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A busy connection (used more often than validateAfter) costs no round trip at all: counted on
 * the server, where COM_PING adds to Com_admin_commands. The idle case shows the counter does
 * see the agent's pings, so the busy case can fail.
 */
class PingCostTest {

    private final TestServer server = TestServers.shared();

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void busyConnectionIsNeverPinged(String driver) throws Exception {
        try (Connection c = server.connect(driver); Connection admin = server.admin();
             PreparedStatement select = c.prepareStatement("SELECT ?")) {
            long before = Sql.globalStatus(admin, "Com_admin_commands");
            for (int i = 0; i < 10_000; i++) {
                select.setInt(1, i);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                }
            }
            assertThat(Sql.globalStatus(admin, "Com_admin_commands") - before).as("pings over 10,000 statements").isZero();

            Thread.sleep(2_300); // past validateAfter (2 s by default)
            long beforeIdleUse = Sql.globalStatus(admin, "Com_admin_commands");
            select.setInt(1, 1);
            select.executeQuery().close();
            assertThat(Sql.globalStatus(admin, "Com_admin_commands") - beforeIdleUse).as("one ping after idling").isEqualTo(1);
        }
    }

    /**
     * A prepare on the client never talks to the server, so after idling it is not checked: the
     * execute that follows is, before anything is sent. A prepare on the server is checked itself.
     */
    @ParameterizedTest(name = "{0}, useServerPrepStmts={1}")
    @CsvSource({"mysql,false", "mysql,true", "mariadb,false", "mariadb,true"})
    void afterIdlingTheFirstCallThatTalksToTheServerIsPinged(String driver, boolean serverPrepares) throws Exception {
        String url = server.url(driver) + (driver.equals("mysql") ? "&" : "?") + "useServerPrepStmts=" + serverPrepares;
        try (Connection c = DriverManager.getConnection(url, TestServer.USER, TestServer.PASSWORD);
             Connection admin = server.admin()) {
            Sql.longValue(c, "SELECT 1");
            Thread.sleep(2_300); // past validateAfter (2 s by default)
            long before = Sql.globalStatus(admin, "Com_admin_commands");
            try (PreparedStatement select = c.prepareStatement("SELECT ?")) {
                long afterPrepare = Sql.globalStatus(admin, "Com_admin_commands");
                assertThat(afterPrepare - before).as("pings before the prepare").isEqualTo(serverPrepares ? 1 : 0);
                select.setInt(1, 1);
                select.executeQuery().close();
                assertThat(Sql.globalStatus(admin, "Com_admin_commands") - afterPrepare).as("pings before the execute")
                        .isEqualTo(serverPrepares ? 0 : 1);
            }
        }
    }
}
