package dev.jdbcguard.core;

import dev.jdbcguard.driver.DriverSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The server limits a diagnosis compares against, read once per physical connection when it is
 * opened: two small queries, so no later failure has to guess. The first also gives the session's
 * id, which the drivers tell only through reflection on their connection class (tens of
 * milliseconds of start-up the first time, for Connector/J's).
 */
public final class ServerFacts {

    public static final ServerFacts UNKNOWN = new ServerFacts(-1, -1, -1, -1, -1, -1);

    /** The server's id of this session ({@code CONNECTION_ID()}, what {@code KILL} takes); -1 when unknown. */
    public final long sessionId;

    public final long waitTimeoutSeconds;
    public final long interactiveTimeoutSeconds;
    public final long maxAllowedPacket;
    public final long maxConnections;
    /** When the server started, from its uptime; -1 when unknown. */
    public final long serverStartMillis;

    private ServerFacts(long sessionId, long waitTimeout, long interactiveTimeout, long maxAllowedPacket, long maxConnections,
                        long serverStartMillis) {
        this.sessionId = sessionId;
        this.waitTimeoutSeconds = waitTimeout;
        this.interactiveTimeoutSeconds = interactiveTimeout;
        this.maxAllowedPacket = maxAllowedPacket;
        this.maxConnections = maxConnections;
        this.serverStartMillis = serverStartMillis;
    }

    /** Reads the facts on the connection itself; UNKNOWN when the server does not answer. */
    public static ServerFacts read(Connection connection) {
        try (Statement s = connection.createStatement()) {
            long session;
            long wait;
            long interactive;
            long packet;
            long connections;
            try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID(), @@session.wait_timeout,"
                    + " @@session.interactive_timeout, @@global.max_allowed_packet, @@global.max_connections")) {
                rs.next();
                session = rs.getLong(1);
                wait = rs.getLong(2);
                interactive = rs.getLong(3);
                packet = rs.getLong(4);
                connections = rs.getLong(5);
            }
            long start = -1;
            try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Uptime'")) {
                if (rs.next()) {
                    start = System.currentTimeMillis() - rs.getLong(2) * 1000;
                }
            }
            return new ServerFacts(session, wait, interactive, packet, connections, start);
        } catch (Exception | LinkageError e) {
            return UNKNOWN;
        }
    }

    /** The session's id, asked of the driver when the query could not tell it. */
    public long sessionIdOr(Connection connection) {
        return sessionId >= 0 ? sessionId : DriverSupport.of(connection.getClass()).serverThreadId(connection);
    }

    /**
     * True when {@code later} comes from a server that started after this one was seen. Uptime is
     * in whole seconds, so start times within 2 s of each other say nothing by themselves; a
     * session id lower than the old one does (a server numbers its sessions upwards from 1 at each
     * start), when the start time did not go backwards.
     */
    public boolean restartedBy(ServerFacts later) {
        if (serverStartMillis <= 0 || later.serverStartMillis <= 0) {
            return false;
        }
        return later.serverStartMillis > serverStartMillis + 2_000
                || later.sessionId >= 0 && later.sessionId < sessionId && later.serverStartMillis >= serverStartMillis - 1_000;
    }
}
