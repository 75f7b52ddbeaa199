package dev.jdbcguard.compat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** No pool: DriverManager, as an old daemon or a script does. */
public final class DriverManagerSource implements Source {

    private final Jdbc jdbc;

    public DriverManagerSource(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Connection get() throws SQLException {
        return DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
    }

    @Override
    public String poolName() {
        return null;
    }

    @Override
    public void close() {
    }
}
