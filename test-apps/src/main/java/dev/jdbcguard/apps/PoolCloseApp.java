package dev.jdbcguard.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A pool full of idle connections that is shut down: attach the agent while it idles, kill its
 * sessions on the server, and read how long the shutdown took. Prints
 * {@code pool pid <pid> sessions <id>,<id>,...}, waits for the file {@code <go>} to exist, closes
 * the pool, prints {@code closed in <ms> ms} and lives one more second.
 * Usage: {@code PoolCloseApp <hikari|dbcp2|c3p0> <url> <user> <password> <size> <go-file>}.
 */
public final class PoolCloseApp {

    private PoolCloseApp() {
    }

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[4]);
        DataSource pool = open(args[0], args[1], args[2], args[3], size);
        List<Connection> all = new ArrayList<>();
        List<Long> sessions = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Connection c = pool.getConnection(); // borrowed together: the pool holds `size` sessions
            all.add(c);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                sessions.add(rs.getLong(1));
            }
        }
        for (Connection c : all) {
            c.close();
        }
        StringBuilder ids = new StringBuilder();
        for (Long id : sessions) {
            ids.append(ids.length() == 0 ? "" : ",").append(id);
        }
        System.out.println("pool pid " + ProcessHandle.current().pid() + " sessions " + ids);
        long deadline = System.currentTimeMillis() + 90_000;
        while (!Files.exists(Paths.get(args[5])) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        long start = System.nanoTime();
        if (pool instanceof com.mchange.v2.c3p0.PooledDataSource) {
            ((com.mchange.v2.c3p0.PooledDataSource) pool).close();
        } else {
            ((AutoCloseable) pool).close();
        }
        System.out.printf(java.util.Locale.ROOT, "closed in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        Thread.sleep(1_000); // pools that close on helper threads finish, and what they do is counted
    }

    private static DataSource open(String kind, String url, String user, String password, int size) throws Exception {
        switch (kind) {
            case "hikari": {
                HikariConfig config = new HikariConfig(); // HikariCP's defaults otherwise
                config.setJdbcUrl(url);
                config.setUsername(user);
                config.setPassword(password);
                config.setMaximumPoolSize(size);
                config.setMinimumIdle(size);
                return new HikariDataSource(config);
            }
            case "dbcp2": {
                org.apache.commons.dbcp2.BasicDataSource ds = new org.apache.commons.dbcp2.BasicDataSource();
                ds.setUrl(url);
                ds.setUsername(user);
                ds.setPassword(password);
                ds.setMaxTotal(size);
                ds.setMaxIdle(size);
                ds.setMinIdle(size);
                return ds;
            }
            case "c3p0": {
                com.mchange.v2.c3p0.ComboPooledDataSource ds = new com.mchange.v2.c3p0.ComboPooledDataSource();
                ds.setJdbcUrl(url);
                ds.setUser(user);
                ds.setPassword(password);
                ds.setMaxPoolSize(size);
                ds.setMinPoolSize(size);
                ds.setInitialPoolSize(size);
                return ds;
            }
            default:
                throw new IllegalArgumentException("pool " + kind);
        }
    }
}
