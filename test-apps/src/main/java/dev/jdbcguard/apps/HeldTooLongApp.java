package dev.jdbcguard.apps;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * Borrows a connection from HikariCP, DBCP2 and c3p0 and keeps each for {@code hold} seconds,
 * and holds one connection opened without a pool as long, then gives all back.
 * Usage: {@code HeldTooLongApp <url> <user> <password> [hold=3]} (run with heldTooLong=1s).
 */
public final class HeldTooLongApp {

    private HeldTooLongApp() {
    }

    public static void main(String[] args) throws Exception {
        int hold = new Args(args, 3).getInt("hold", 3);
        HikariDataSource hikari = ConnectionSource.hikari(args[0], args[1], args[2], 2);
        BasicDataSource dbcp = new BasicDataSource();
        dbcp.setUrl(args[0]);
        dbcp.setUsername(args[1]);
        dbcp.setPassword(args[2]);
        ComboPooledDataSource c3p0 = new ComboPooledDataSource();
        c3p0.setJdbcUrl(args[0]);
        c3p0.setUser(args[1]);
        c3p0.setPassword(args[2]);
        try (Connection a = borrow(hikari); Connection b = borrow(dbcp); Connection c = borrow(c3p0);
             Connection unpooled = DriverManager.getConnection(args[0], args[1], args[2])) {
            unpooled.isValid(1);
            Thread.sleep(hold * 1000L);
        }
        Thread.sleep(500);
        hikari.close();
        dbcp.close();
        c3p0.close();
        System.out.println("all returned");
    }

    private static Connection borrow(DataSource pool) throws Exception {
        Connection c = pool.getConnection();
        c.isValid(1);
        return c;
    }
}
