package dev.jdbcguard.heal;

import dev.jdbcguard.core.Durations;
import dev.jdbcguard.core.Events;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.Servers;
import dev.jdbcguard.core.TrackedConnection;
import dev.jdbcguard.driver.DriverSupport;
import dev.jdbcguard.mask.TextMask;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One in-place reconnect that waits for a server that is restarting: while the connect fails in a
 * way that means "not accepting connections yet" it tries again, with growing pauses, until
 * {@code reconnectTimeout} has passed since the first try. Real restarts take 5 to 60 s; without
 * the wait the program would get an error for an outage the heal could have hidden.
 *
 * <p>The wait holds the program's thread on purpose (its call waits, up to reconnectTimeout, as a
 * slow query would) but not the driver's connection lock: the pauses are outside the driver call.
 * An interrupt ends the wait at once, keeps the thread's interrupt flag, and gives the same clear
 * error, so a program shutting down is never held for the rest of the timeout.
 */
final class Reconnect {

    private static final long FIRST_PAUSE_MILLIS = 50;
    /** Short enough that a server back from a restart is used within half a second. */
    private static final long MAX_PAUSE_MILLIS = 500;
    /** The last try gets at least this long to connect and shake hands, even at the deadline. */
    private static final int MIN_TRY_MILLIS = 250;

    /** MySQL and MariaDB: "Server shutdown in progress", sent by a server that is going down. */
    private static final int SERVER_SHUTDOWN = 1053;

    private Reconnect() {
    }

    /**
     * The server did not come back within reconnectTimeout, or the wait was interrupted. SQLState
     * 08001 (the client could not establish a connection): pools evict on any 08 state. Only the
     * healer sees this class; the program gets a plain {@code SQLRecoverableException}.
     */
    static final class ServerNotBack extends SQLRecoverableException {
        private static final long serialVersionUID = 1L;

        ServerNotBack(String message, Throwable last) {
            super(message, "08001", last);
        }
    }

    /**
     * Reconnects {@code connection}; returns how many tries failed before the one that worked (0
     * when the first did). A failure that waiting cannot cure (access denied, too many connections,
     * a driver that cannot be revived) is thrown as the driver gave it, at once.
     *
     * @param wait false for one try only (bounded by {@code timeoutMillis}), its error thrown as the driver gave it
     * @param why the reason the connection is dead, for the messages
     */
    static int until(TrackedConnection t, Connection connection, DriverSupport driver, long timeoutMillis, boolean wait,
                     String why) throws SQLException {
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        long pause = FIRST_PAUSE_MILLIS;
        int failed = 0;
        while (true) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
            try {
                driver.reconnect(connection, (int) Math.max(MIN_TRY_MILLIS, Math.min(Integer.MAX_VALUE, leftMillis)));
                return failed;
            } catch (SQLException | RuntimeException e) {
                if (!wait || !notAcceptingYet(e)) {
                    throw e;
                }
                failed++;
                if (failed == 1) {
                    Log.info("connection " + t.label() + ": the server " + Servers.hostPort(t.url) + " is not accepting"
                            + " connections (" + lastError(e) + "); waiting up to reconnectTimeout "
                            + Durations.seconds(timeoutMillis * 1_000_000L) + " for it to come back, on thread "
                            + Thread.currentThread().getName());
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw notBack(t, why, "the server did not come back within reconnectTimeout "
                            + Durations.seconds(timeoutMillis * 1_000_000L), start, failed, e);
                }
                try {
                    // jitter spreads the tries of a pool's connections that all lost the same server
                    Thread.sleep(Math.min(left, pause + ThreadLocalRandom.current().nextLong(pause / 5 + 1)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw notBack(t, why, "the wait for the server to come back was interrupted (reconnectTimeout "
                            + Durations.seconds(timeoutMillis * 1_000_000L) + "); the thread's interrupt flag is kept",
                            start, failed, e);
                }
                pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            }
        }
    }

    private static ServerNotBack notBack(TrackedConnection t, String why, String what, long start, int tries,
                                         Exception last) {
        String message = "connection " + t.label() + " is dead (" + why + ") and " + what + ": waited "
                + Durations.seconds(System.nanoTime() - start) + ", " + tries + " connect attempt(s), the last failed"
                + " with: " + lastError(last);
        Log.warn(message + "; the call was not sent, and the next use tries again");
        Events.flight().healFailed(t, why, what + " (" + tries + " connect attempt(s) failed)");
        return new ServerNotBack("jdbc-guard: " + message + ". The call was not sent; the next use of this"
                + " connection tries to reconnect again.", last);
    }

    /**
     * True for errors of a server that is down or on its way up or down, which a later try may
     * not get: connection refused (nothing listens on the port), no route to the host (a machine
     * rebooting), "Server shutdown in progress", the new socket closed during the handshake (the
     * server accepted it while shutting down), and a connect or handshake that timed out (tried
     * again only while time is left, which a try bounded by the time left rarely leaves).
     *
     * <p>Not retried: "Too many connections" (1040). The server is up and answering; it is full,
     * and the usual cause is a leak or an oversized pool in this or another program, which waiting
     * does not cure, while every try would add a connect to a saturated server. The program gets
     * the error at once with the 1040 diagnosis that names who holds the connections. Nor access
     * denied, unknown database, or any other answer of a running server.
     */
    static boolean notAcceptingYet(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLException && ((SQLException) e).getErrorCode() == SERVER_SHUTDOWN) {
                return true;
            }
            if (e instanceof SQLException && ((SQLException) e).getErrorCode() > 0) {
                return false; // any other error reply: a running server said no
            }
            if (e instanceof ConnectException || e instanceof NoRouteToHostException
                    || e instanceof EOFException || e instanceof SocketTimeoutException) {
                return true;
            }
            if (e instanceof SocketException && e.getMessage() != null
                    && (e.getMessage().contains("reset") || e.getMessage().contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }

    /** The driver's first line and, when different, its root cause: "Communications link failure (Connection refused)". */
    static String lastError(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = firstLine(error.getMessage());
        String text = root == error || root.getMessage() == null || first.contains(root.getMessage()) ? first
                : first + " (" + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
        return TextMask.mask(text);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message.trim() : message.substring(0, end).trim();
    }
}
