package dev.jdbcguard.compat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The core scenarios on a raw driver or a pool, in java.sql only; the pool is chosen by name and
 * loaded by reflection ({@link Source#create}). Each scenario prints "&lt;name&gt;: OK ..." or
 * "&lt;name&gt;: FAILED ...". The timed ones (idle, kill, tx) run at once on their own threads and
 * connections; then threads, leak and held.
 * <p>Usage: {@code Scenarios <source> <url> <user> <password> <scenario,...>} with source one of
 * driver, hikari, dbcp2, c3p0, tomcat and scenarios among idle, kill, tx, threads, leak, held.
 */
public final class Scenarios {

    private final Jdbc jdbc;
    private final Source source;

    private Scenarios(Jdbc jdbc, Source source) {
        this.jdbc = jdbc;
        this.source = source;
    }

    public static void main(String[] args) throws Exception {
        Jdbc jdbc = new Jdbc(args[1], args[2], args[3]);
        List<String> wanted = List.of(args[4].split(","));
        jdbc.createTable();
        try (Source source = Source.create(args[0], jdbc)) {
            Scenarios s = new Scenarios(jdbc, source);
            List<Thread> timed = new ArrayList<>();
            for (String name : List.of("idle", "kill", "tx")) {
                if (wanted.contains(name)) {
                    Thread t = new Thread(() -> s.run(name), "scenario-" + name);
                    t.start();
                    timed.add(t);
                }
            }
            for (Thread t : timed) {
                t.join();
            }
            for (String name : List.of("threads", "leak", "held")) {
                if (wanted.contains(name)) {
                    s.run(name);
                }
            }
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
                case "leak": leak(); break;
                case "held": held(); break;
                default: throw new IllegalArgumentException(name);
            }
        } catch (Throwable t) {
            Jdbc.report(name, false, "scenario broke: " + Jdbc.describe(t));
        }
    }

    /** (a) SET SESSION wait_timeout=2, idle 3 s, the same Statement again. */
    private void idle() throws SQLException {
        try (Connection c = source.get(); Statement s = c.createStatement()) {
            s.execute("SET SESSION wait_timeout = 2");
            long before = Jdbc.serverThread(s);
            System.out.println("idle: idling 3 s on server thread " + before + " (wait_timeout 2 s)");
            Jdbc.sleep(3_000);
            long after;
            try {
                after = Jdbc.serverThread(s);
            } catch (SQLException e) {
                Jdbc.report("idle", false, Jdbc.describe(e));
                return;
            }
            s.execute("SET SESSION wait_timeout = 28800");
            Jdbc.report("idle", after != before, "same Statement used again: server thread " + before + " -> " + after);
        }
    }

    /** (b) KILL from a second connection, idle 3 s (at least 2.5 s), the same Statement again. */
    private void kill() throws SQLException {
        try (Connection c = source.get(); Statement s = c.createStatement()) {
            long before = Jdbc.serverThread(s);
            jdbc.kill(before);
            System.out.println("kill: killed server thread " + before + "; idling 3 s");
            Jdbc.sleep(3_000);
            long after;
            try {
                after = Jdbc.serverThread(s);
            } catch (SQLException e) {
                Jdbc.report("kill", false, Jdbc.describe(e));
                return;
            }
            Jdbc.report("kill", after != before, "same Statement used again: server thread " + before + " -> " + after);
        }
    }

    /** (c) INSERT in a transaction, idle past wait_timeout, a second INSERT: a clear error, nothing committed. */
    private void tx() throws SQLException {
        String run = UUID.randomUUID().toString();
        try (Connection c = source.get()) {
            Jdbc.execute(c, "SET SESSION wait_timeout = 2");
            c.setAutoCommit(false);
            Jdbc.insert(c, run, "first");
            System.out.println("tx: first INSERT done in a transaction; idling 3 s (wait_timeout 2 s)");
            Jdbc.sleep(3_000);
            Throwable second = null;
            try {
                Jdbc.insert(c, run, "second");
                c.commit();
            } catch (SQLException e) {
                second = e;
            }
            String rollback = "rollback() ok";
            try {
                c.rollback();
            } catch (SQLException e) {
                rollback = "rollback() failed: " + Jdbc.describe(e);
            }
            long committed = jdbc.rows(run);
            String again;
            try {
                Jdbc.insert(c, run, "again");
                c.commit();
                c.setAutoCommit(true);
                Jdbc.execute(c, "SET SESSION wait_timeout = 28800");
                again = "the connection works again (" + jdbc.rows(run) + " row after a new transaction)";
            } catch (SQLException e) {
                again = "the connection is unusable after rollback(): " + Jdbc.describe(e);
            }
            boolean ok = second != null && Jdbc.isGuardRollback(second) && committed == 0
                    && again.startsWith("the connection works again (1 row");
            Jdbc.report("tx", ok, "second INSERT got " + (second == null ? "no error" : Jdbc.describe(second))
                    + "; " + rollback + "; rows committed: " + committed + "; " + again);
        }
    }

    /** (d) Thread compat-B runs a statement while thread compat-A is inside SELECT SLEEP(2) on the same connection. */
    private void threads() throws Exception {
        try (Connection c = source.get()) {
            Jdbc.execute(c, "SELECT 1"); // used on main first
            CountDownLatch aInside = new CountDownLatch(1);
            String[] outcome = new String[2];
            Thread a = new Thread(() -> {
                try (Statement s = c.createStatement()) {
                    aInside.countDown();
                    s.executeQuery("SELECT SLEEP(2)").close();
                    outcome[0] = "A done";
                } catch (SQLException e) {
                    outcome[0] = "A got " + Jdbc.describe(e);
                }
            }, "compat-A");
            a.start();
            aInside.await();
            Thread.sleep(300);
            Thread b = new Thread(() -> {
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                    outcome[1] = "B done";
                } catch (SQLException e) {
                    outcome[1] = "B got " + Jdbc.describe(e);
                }
            }, "compat-B");
            b.start();
            b.join();
            a.join();
            Jdbc.report("threads", "A done".equals(outcome[0]) && "B done".equals(outcome[1]),
                    "threads compat-A and compat-B used one connection at once: " + outcome[0] + ", " + outcome[1]);
        }
    }

    /** (e) Five connections of the driver dropped without close(), then System.gc(). */
    private void leak() throws SQLException {
        leakFive();
        for (int i = 0; i < 8; i++) {
            System.gc();
            Jdbc.sleep(150);
        }
        Jdbc.report("leak", true, "5 connections dropped without close(); System.gc() 8 times in 1.2 s");
    }

    private void leakFive() throws SQLException {
        List<Connection> dropped = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Connection c = java.sql.DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
            c.isValid(1);
            dropped.add(c);
        }
        dropped.clear();
    }

    /** (e) for a pool: a connection borrowed and never given back (run with heldTooLong=1s). */
    private void held() throws SQLException {
        borrowAndDrop();
        System.gc();
        Jdbc.sleep(2_000);
        Jdbc.report("held", true, "1 connection borrowed from " + source.poolName() + " and never returned; waited 2 s");
    }

    private void borrowAndDrop() throws SQLException {
        Connection c = source.get();
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }
}
