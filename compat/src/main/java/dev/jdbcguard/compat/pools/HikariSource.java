package dev.jdbcguard.compat.pools;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.compat.Jdbc;
import dev.jdbcguard.compat.Source;
import java.sql.Connection;
import java.sql.SQLException;

/** HikariCP with its defaults but a small size. */
public final class HikariSource implements Source {

    private final HikariDataSource pool;

    public HikariSource(Jdbc jdbc) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbc.url());
        config.setUsername(jdbc.user());
        config.setPassword(jdbc.password());
        config.setMaximumPoolSize(6);
        config.setPoolName("compat");
        pool = new HikariDataSource(config);
    }

    @Override
    public Connection get() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public String poolName() {
        return "HikariCP";
    }

    @Override
    public void close() {
        pool.close();
    }
}
