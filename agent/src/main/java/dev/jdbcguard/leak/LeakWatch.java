package dev.jdbcguard.leak;

import dev.jdbcguard.core.ConnectionRegistry;
import dev.jdbcguard.core.Counters;
import dev.jdbcguard.core.Events;
import dev.jdbcguard.core.LeakChecks;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.Options;
import dev.jdbcguard.core.Servers;
import dev.jdbcguard.core.TrackedConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leaks without thresholds to guess: a connection the garbage collector took while it was still
 * open was dropped without {@code close()}. Reported once, grouped by where such connections were
 * opened. Also warns when this JVM holds a large share of a server's max_connections.
 */
public final class LeakWatch implements LeakChecks, Runnable {

    private final ConnectionRegistry registry;
    private final Counters counters;
    private final int warnAtPercent;
    private final int maxConnectionsOption;
    private final Set<String> warnedServers = ConcurrentHashMap.newKeySet();
    private final Checkouts checkouts;

    public LeakWatch(ConnectionRegistry registry, Counters counters, Options options) {
        this.registry = registry;
        this.checkouts = new Checkouts(options.heldTooLongMillis(), registry, counters);
        this.counters = counters;
        this.warnAtPercent = options.pressureWarnAtPercent();
        this.maxConnectionsOption = options.maxConnections();
    }

    public void start() {
        Thread thread = new Thread(this, "jdbc-guard-leaks");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        while (true) {
            try {
                report(registry.awaitCollected(1_000));
                checkouts.scan();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | LinkageError e) {
                Log.debug("leak watch: " + e); // never let the watcher die of one bad entry
            }
        }
    }

    private void report(List<TrackedConnection> collected) {
        Map<String, StringBuilder> bySite = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TrackedConnection t : collected) {
            if (t.closed) {
                continue;
            }
            counters.leaks.increment();
            Events.flight().leaked(t);
            String site = (t.pool != null ? "by " : "at ") + t.origin();
            bySite.computeIfAbsent(site, k -> new StringBuilder()).append(counts.containsKey(site) ? ", #" : "#").append(t.id);
            counts.merge(site, 1, Integer::sum);
        }
        for (Map.Entry<String, StringBuilder> e : bySite.entrySet()) {
            Log.warn(counts.get(e.getKey()) + " connection(s) garbage-collected without close() (leaked), opened "
                    + e.getKey() + " [" + e.getValue() + "]: close connections in try-with-resources or finally, or"
                    + " borrow them from one shared pool; the driver's socket is closed by the JVM's cleaner");
        }
    }

    @Override
    public void checkedOut(Object proxy) {
        checkouts.checkedOut(proxy);
    }

    @Override
    public void checkedIn(Object proxy) {
        checkouts.checkedIn(proxy);
    }

    /** A pooled connection is reported when it comes back to its pool; one without, when it is closed. */
    @Override
    public void closed(TrackedConnection t) {
        if (t.pool == null) {
            checkouts.closedUnpooled(t);
        }
    }

    /** After each new connection: warn once when this JVM passes the share of max_connections. */
    @Override
    public void opened(TrackedConnection t) {
        long max = maxConnectionsOption > 0 ? maxConnectionsOption : t.facts.maxConnections;
        if (max <= 0) {
            return;
        }
        String server = Servers.hostPort(t.url);
        int open = registry.openTo(server);
        if (open * 100L >= max * warnAtPercent) {
            if (warnedServers.add(server)) {
                String summary = registry.pressureSummary(server, max);
                Log.warn("connection pressure: " + summary + " [pressureWarnAt=" + warnAtPercent + "%]");
                Events.flight().pressure(server, open, max, warnAtPercent, summary);
            }
        } else if (open * 100L < max * warnAtPercent * 8 / 10) {
            warnedServers.remove(server);
        }
    }
}
