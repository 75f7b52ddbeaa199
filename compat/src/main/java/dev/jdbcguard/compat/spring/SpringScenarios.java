package dev.jdbcguard.compat.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.compat.Jdbc;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The core scenarios through Spring's JdbcTemplate and DataSourceTransactionManager (the
 * programmatic form of {@code @Transactional}) over HikariCP. Two pools: "short", whose sessions
 * have wait_timeout=2 (HikariCP's connectionInitSql), for the idle and transaction scenarios, and
 * "plain" for the kill and thread scenarios.
 * <p>Usage: {@code SpringScenarios <url> <user> <password> <scenario,...>} (idle, kill, tx, threads, held).
 */
public final class SpringScenarios {

    private static final String INSERT = "INSERT INTO " + Jdbc.TABLE + " (run, step) VALUES (?, ?)";

    private final Jdbc jdbc;
    private final HikariDataSource shortPool;
    private final HikariDataSource plainPool;

    private SpringScenarios(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.shortPool = pool(jdbc, "short", "SET SESSION wait_timeout = 2");
        this.plainPool = pool(jdbc, "plain", null);
    }

    private static HikariDataSource pool(Jdbc jdbc, String name, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbc.url());
        config.setUsername(jdbc.user());
        config.setPassword(jdbc.password());
        config.setMaximumPoolSize(4);
        config.setPoolName(name);
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        return new HikariDataSource(config);
    }

    public static void main(String[] args) throws Exception {
        Jdbc jdbc = new Jdbc(args[0], args[1], args[2]);
        jdbc.createTable();
        SpringScenarios s = new SpringScenarios(jdbc);
        try {
            for (String name : List.of("idle", "kill", "tx", "threads", "held")) {
                if (List.of(args[3].split(",")).contains(name)) {
                    s.run(name);
                }
            }
        } finally {
            s.shortPool.close();
            s.plainPool.close();
        }
        System.out.println("scenarios done");
    }

    private void run(String name) {
        try {
            switch (name) {
                case "idle": idle(); break;
                case "kill": kill(); break;
                case "tx": tx(); break;
                case "threads": threads(); break;
                case "held": held(); break;
                default: throw new IllegalArgumentException(name);
            }
        } catch (Throwable t) {
            Jdbc.report(name, false, "scenario broke: " + Jdbc.describe(t));
        }
    }

    /** (a) A transaction that waits 3 s (a slow remote call) before its first statement. */
    private void idle() throws Exception {
        String run = UUID.randomUUID().toString();
        JdbcTemplate template = new JdbcTemplate(shortPool);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(shortPool));
        try {
            tx.executeWithoutResult(status -> {
                System.out.println("idle: transaction begun; idling 3 s before its first statement (wait_timeout 2 s)");
                Jdbc.sleep(3_000);
                template.update(INSERT, run, "idle");
            });
        } catch (RuntimeException e) {
            Jdbc.report("idle", false, failure(e));
            return;
        }
        long rows = jdbc.rows(run);
        Jdbc.report("idle", rows == 1, "transaction committed after the idle; rows: " + rows);
    }

    /** (b) The same, but every session of the user is KILLed from a second connection meanwhile. */
    private void kill() throws Exception {
        String run = UUID.randomUUID().toString();
        JdbcTemplate template = new JdbcTemplate(plainPool);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(plainPool));
        try {
            tx.executeWithoutResult(status -> {
                try {
                    System.out.println("kill: transaction begun; killed " + jdbc.killAllOthers() + " session(s); idling 3 s");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                Jdbc.sleep(3_000);
                template.update(INSERT, run, "kill");
            });
        } catch (RuntimeException e) {
            Jdbc.report("kill", false, failure(e));
            return;
        }
        long rows = jdbc.rows(run);
        Jdbc.report("kill", rows == 1, "transaction committed after the kill; rows: " + rows);
    }

    /** What the program sees; when the rollback failed too, Spring throws that and keeps the statement's own error. */
    private static String failure(RuntimeException e) {
        if (e instanceof TransactionSystemException && ((TransactionSystemException) e).getApplicationException() != null) {
            return Jdbc.describe(((TransactionSystemException) e).getApplicationException())
                    + "; then the rollback failed too: " + Jdbc.describe(e);
        }
        return Jdbc.describe(e);
    }

    /** (c) INSERT, idle past wait_timeout, INSERT, in one transaction: it must fail whole. */
    private void tx() throws Exception {
        String run = UUID.randomUUID().toString();
        JdbcTemplate template = new JdbcTemplate(shortPool);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(shortPool));
        RuntimeException failure = null;
        try {
            tx.executeWithoutResult(status -> {
                template.update(INSERT, run, "first");
                System.out.println("tx: first INSERT done in a transaction; idling 3 s (wait_timeout 2 s)");
                Jdbc.sleep(3_000);
                template.update(INSERT, run, "second");
            });
        } catch (RuntimeException e) {
            failure = e;
        }
        long committed = jdbc.rows(run);
        String again;
        try {
            tx.executeWithoutResult(status -> template.update(INSERT, run, "again"));
            again = "the transaction run again committed (" + jdbc.rows(run) + " row)";
        } catch (RuntimeException e) {
            again = "running the transaction again failed: " + Jdbc.describe(e);
        }
        boolean ok = failure != null && Jdbc.isGuardRollback(failure) && committed == 0
                && again.startsWith("the transaction run again committed (1 row");
        Jdbc.report("tx", ok, "the transaction got " + (failure == null ? "no error"
                : failure.getClass().getName() + " caused by " + Jdbc.describe(failure))
                + "; rows committed: " + committed + "; " + again);
    }

    /** (d) One borrowed connection handed to two threads (a JdbcTemplate each) at once. */
    private void threads() {
        String[] outcome = new String[2];
        new JdbcTemplate(plainPool).execute((ConnectionCallback<Void>) con -> {
            JdbcTemplate shared = new JdbcTemplate(new SingleConnectionDataSource(con, true));
            shared.queryForObject("SELECT 1", Integer.class);
            CountDownLatch aInside = new CountDownLatch(1);
            Thread a = new Thread(() -> {
                try {
                    aInside.countDown();
                    shared.queryForObject("SELECT SLEEP(2)", Integer.class);
                    outcome[0] = "A done";
                } catch (RuntimeException e) {
                    outcome[0] = "A got " + Jdbc.describe(e);
                }
            }, "compat-A");
            a.start();
            try {
                aInside.await();
                Thread.sleep(300);
                Thread b = new Thread(() -> {
                    try {
                        shared.queryForObject("SELECT 1", Integer.class);
                        outcome[1] = "B done";
                    } catch (RuntimeException e) {
                        outcome[1] = "B got " + Jdbc.describe(e);
                    }
                }, "compat-B");
                b.start();
                b.join();
                a.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        Jdbc.report("threads", "A done".equals(outcome[0]) && "B done".equals(outcome[1]),
                "threads compat-A and compat-B used one connection at once: " + outcome[0] + ", " + outcome[1]);
    }

    /** (e) A connection taken with DataSourceUtils and never released (run with heldTooLong=1s). */
    private void held() throws Exception {
        borrowAndDrop();
        System.gc();
        Jdbc.sleep(2_000);
        Jdbc.report("held", true, "1 connection taken with DataSourceUtils.getConnection() and never released; waited 2 s");
    }

    private void borrowAndDrop() {
        Connection c = DataSourceUtils.getConnection(plainPool);
        new JdbcTemplate(new SingleConnectionDataSource(c, true)).queryForObject("SELECT 1", Integer.class);
    }
}
