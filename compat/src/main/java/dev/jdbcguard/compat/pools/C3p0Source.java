package dev.jdbcguard.compat.pools;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import dev.jdbcguard.compat.Jdbc;
import dev.jdbcguard.compat.Source;
import java.sql.Connection;
import java.sql.SQLException;

/** c3p0's ComboPooledDataSource with its defaults (no test on checkout). */
public final class C3p0Source implements Source {

    private final ComboPooledDataSource pool = new ComboPooledDataSource();

    public C3p0Source(Jdbc jdbc) {
        pool.setJdbcUrl(jdbc.url());
        pool.setUser(jdbc.user());
        pool.setPassword(jdbc.password());
        pool.setMaxPoolSize(6);
    }

    @Override
    public Connection get() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public String poolName() {
        return "c3p0";
    }

    @Override
    public void close() {
        pool.close();
    }
}
