package dev.jdbcguard.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.apps.ConnectionSource;
import dev.jdbcguard.support.AgentView;
import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connections of HikariCP, DBCP2 and c3p0 are attributed to their pool instance, and two pools
 * built by one "reload" loop show as two pools created at the same line.
 */
class PoolAttributionTest {

    private final TestServer server = TestServers.shared();

    @ParameterizedTest
    @ValueSource(strings = {"HikariCP", "DBCP2", "c3p0"})
    void twoPoolsFromOneReloadLoopAreTwoPoolsFromTheSameSite(String kind) throws Exception {
        List<DataSource> pools = new ArrayList<>();
        List<CompositeData> rows = new ArrayList<>();
        try {
            for (int reload = 0; reload < 2; reload++) {
                DataSource pool = newPool(kind);
                pools.add(pool);
                try (Connection c = pool.getConnection()) {
                    rows.add(AgentView.single(Sql.serverThread(c)).orElseThrow());
                }
            }
            String first = (String) rows.get(0).get("pool");
            String second = (String) rows.get(1).get("pool");
            assertThat(first).startsWith(kind + " #");
            assertThat(second).startsWith(kind + " #").isNotEqualTo(first);
            String site = (String) rows.get(0).get("creationSite");
            assertThat(site)
                    .startsWith(kind.equals("HikariCP") ? "dev.jdbcguard.apps.ConnectionSource.hikari("
                            : "dev.jdbcguard.leaks.PoolAttributionTest.") // DBCP2 and c3p0 start at the first borrow
                    .isEqualTo(rows.get(1).get("creationSite"));
            // the program's chain down to the test method; JUnit and surefire (the launcher here) never
            assertThat(site).contains("PoolAttributionTest.twoPoolsFromOneReloadLoopAreTwoPoolsFromTheSameSite(")
                    .doesNotContain("junit").doesNotContain("surefire").doesNotContain("Launcher")
                    .doesNotContain("com.zaxxer").doesNotContain("dbcp2").doesNotContain("mchange");
        } finally {
            for (DataSource pool : pools) {
                close(pool);
            }
        }
    }

    private DataSource newPool(String kind) {
        String url = server.mariadbUrl();
        switch (kind) {
            case "HikariCP":
                return ConnectionSource.hikari(url, TestServer.USER, TestServer.PASSWORD, 2);
            case "DBCP2":
                BasicDataSource dbcp = new BasicDataSource();
                dbcp.setUrl(url);
                dbcp.setUsername(TestServer.USER);
                dbcp.setPassword(TestServer.PASSWORD);
                return dbcp;
            default:
                ComboPooledDataSource c3p0 = new ComboPooledDataSource();
                c3p0.setJdbcUrl(url);
                c3p0.setUser(TestServer.USER);
                c3p0.setPassword(TestServer.PASSWORD);
                return c3p0;
        }
    }

    private static void close(DataSource pool) throws Exception {
        if (pool instanceof ComboPooledDataSource) {
            ((ComboPooledDataSource) pool).close();
        } else {
            ((AutoCloseable) pool).close();
        }
    }
}
