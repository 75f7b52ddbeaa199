package dev.jdbcguard.compat.hibernate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.compat.Jdbc;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The core scenarios through JPA (Hibernate ORM as the provider, its SessionFactory used as the
 * EntityManagerFactory) over HikariCP. Two pools, as in the Spring scenarios: "short" (sessions
 * with wait_timeout=2) for idle and tx, "plain" for kill and threads.
 * <p>Usage: {@code HibernateScenarios <url> <user> <password> <scenario,...> [dialect]} (idle, kill, tx,
 * threads, held); the dialect defaults to MariaDBDialect (Hibernate's MySQL dialect cannot read a
 * MariaDB server's metadata through Connector/J).
 */
public final class HibernateScenarios {

    private final Jdbc jdbc;
    private final HikariDataSource shortPool;
    private final HikariDataSource plainPool;
    private final EntityManagerFactory shortEmf;
    private final EntityManagerFactory plainEmf;

    private HibernateScenarios(Jdbc jdbc, String dialect) {
        this.jdbc = jdbc;
        this.shortPool = pool(jdbc, "short", "SET SESSION wait_timeout = 2");
        this.plainPool = pool(jdbc, "plain", null);
        this.shortEmf = emf(shortPool, dialect);
        this.plainEmf = emf(plainPool, dialect);
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

    private static EntityManagerFactory emf(HikariDataSource pool, String dialect) {
        Configuration configuration = new Configuration().addAnnotatedClass(CompatRow.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
        configuration.setProperty(AvailableSettings.DIALECT, dialect);
        return configuration.buildSessionFactory();
    }

    public static void main(String[] args) throws Exception {
        Jdbc jdbc = new Jdbc(args[0], args[1], args[2]);
        jdbc.createTable();
        HibernateScenarios s = new HibernateScenarios(jdbc,
                args.length > 4 ? args[4] : "org.hibernate.dialect.MariaDBDialect");
        try {
            for (String name : List.of("idle", "kill", "tx", "threads", "held")) {
                if (List.of(args[3].split(",")).contains(name)) {
                    s.run(name);
                }
            }
        } finally {
            s.shortEmf.close();
            s.plainEmf.close();
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

    /** (a) A transaction that waits 3 s before its first statement. */
    private void idle() throws Exception {
        String run = UUID.randomUUID().toString();
        EntityManager em = shortEmf.createEntityManager();
        try {
            em.getTransaction().begin();
            System.out.println("idle: transaction begun; idling 3 s before its first statement (wait_timeout 2 s)");
            Jdbc.sleep(3_000);
            em.persist(new CompatRow(run, "idle"));
            em.getTransaction().commit();
        } catch (RuntimeException e) {
            Jdbc.report("idle", false, Jdbc.describe(e));
            return;
        } finally {
            close(em);
        }
        long rows = jdbc.rows(run);
        Jdbc.report("idle", rows == 1, "transaction committed after the idle; rows: " + rows);
    }

    /** (b) The same, but every session of the user is KILLed from a second connection meanwhile. */
    private void kill() throws Exception {
        String run = UUID.randomUUID().toString();
        EntityManager em = plainEmf.createEntityManager();
        try {
            em.getTransaction().begin();
            System.out.println("kill: transaction begun; killed " + jdbc.killAllOthers() + " session(s); idling 3 s");
            Jdbc.sleep(3_000);
            em.persist(new CompatRow(run, "kill"));
            em.getTransaction().commit();
        } catch (RuntimeException e) {
            Jdbc.report("kill", false, Jdbc.describe(e));
            return;
        } finally {
            close(em);
        }
        long rows = jdbc.rows(run);
        Jdbc.report("kill", rows == 1, "transaction committed after the kill; rows: " + rows);
    }

    /** (c) persist (an INSERT at once: IDENTITY ids), idle past wait_timeout, persist, commit: it must fail whole. */
    private void tx() throws Exception {
        String run = UUID.randomUUID().toString();
        RuntimeException failure = null;
        EntityManager em = shortEmf.createEntityManager();
        try {
            em.getTransaction().begin();
            em.persist(new CompatRow(run, "first"));
            em.flush();
            System.out.println("tx: first INSERT done in a transaction; idling 3 s (wait_timeout 2 s)");
            Jdbc.sleep(3_000);
            em.persist(new CompatRow(run, "second"));
            em.getTransaction().commit();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            close(em);
        }
        long committed = jdbc.rows(run);
        String again;
        EntityManager retry = shortEmf.createEntityManager();
        try {
            retry.getTransaction().begin();
            retry.persist(new CompatRow(run, "again"));
            retry.getTransaction().commit();
            again = "the transaction run again committed (" + jdbc.rows(run) + " row)";
        } catch (RuntimeException e) {
            again = "running the transaction again failed: " + Jdbc.describe(e);
        } finally {
            close(retry);
        }
        boolean ok = failure != null && Jdbc.isGuardRollback(failure) && committed == 0
                && again.startsWith("the transaction run again committed (1 row");
        Jdbc.report("tx", ok, "the transaction got " + (failure == null ? "no error"
                : failure.getClass().getName() + " caused by " + Jdbc.describe(failure))
                + "; rows committed: " + committed + "; " + again);
    }

    /** (d) One EntityManager (one connection, in a transaction) used by two threads at once. */
    private void threads() throws Exception {
        String[] outcome = new String[2];
        EntityManager em = plainEmf.createEntityManager();
        try {
            em.getTransaction().begin();
            em.createNativeQuery("SELECT 1").getSingleResult();
            CountDownLatch aInside = new CountDownLatch(1);
            Thread a = new Thread(() -> {
                try {
                    aInside.countDown();
                    em.createNativeQuery("SELECT SLEEP(2)").getSingleResult();
                    outcome[0] = "A done";
                } catch (RuntimeException e) {
                    outcome[0] = "A got " + Jdbc.describe(e);
                }
            }, "compat-A");
            a.start();
            aInside.await();
            Thread.sleep(300);
            Thread b = new Thread(() -> {
                try {
                    em.createNativeQuery("SELECT 1").getSingleResult();
                    outcome[1] = "B done";
                } catch (RuntimeException e) {
                    outcome[1] = "B got " + Jdbc.describe(e);
                }
            }, "compat-B");
            b.start();
            b.join();
            a.join();
            em.getTransaction().rollback();
        } finally {
            close(em);
        }
        Jdbc.report("threads", "A done".equals(outcome[0]) && "B done".equals(outcome[1]),
                "threads compat-A and compat-B used one EntityManager at once: " + outcome[0] + ", " + outcome[1]);
    }

    /** (e) An EntityManager whose transaction is begun and never ended (run with heldTooLong=1s). */
    private void held() throws Exception {
        beginAndDrop();
        System.gc();
        Jdbc.sleep(2_000);
        Jdbc.report("held", true, "1 EntityManager left in a transaction, never closed; waited 2 s");
    }

    private void beginAndDrop() {
        EntityManager em = plainEmf.createEntityManager();
        em.getTransaction().begin();
        em.createNativeQuery("SELECT 1").getSingleResult();
    }

    private static void close(EntityManager em) {
        try {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
        } catch (RuntimeException e) {
            System.out.println("rollback on close failed: " + Jdbc.describe(e));
        }
        em.close();
    }
}
