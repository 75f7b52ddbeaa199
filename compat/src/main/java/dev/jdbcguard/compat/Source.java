package dev.jdbcguard.compat;

import java.sql.Connection;
import java.sql.SQLException;

/** Where a scenario gets its connection: the driver itself or one pool (each in its own class). */
public interface Source extends AutoCloseable {

    Connection get() throws SQLException;

    /** The pool's name as the agent reports it ("HikariCP", "DBCP2", ...), or null without a pool. */
    String poolName();

    @Override
    void close();

    /** By name, through reflection only, so that no pool class is linked unless this cell uses it. */
    static Source create(String kind, Jdbc jdbc) throws Exception {
        String className;
        switch (kind) {
            case "driver": className = "dev.jdbcguard.compat.DriverManagerSource"; break;
            case "hikari": className = "dev.jdbcguard.compat.pools.HikariSource"; break;
            case "dbcp2": className = "dev.jdbcguard.compat.pools.Dbcp2Source"; break;
            case "c3p0": className = "dev.jdbcguard.compat.pools.C3p0Source"; break;
            case "tomcat": className = "dev.jdbcguard.compat.pools.TomcatSource"; break;
            default: throw new IllegalArgumentException("unknown source " + kind);
        }
        return (Source) Class.forName(className).getConstructor(Jdbc.class).newInstance(jdbc);
    }
}
