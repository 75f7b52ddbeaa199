package dev.jdbcguard.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What an application does all day: borrow a connection from HikariCP, run one statement, give it
 * back, against a real MariaDB on loopback (started by Suite; its URL comes in as
 * {@code -Dbench.url}). MySQL Connector/J. One op = borrow + statement + read + return.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RealServerBench {

    static final int POOL_SIZE = 8;
    static final String PK_READ = "SELECT name, qty FROM items WHERE id = ?";

    private HikariDataSource pool;
    private int rows;

    @Setup(Level.Trial)
    public void open() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(System.getProperty("bench.url"));
        config.setUsername(System.getProperty("bench.user"));
        config.setPassword(System.getProperty("bench.password"));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setPoolName("bench");
        pool = new HikariDataSource(config);
        rows = Integer.getInteger("bench.rows", 10_000);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (pool.getHikariPoolMXBean().getTotalConnections() < POOL_SIZE && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        AgentCheck.verify(POOL_SIZE);
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Benchmark
    @Threads(1)
    public int select1Threads1() throws SQLException {
        return select1();
    }

    @Benchmark
    @Threads(8)
    public int select1Threads8() throws SQLException {
        return select1();
    }

    @Benchmark
    @Threads(1)
    public int pkReadThreads1() throws SQLException {
        return pkRead();
    }

    @Benchmark
    @Threads(8)
    public int pkReadThreads8() throws SQLException {
        return pkRead();
    }

    private int select1() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private int pkRead() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(PK_READ)) {
            ps.setInt(1, 1 + ThreadLocalRandom.current().nextInt(rows));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1).length() + rs.getInt(2);
            }
        }
    }
}
