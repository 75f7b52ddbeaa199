package dev.jdbcguard.runtime;

import dev.jdbcguard.driver.DriverSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every physical connection in the JVM, weakly keyed by the driver's connection object. Pool
 * proxies never get here: only the places where drivers build physical connections register.
 */
public final class ConnectionRegistry {

    private final WeakIdentityMap<TrackedConnection> connections = new WeakIdentityMap<>();
    private final AtomicLong ids = new AtomicLong();

    TrackedConnection register(Object connection, String url, CreationSite site) {
        TrackedConnection existing = connections.get(connection);
        if (existing != null) {
            return existing;
        }
        DriverSupport driver = DriverSupport.of(connection.getClass());
        TrackedConnection fresh = new TrackedConnection(ids.incrementAndGet(), UrlMask.mask(url), driver.name(),
                site, System.nanoTime());
        TrackedConnection winner = connections.putIfAbsent(connection, fresh);
        if (winner == fresh) {
            fresh.serverThreadId = driver.serverThreadId((java.sql.Connection) connection);
            fresh.waitTimeoutSeconds = driver.waitTimeoutSeconds((java.sql.Connection) connection);
        }
        return winner;
    }

    public TrackedConnection find(Object connection) {
        return connections.get(connection);
    }

    /** Open connections, oldest first. */
    public List<TrackedConnection> live() {
        forgetCollected();
        List<TrackedConnection> live = new ArrayList<>();
        for (TrackedConnection t : connections.values()) {
            if (!t.closed) {
                live.add(t);
            }
        }
        live.sort(Comparator.comparingLong(TrackedConnection::id));
        return live;
    }

    /** Entries whose connection was garbage-collected. */
    List<TrackedConnection> forgetCollected() {
        return connections.drainCollected();
    }

    public int size() {
        return connections.size();
    }
}
