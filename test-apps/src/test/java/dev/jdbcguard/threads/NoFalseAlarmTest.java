package dev.jdbcguard.threads;

import static org.assertj.core.api.Assertions.assertThat;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.apps.ConnectionSource;
import dev.jdbcguard.support.AgentView;
import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pools hand a physical connection from thread to thread legitimately: 32 threads running 2,000
 * transactions each through HikariCP (8 connections), DBCP2 and c3p0 produce no report at all.
 */
class NoFalseAlarmTest {

    private static final int THREADS = 32;
    private static final int TRANSACTIONS = 2_000;
    private static final TestServer SERVER = TestServers.shared();

    @BeforeAll
    static void table() throws Exception {
        try (Connection admin = SERVER.admin()) {
            Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + TestServer.DATABASE + ".pooled_work"
                    + " (worker INT PRIMARY KEY, n BIGINT NOT NULL)");
            for (int i = 0; i < THREADS; i++) {
                Sql.execute(admin, "INSERT IGNORE INTO " + TestServer.DATABASE + ".pooled_work VALUES (" + i + ", 0)");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HikariCP", "DBCP2", "c3p0"})
    void pooledTransactionsAcrossManyThreadsAreNeverReported(String pool) throws Exception {
        long before = reports();
        DataSource ds = open(pool);
        try {
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                int worker = w;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < TRANSACTIONS; i++) {
                        try (Connection c = ds.getConnection()) {
                            c.setAutoCommit(false);
                            try (PreparedStatement s = c.prepareStatement("UPDATE pooled_work SET n = n + 1 WHERE worker = ?")) {
                                s.setInt(1, worker);
                                s.executeUpdate();
                            }
                            c.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            threads.shutdown();
        } finally {
            close(ds);
        }
        assertThat(reports() - before).as("thread reports for %s", pool).isZero();
    }

    @Test
    void theAgentsOwnPingsAndDroppedConnectionsAreNotAnotherThread() throws Exception {
        long before = reports();
        long pings = AgentView.counter("pings");
        try (Connection c = SERVER.connect("mysql")) {
            Thread.sleep(2_300);
            Sql.longValue(c, "SELECT 1"); // pinged first: past validateAfter
        }
        for (int i = 0; i < 5; i++) {
            SERVER.connect("mysql"); // dropped without close: Connector/J's cleanup thread reclaims them
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        assertThat(AgentView.counter("pings") - pings).as("the idle connection was pinged").isPositive();
        assertThat(reports() - before).isZero();
    }

    private static long reports() {
        return AgentView.counter("concurrentUse") + AgentView.counter("crossThreadTransactions")
                + AgentView.counter("foreignThreadUse");
    }

    private static void close(DataSource ds) throws Exception {
        if (ds instanceof ComboPooledDataSource) {
            ((ComboPooledDataSource) ds).close();
        } else {
            ((AutoCloseable) ds).close();
        }
    }

    private static DataSource open(String pool) {
        String url = SERVER.mysqlUrl();
        switch (pool) {
            case "HikariCP":
                HikariDataSource hikari = ConnectionSource.hikari(url, TestServer.USER, TestServer.PASSWORD, 8);
                return hikari;
            case "DBCP2":
                BasicDataSource dbcp = new BasicDataSource();
                dbcp.setUrl(url);
                dbcp.setUsername(TestServer.USER);
                dbcp.setPassword(TestServer.PASSWORD);
                dbcp.setMaxTotal(8);
                return dbcp;
            case "c3p0":
                ComboPooledDataSource c3p0 = new ComboPooledDataSource();
                c3p0.setJdbcUrl(url);
                c3p0.setUser(TestServer.USER);
                c3p0.setPassword(TestServer.PASSWORD);
                c3p0.setMaxPoolSize(8);
                return c3p0;
            default:
                throw new IllegalArgumentException(pool);
        }
    }
}
