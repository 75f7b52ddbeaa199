package dev.jdbcguard.core;

import dev.jdbcguard.bootstrap.Tracked;
import dev.jdbcguard.driver.DriverSupport;
import dev.jdbcguard.mask.UrlMask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every physical connection in the JVM, weakly keyed by the driver's connection object. Pool
 * proxies never get here: only the places where drivers build physical connections register.
 * A connection whose class gained the {@link Tracked} field also holds its entry itself, which is
 * what the hot path reads; the map stays the list of all of them, and tells when one is collected.
 */
public final class ConnectionRegistry {

    private final WeakIdentityMap<TrackedConnection> connections = new WeakIdentityMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** "host:port#session" -> who ran KILL on it and when, for the diagnosis of the killed one. */
    private final java.util.Map<String, Kill> kills = new java.util.concurrent.ConcurrentHashMap<>();
    /** "host:port" -> the start time of a server a heal found replaced by a restart. */
    private final java.util.Map<String, Long> replacedStarts = new java.util.concurrent.ConcurrentHashMap<>();

    public static final class Kill {
        public final String by;
        public final long atMillis;

        Kill(String by, long atMillis) {
            this.by = by;
            this.atMillis = atMillis;
        }
    }

    void killed(String server, long session, String by) {
        if (kills.size() > 10_000) {
            kills.clear(); // evidence, not state: bounded
        }
        kills.put(server + "#" + session, new Kill(by, System.currentTimeMillis()));
    }

    public Kill killOf(String server, long session) {
        return kills.get(server + "#" + session);
    }

    TrackedConnection register(Object connection, String url, CreationSite site) {
        TrackedConnection existing = connections.get(connection);
        if (existing != null) {
            return existing;
        }
        DriverSupport driver = DriverSupport.of(connection.getClass());
        TrackedConnection fresh = new TrackedConnection(ids.incrementAndGet(), UrlMask.mask(url), driver,
                site, System.nanoTime());
        TrackedConnection registered = connections.putIfAbsent(connection, fresh);
        if (connection instanceof Tracked) {
            ((Tracked) connection).jdbcGuard$track(registered);
        }
        return registered;
    }

    /** On every JDBC call: the connection's own field where its class has one, else the map. */
    public TrackedConnection find(Object connection) {
        if (connection instanceof Tracked) {
            Object known = ((Tracked) connection).jdbcGuard$tracked();
            if (known != null) {
                return (TrackedConnection) known;
            }
        }
        return connections.get(connection);
    }

    /** Open connections, oldest first. */
    public List<TrackedConnection> live() {
        List<TrackedConnection> live = new ArrayList<>();
        for (TrackedConnection t : connections.values()) {
            if (!t.closed) {
                live.add(t);
            }
        }
        live.sort(Comparator.comparingLong(TrackedConnection::id));
        return live;
    }

    /** Entries whose connection was garbage-collected, waiting up to {@code millis} for the first. */
    public List<TrackedConnection> awaitCollected(long millis) throws InterruptedException {
        return connections.awaitCollected(millis);
    }

    /** Server limits as the newest live connection to {@code server} read them. */
    public ServerFacts factsFor(String server) {
        ServerFacts found = ServerFacts.UNKNOWN;
        for (TrackedConnection t : live()) {
            if (server.equals(Servers.hostPort(t.url)) && t.facts.maxConnections > 0) {
                found = t.facts;
            }
        }
        return found;
    }

    /** A heal found that the server {@code oldStartMillis} (as a connection saw it) was replaced by a restart. */
    public void serverReplaced(String server, long oldStartMillis) {
        if (server != null && oldStartMillis > 0) {
            replacedStarts.put(server, oldStartMillis);
        }
    }

    /** The start time of the last server a heal found replaced at {@code server}, or -1. */
    public long replacedStart(String server) {
        Long start = server == null ? null : replacedStarts.get(server);
        return start == null ? -1 : start;
    }

    /** The latest server start a live connection to {@code server} saw, or -1. */
    public long latestServerStart(String server) {
        long latest = -1;
        for (TrackedConnection t : live()) {
            if (server != null && server.equals(Servers.hostPort(t.url))) {
                latest = Math.max(latest, t.facts.serverStartMillis);
            }
        }
        return latest;
    }

    /**
     * "N connections open to host:port (M% of max_connections K); top creation sites: site ×n, ..."
     * — who holds the connections, grouped by where they were opened.
     */
    public String pressureSummary(String server) {
        return pressureSummary(server, factsFor(server).maxConnections);
    }

    public String pressureSummary(String server, long max) {
        java.util.Map<String, Integer> bySite = new java.util.HashMap<>();
        int open = 0;
        for (TrackedConnection t : live()) {
            if (server.equals(Servers.hostPort(t.url))) {
                open++;
                bySite.merge(t.origin(), 1, Integer::sum);
            }
        }
        List<java.util.Map.Entry<String, Integer>> sites = new ArrayList<>(bySite.entrySet());
        sites.sort((a, b) -> b.getValue() - a.getValue());
        StringBuilder text = new StringBuilder().append(open).append(" connection(s) open to ").append(server)
                .append(" from this JVM");
        if (max > 0) {
            text.append(" (").append(open * 100 / max).append("% of max_connections ").append(max).append(')');
        }
        text.append("; top creation sites: ");
        for (int i = 0; i < Math.min(5, sites.size()); i++) {
            text.append(i == 0 ? "" : ", ").append(sites.get(i).getKey()).append(" x").append(sites.get(i).getValue());
        }
        if (sites.isEmpty()) {
            text.append("none");
        }
        return text.toString();
    }

    /** Open connections to {@code server} from this JVM. */
    public int openTo(String server) {
        int open = 0;
        for (TrackedConnection t : connections.values()) {
            if (!t.closed && server.equals(Servers.hostPort(t.url))) {
                open++;
            }
        }
        return open;
    }

    public int size() {
        return connections.size();
    }
}
