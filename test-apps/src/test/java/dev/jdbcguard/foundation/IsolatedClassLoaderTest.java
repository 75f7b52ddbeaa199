package dev.jdbcguard.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.support.AgentView;
import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A driver loaded by a class loader whose parent is the platform loader (as webapp and
 * OSGi-like containers do) cannot see the application class path, where the agent core lives:
 * the inlined advice must only need the bootstrap bridge.
 */
class IsolatedClassLoaderTest {

    private final TestServer server = TestServers.shared();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"com.mysql.cj.jdbc.Driver,mysql", "org.mariadb.jdbc.Driver,mariadb"})
    void driverInAnIsolatedLoaderIsStillTracked(String driverClass, String driver) throws Exception {
        URL jar = Class.forName(driverClass).getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(driverClass, true, isolated);
            assertThat(type.getClassLoader()).isSameAs(isolated);
            Driver d = (Driver) type.getDeclaredConstructor().newInstance();
            try (Connection c = Sql.connect(d, server.url(driver))) {
                assertThat(c.getClass().getClassLoader()).isSameAs(isolated);
                long id = Sql.serverThread(c);
                assertThat(AgentView.byServerThread(id)).hasSize(1);
                assertThat(AgentView.single(id).orElseThrow().get("lastThread"))
                        .isEqualTo(Thread.currentThread().getName());
            }
        }
    }
}
