package dev.jdbcguard.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A class loader that delegates only the platform's packages (as OSGi frameworks do) cannot see
 * the agent's bridge: its driver classes must stay unwoven and work, never fail with a
 * NoClassDefFoundError for a class the agent wove into them.
 */
class BridgeHidingLoaderTest {

    private final TestServer server = TestServers.shared();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"com.mysql.cj.jdbc.Driver,mysql", "org.mariadb.jdbc.Driver,mariadb"})
    void aDriverWhoseLoaderHidesTheBridgeRunsUnwoven(String driverClass, String driver) throws Exception {
        URL jar = Class.forName(driverClass).getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader hiding = new BridgeHidingLoader(jar)) {
            Driver d = (Driver) Class.forName(driverClass, true, hiding).getDeclaredConstructor().newInstance();
            try (Connection c = Sql.connect(d, server.url(driver));
                 Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 41 + 1")) {
                assertThat(c.getClass().getClassLoader()).isSameAs(hiding);
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(42);
                assertThat(Sql.serverThread(c)).isPositive();
            }
        }
    }

    /** Child-first for everything but java.*, and dev.jdbcguard.* is not found at all. */
    private static final class BridgeHidingLoader extends URLClassLoader {
        BridgeHidingLoader(URL jar) {
            super(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.jdbcguard.")) {
                throw new ClassNotFoundException(name + " is hidden from this loader");
            }
            return super.loadClass(name, resolve);
        }
    }
}
