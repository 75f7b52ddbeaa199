package dev.jdbcguard.diagnose;

import dev.jdbcguard.core.ServerFacts;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Names the cause of a lost connection from the driver's error and what the agent recorded, with
 * the figures that prove it. When the evidence is not enough it says "unknown" and what it saw:
 * a wrong cause costs the user more than none.
 */
public final class Diagnoser {

    private static final int TOO_MANY_CONNECTIONS = 1040;
    private static final int CONNECTION_KILLED = 1927;
    private static final int INACTIVITY = 4031;
    private static final int PACKET_TOO_LARGE = 1153;
    private static final long CONCURRENT_WINDOW_MILLIS = 5_000;

    private Diagnoser() {
    }

    public static String explain(Throwable thrown, Evidence e) {
        String text = messages(thrown);
        if (hasCode(thrown, TOO_MANY_CONNECTIONS) || text.contains("too many connections")) {
            return "too many connections: the server refused a new session (error 1040; max_connections "
                    + figure(e.facts.maxConnections) + ")";
        }
        boolean overLimit = e.statementLength > 0 && e.facts.maxAllowedPacket > 0
                && e.statementLength > e.facts.maxAllowedPacket;
        if (overLimit || hasCode(thrown, PACKET_TOO_LARGE) || text.contains("max_allowed_packet") || text.contains("packet for query is too large")
                || hasClass(thrown, "PacketTooBigException")) {
            return "packet larger than max_allowed_packet: statement " + size(e.statementLength) + " > max_allowed_packet "
                    + size(e.facts.maxAllowedPacket);
        }
        if (e.concurrentAgoMillis >= 0 && e.concurrentAgoMillis < CONCURRENT_WINDOW_MILLIS) {
            return "used concurrently by two threads: " + e.concurrentThreads + " were inside it at once "
                    + seconds(e.concurrentAgoMillis) + " before the failure";
        }
        if (e.closedAgoMillis >= 0) {
            return "used after close(): the connection was closed " + seconds(e.closedAgoMillis) + " earlier by "
                    + e.closedBy;
        }
        if (has(thrown, SocketTimeoutException.class) || text.contains("read timed out")) {
            return "socket read timeout on the client: no answer within the network timeout "
                    + (e.networkTimeoutMillis > 0 ? e.networkTimeoutMillis + " ms" : "(socketTimeout)")
                    + "; the server may still be running the statement";
        }
        if (e.killedBy != null) {
            return "killed by another session: KILL " + e.serverThreadId + " was run " + seconds(e.killedAgoMillis)
                    + " before, by " + e.killedBy;
        }
        if (hasCode(thrown, CONNECTION_KILLED) || text.contains("connection was killed")) {
            return "killed by another session: the server says session " + e.serverThreadId
                    + " was killed (KILL " + e.serverThreadId + ", error 1927)";
        }
        long wait = e.waitTimeoutSeconds > 0 ? e.waitTimeoutSeconds : e.facts.waitTimeoutSeconds;
        if (hasCode(thrown, INACTIVITY) || (wait > 0 && e.idleNanos > wait * 1_000_000_000L)) {
            return "idle past wait_timeout: idle " + seconds(e.idleNanos / 1_000_000) + " > wait_timeout " + wait + " s"
                    + " (the server closes sessions idle longer than that)";
        }
        if (e.facts.serverStartMillis > 0 && (e.latestServerStartMillis > e.facts.serverStartMillis + 2_000
                || startedAfterOpening(e.latestServerStartMillis, e.connectionAgeMillis)
                || sameServer(e.facts.serverStartMillis, e.replacedServerStartMillis))) {
            return "server restarted: another connection of this JVM found it started "
                    + seconds(System.currentTimeMillis() - e.latestServerStartMillis) + " ago, after this connection"
                    + " opened" + (e.connectionAgeMillis >= 0 ? " " + seconds(e.connectionAgeMillis) + " ago" : "");
        }
        String network = network(thrown, e);
        if (network != null) {
            return network;
        }
        return "unknown: " + seen(thrown, e, wait);
    }

    /**
     * Two start times (each from an uptime in whole seconds, read at different moments) of one
     * server: this connection talked to the server another connection found replaced.
     */
    private static boolean sameServer(long startMillis, long replacedStartMillis) {
        return replacedStartMillis > 0 && Math.abs(startMillis - replacedStartMillis) <= 1_500;
    }

    /**
     * Whether a server start time (from its uptime, in whole seconds, so up to 1 s late) is
     * certainly after the connection was opened: then the server the connection talked to is gone.
     */
    private static boolean startedAfterOpening(long serverStartMillis, long connectionAgeMillis) {
        return serverStartMillis > 0 && connectionAgeMillis >= 0
                && serverStartMillis - 1_000 > System.currentTimeMillis() - connectionAgeMillis;
    }

    /** When the same link is reconnected: compares what the new session says with the old. */
    public static String afterReconnect(ServerFacts before, ServerFacts after, long connectionAgeMillis) {
        if (before.restartedBy(after) || before.serverStartMillis > 0
                && startedAfterOpening(after.serverStartMillis, connectionAgeMillis)) {
            return "server restarted: it has been up " + seconds(System.currentTimeMillis() - after.serverStartMillis)
                    + ", the connection was opened " + seconds(connectionAgeMillis) + " ago";
        }
        return null;
    }

    private static String network(Throwable thrown, Evidence e) {
        String where = e.server == null ? "the server" : e.server;
        if (has(thrown, ConnectException.class)) {
            return "network cut or server unreachable: connection refused by " + where;
        }
        if (has(thrown, NoRouteToHostException.class) || has(thrown, UnknownHostException.class)) {
            return "network cut or server unreachable: no route to " + where;
        }
        String text = messages(thrown);
        if (text.contains("connection reset") || text.contains("broken pipe")) {
            return "network cut: the connection to " + where + " was reset (" + (text.contains("broken pipe") ? "broken pipe"
                    : "connection reset") + ")";
        }
        return null;
    }

    private static String seen(Throwable thrown, Evidence e, long wait) {
        StringBuilder seen = new StringBuilder("the link was lost");
        if (e.idleNanos >= 0) {
            seen.append(" after idle ").append(seconds(e.idleNanos / 1_000_000));
            if (wait > 0) {
                seen.append(" (below wait_timeout ").append(wait).append(" s)");
            }
        }
        SQLException sql = first(thrown);
        if (sql != null) {
            seen.append("; the driver said [").append(sql.getSQLState()).append('/').append(sql.getErrorCode()).append("] ")
                    .append(firstLine(sql.getMessage()));
        }
        return seen.append("; killed by another session, a server restart, or a firewall or NAT that dropped the link cannot be told apart here")
                .toString();
    }

    private static String messages(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null && all.length() < 10_000; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
            if (t.getCause() == t) {
                break;
            }
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean hasCode(Throwable thrown, int code) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException && ((SQLException) t).getErrorCode() == code) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable thrown, Class<?> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasClass(Throwable thrown, String simpleName) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    private static SQLException first(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return (SQLException) t;
            }
        }
        return null;
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "(size unknown)";
        }
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0) : bytes + " bytes";
    }

    private static String figure(long value) {
        return value < 0 ? "unknown" : String.valueOf(value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
