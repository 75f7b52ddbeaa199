package dev.jdbcguard.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.apps.ConnectionSource;
import dev.jdbcguard.support.AgentView;
import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every physical connection is registered exactly once, with the right idle time and owner. */
class RegistrationTest {

    private final TestServer server = TestServers.shared();

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({"mysql,DRIVER_MANAGER", "mysql,DATASOURCE", "mysql,HIKARI",
                "mariadb,DRIVER_MANAGER", "mariadb,DATASOURCE", "mariadb,HIKARI"})
    void eachPhysicalConnectionIsRegisteredOnceWithOwnerAndIdleTime(String driver, ConnectionSource.Via via)
            throws Exception {
        try (Connection c = ConnectionSource.open(via, server.url(driver), TestServer.USER, TestServer.PASSWORD)) {
            long id = Sql.serverThread(c);
            List<CompositeData> rows = AgentView.byServerThread(id);
            assertThat(rows).as("rows for server thread %d", id).hasSize(1);
            CompositeData row = rows.get(0);
            assertThat(row.get("driver")).isEqualTo(driver.equals("mysql") ? "mysql-connector-j" : "mariadb");
            assertThat((String) row.get("url")).contains(":" + server.port() + "/").doesNotContain(TestServer.PASSWORD);
            if (via != ConnectionSource.Via.HIKARI) {
                assertThat((String) row.get("creationSite")).startsWith("dev.jdbcguard.apps.ConnectionSource.open");
            }
            // loaded with the agent present, the driver's connection class carries the agent's state itself
            Class<?> tracked = Class.forName("dev.jdbcguard.bootstrap.Tracked", false, null);
            assertThat(c.unwrap(Connection.class)).isInstanceOf(tracked);

            Thread worker = new Thread(() -> {
                try {
                    Sql.longValue(c, "SELECT SLEEP(1.5)");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "owner-probe-" + driver);
            worker.start();
            await().atMost(Duration.ofSeconds(2)).until(() ->
                    AgentView.single(id).map(r -> r.get("ownerThread")).orElse("").equals("owner-probe-" + driver));
            worker.join();
            CompositeData after = AgentView.single(id).orElseThrow();
            assertThat(after.get("ownerThread")).isEqualTo("");
            assertThat(after.get("lastThread")).isEqualTo("owner-probe-" + driver);

            Thread.sleep(1_200);
            long idle = (Long) AgentView.single(id).orElseThrow().get("idleMillis");
            assertThat(idle).isBetween(1_100L, 5_000L);
            Sql.longValue(c, "SELECT 1");
            assertThat((Long) AgentView.single(id).orElseThrow().get("idleMillis")).isLessThan(500L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void poolProxiesAreNotCountedOnlyThePhysicalConnections(String driver) throws Exception {
        int before = AgentView.connections().size();
        try (HikariDataSource pool = ConnectionSource.hikari(server.url(driver), TestServer.USER, TestServer.PASSWORD, 3)) {
            List<Connection> borrowed = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Connection c = pool.getConnection();
                borrowed.add(c);
                ids.add(Sql.serverThread(c));
            }
            assertThat(AgentView.connections()).hasSize(before + 3);
            for (long id : ids) {
                assertThat(AgentView.byServerThread(id)).hasSize(1);
            }
            for (Connection c : borrowed) {
                c.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> AgentView.connections().size() == before);
    }
}
