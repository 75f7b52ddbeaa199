package dev.jdbcguard.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The three ways the reproducers get a connection: DriverManager, the driver's DataSource, HikariCP. */
public final class ConnectionSource {

    public enum Via { DRIVER_MANAGER, DATASOURCE, HIKARI }

    private ConnectionSource() {
    }

    public static Via via(String name) {
        return Via.valueOf(name.toUpperCase().replace('-', '_'));
    }

    public static Connection open(Via via, String url, String user, String password) throws SQLException {
        switch (via) {
            case DRIVER_MANAGER:
                return DriverManager.getConnection(url, user, password);
            case DATASOURCE:
                return driverDataSource(url, user, password).getConnection();
            case HIKARI:
                return hikari(url, user, password, 2).getConnection();
            default:
                throw new AssertionError(via);
        }
    }

    /** The driver's own DataSource class, which does not go through {@code Driver.connect(String, ...)}. */
    public static DataSource driverDataSource(String url, String user, String password) throws SQLException {
        if (url.startsWith("jdbc:mysql:")) {
            com.mysql.cj.jdbc.MysqlDataSource ds = new com.mysql.cj.jdbc.MysqlDataSource();
            ds.setURL(url);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }
        org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    /** A pool with maxLifetime far above wait_timeout: the misconfiguration users really have. */
    public static HikariDataSource hikari(String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setMaxLifetime(30 * 60_000L);
        config.setPoolName("worker-pool");
        return new HikariDataSource(config);
    }
}
