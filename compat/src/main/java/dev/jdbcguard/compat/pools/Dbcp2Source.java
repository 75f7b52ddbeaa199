package dev.jdbcguard.compat.pools;

import dev.jdbcguard.compat.Jdbc;
import dev.jdbcguard.compat.Source;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.commons.dbcp2.BasicDataSource;

/** Apache Commons DBCP2's BasicDataSource with its defaults (test on borrow). */
public final class Dbcp2Source implements Source {

    private final BasicDataSource pool = new BasicDataSource();

    public Dbcp2Source(Jdbc jdbc) {
        pool.setUrl(jdbc.url());
        pool.setUsername(jdbc.user());
        pool.setPassword(jdbc.password());
        pool.setMaxTotal(6);
    }

    @Override
    public Connection get() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public String poolName() {
        return "DBCP2";
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (SQLException e) {
            System.out.println("dbcp2 close: " + e);
        }
    }
}
