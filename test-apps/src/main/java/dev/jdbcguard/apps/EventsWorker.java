package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * One of each fact the agent reports, in order, for the events tests: a heal (its session killed,
 * then idle past validateAfter), a transaction lost under a statement and the refusals that follow
 * until rollback(), a connection dropped without close(), and one connection used by two threads at
 * once, an autocommit write whose reply was lost, and a session that cannot be healed (it held a
 * named lock). Prints the server threads the tests compare the events with. Run with the agent and
 * {@code validateAfter=1s,maxConnections=2,pressureWarnAt=100%,heldTooLong=2s} (the second open
 * connection is the pressure warning; the first is held too long). Usage: {@code EventsWorker <jdbc-url> <user> <password>}.
 */
public final class EventsWorker {

    /** Refused, so never run; its secret must reach no event (the agent masks SQL as it masks log lines). */
    public static final String REFUSED_SQL = "INSERT INTO events_run (step) VALUES ('password="
            + dev.jdbcguard.testdb.TestServer.PASSWORD + "')";

    private EventsWorker() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("jdk.jfr module: " + (ModuleLayer.boot().findModule("jdk.jfr").isPresent() ? "present" : "absent"));
        Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
        Connection killer = DriverManager.getConnection(args[0], args[1], args[2]);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS events_run (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " step VARCHAR(32) NOT NULL)");
        }
        heal(c, killer);
        loseTransaction(c, killer);
        leakOne(args);
        clash(c);
        unknownOutcome(c, killer);
        notHealed(args, killer);
        killer.close();
        c.close();
        System.out.println("events worker done");
    }

    /** Killed, then idle past validateAfter: the next statement is preceded by a ping and a heal. */
    private static void heal(Connection c, Connection killer) throws Exception {
        long before = IdleWorker.serverThread(c);
        kill(killer, before);
        Thread.sleep(1_300);
        long after = IdleWorker.serverThread(c);
        System.out.println("heal: server thread " + before + " -> " + after);
    }

    /**
     * Killed inside a transaction, used at once: the statement fails on the lost link (a diagnosed
     * loss and a lost transaction); the next one is refused; rollback() ends it and heals.
     */
    private static void loseTransaction(Connection c, Connection killer) throws Exception {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO events_run (step) VALUES ('begun')");
            long lost = IdleWorker.serverThread(c);
            kill(killer, lost);
            Thread.sleep(300); // the server ends the session; well inside validateAfter, so no ping first
            System.out.println("transaction: lost on server thread " + lost);
            try {
                s.executeUpdate("INSERT INTO events_run (step) VALUES ('lost')");
                System.out.println("transaction: the statement after the kill succeeded (unexpected)");
            } catch (SQLException e) {
                System.out.println("transaction: lost, got SQLState " + e.getSQLState());
            }
            try {
                s.executeUpdate(REFUSED_SQL);
                System.out.println("transaction: the refused statement ran (unexpected)");
            } catch (SQLException e) {
                System.out.println("transaction: refused, got SQLState " + e.getSQLState());
            }
            c.rollback();
        }
        c.setAutoCommit(true);
        System.out.println("transaction: rolled back, now on server thread " + IdleWorker.serverThread(c));
    }

    /** Dropped without close(); collected and reported by the agent's watcher within a second or so. */
    private static void leakOne(String[] args) throws Exception {
        Connection dropped = DriverManager.getConnection(args[0], args[1], args[2]);
        System.out.println("leak: dropped server thread " + IdleWorker.serverThread(dropped));
        dropped = null;
        for (int i = 0; i < 15; i++) {
            System.gc();
            Thread.sleep(200);
        }
    }

    /** clash-B runs a statement while clash-A is inside SELECT SLEEP(1) on the same connection. */
    private static void clash(Connection c) throws Exception {
        CountDownLatch aInside = new CountDownLatch(1);
        Thread a = new Thread(() -> {
            try (Statement s = c.createStatement()) {
                aInside.countDown();
                s.executeQuery("SELECT SLEEP(1)").close();
            } catch (SQLException e) {
                System.out.println("clash-A failed: " + e.getMessage());
            }
        }, "clash-A");
        a.start();
        aInside.await();
        Thread.sleep(300);
        Thread b = new Thread(() -> {
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1").close();
            } catch (SQLException e) {
                System.out.println("clash-B failed: " + e.getMessage());
            }
        }, "clash-B");
        b.start();
        b.join();
        a.join();
        System.out.println("clash: done on server thread " + IdleWorker.serverThread(c));
    }

    /** Killed, then an autocommit write at once: sent, and the reply lost, so nobody knows whether it ran. */
    private static void unknownOutcome(Connection c, Connection killer) throws Exception {
        long lost = IdleWorker.serverThread(c);
        kill(killer, lost);
        Thread.sleep(300);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO events_run (step) VALUES ('unknown')");
            System.out.println("unknown outcome: the write after the kill succeeded (unexpected)");
        } catch (SQLException e) {
            System.out.println("unknown outcome: lost on server thread " + lost + ", got SQLState " + e.getSQLState());
        }
    }

    /** A session holding a named lock, killed: a new session would not hold it, so it is not reconnected. */
    private static void notHealed(String[] args, Connection killer) throws Exception {
        try (Connection locked = DriverManager.getConnection(args[0], args[1], args[2]);
             Statement s = locked.createStatement()) {
            s.executeQuery("SELECT GET_LOCK('events-worker', 0)").close();
            long lost = IdleWorker.serverThread(locked);
            kill(killer, lost);
            Thread.sleep(1_300);
            try {
                s.executeQuery("SELECT 1").close();
                System.out.println("not healed: the query after the kill succeeded (unexpected)");
            } catch (SQLException e) {
                System.out.println("not healed: server thread " + lost + ", got SQLState " + e.getSQLState());
            }
        }
    }

    private static void kill(Connection killer, long serverThread) throws SQLException {
        try (Statement s = killer.createStatement()) {
            s.execute("KILL " + serverThread);
        }
    }
}
