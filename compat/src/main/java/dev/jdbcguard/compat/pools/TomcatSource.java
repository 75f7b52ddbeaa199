package dev.jdbcguard.compat.pools;

import dev.jdbcguard.compat.Jdbc;
import dev.jdbcguard.compat.Source;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;

/** Tomcat JDBC pool with its defaults (no test on borrow). */
public final class TomcatSource implements Source {

    private final DataSource pool;

    public TomcatSource(Jdbc jdbc) {
        PoolProperties p = new PoolProperties();
        p.setUrl(jdbc.url());
        p.setUsername(jdbc.user());
        p.setPassword(jdbc.password());
        p.setMaxActive(6);
        pool = new DataSource(p);
    }

    @Override
    public Connection get() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public String poolName() {
        return "Tomcat JDBC";
    }

    @Override
    public void close() {
        pool.close();
    }
}
