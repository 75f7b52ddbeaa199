package dev.jdbcguard.apps;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker that keeps one connection per driver and idles between jobs while the server restarts
 * under it. Each job is one autocommit INSERT, issued while the server is down (the worker watches
 * the server's port with a plain socket, never through JDBC), so a heal has to wait for the server
 * to come back. The test restarts the server after each job and counts the rows.
 *
 * <p>Usage: {@code RestartWorker <host> <port> <user> <password> mysql=<url> mariadb=<url>
 * [cycles=11] [idleMillis=2500]}. For each driver: job 0 with the server up, jobs 1..cycles each
 * issued while the server is down, then job cycles+1 once it listens again. Prints one line per
 * job: "{driver} job {n}: done in {ms} ms (server thread {id})" or
 * "{driver} job {n}: FAILED after {ms} ms [{SQLState}] {class}: {message}". Exit 0 when no job failed.
 */
public final class RestartWorker {

    private static final long SETTLE_MILLIS = 1_000;

    private RestartWorker() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args, 4);
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int cycles = a.getInt("cycles", 11);
        long idleMillis = a.getInt("idleMillis", 2_500);
        String worker = "restart-" + ProcessHandle.current().pid();
        List<Thread> threads = new ArrayList<>();
        boolean[] failed = new boolean[1];
        for (String driver : new String[] {"mysql", "mariadb"}) {
            String url = a.get(driver, null);
            if (url == null) {
                continue;
            }
            Connection c = DriverManager.getConnection(url, args[2], args[3]);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS restart_jobs (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                        + " worker VARCHAR(64) NOT NULL, driver VARCHAR(16) NOT NULL, job INT NOT NULL)");
            }
            Thread t = new Thread(() -> {
                if (!work(c, driver, worker, host, port, cycles, idleMillis)) {
                    synchronized (failed) {
                        failed[0] = true;
                    }
                }
            }, "worker-" + driver);
            threads.add(t);
        }
        System.out.println("worker " + worker + " with " + threads.size() + " connection(s)");
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.exit(failed[0] ? 1 : 0);
    }

    private static boolean work(Connection c, String driver, String worker, String host, int port, int cycles,
                                long idleMillis) {
        boolean ok = true;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO restart_jobs (worker, driver, job) VALUES (?, ?, ?)")) {
            long last = System.nanoTime();
            for (int job = 0; job <= cycles + 1; job++) {
                if (job > 0 && job <= cycles) {
                    await(host, port, false);
                    Thread.sleep(SETTLE_MILLIS); // the server process has exited, not just closed its port
                } else if (job > cycles) {
                    await(host, port, true);
                }
                long idleLeft = idleMillis - (System.nanoTime() - last) / 1_000_000;
                if (idleLeft > 0) {
                    Thread.sleep(idleLeft);
                }
                long start = System.nanoTime();
                try {
                    insert.setString(1, worker);
                    insert.setString(2, driver);
                    insert.setInt(3, job);
                    insert.executeUpdate();
                    long took = (System.nanoTime() - start) / 1_000_000;
                    say(driver + " job " + job + ": done in " + took + " ms (server thread "
                            + IdleWorker.serverThread(c) + ")");
                } catch (SQLException e) {
                    ok = false;
                    long took = (System.nanoTime() - start) / 1_000_000;
                    say(driver + " job " + job + ": FAILED after " + took + " ms [" + e.getSQLState() + "] "
                            + e.getClass().getName() + ": " + String.valueOf(e.getMessage()).split("\n")[0]);
                }
                last = System.nanoTime();
            }
        } catch (SQLException | InterruptedException e) {
            say(driver + " worker ended: " + e);
            return false;
        }
        return ok;
    }

    /** Waits until the port listens ({@code up}) or refuses; a plain socket, so the agent sees nothing of it. */
    private static void await(String host, int port, boolean up) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            boolean listening;
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(host, port), 200);
                listening = true;
            } catch (IOException e) {
                listening = false;
            }
            if (listening == up) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server's port did not " + (up ? "open" : "close") + " within 60 s");
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
