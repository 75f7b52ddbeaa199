package dev.jdbcguard.report;

import dev.jdbcguard.core.ConnectionInfo;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.Servers;
import dev.jdbcguard.core.StateView;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The agent's beans in the platform MBean server, shaped for scrapers, which turn an MBean's name
 * keys into labels: the Guard bean, one {@link CountMXBean} per event and cause (a fixed set), and
 * one {@link ConnectionCountsMXBean} per pool and per server seen. Those appear when any of these
 * beans is read (at most once a second), never on a JDBC call; they stay, at zero, when their
 * connections are gone, so that a series does not come and go; at most {@value #MAX_KEYS} of each.
 */
final class Beans implements Consumer<MBeanServer> {

    static final String UNPOOLED = "none";
    private static final int MAX_KEYS = 100;
    private static final long REFRESH_NANOS = 1_000_000_000L;
    /** One scrape reads every gauge: they share one pass over the registry. */
    private static final long TALLY_NANOS = 200_000_000L;

    private final StateView state;
    private final GuardMXBean guard;
    private volatile MBeanServer server;
    private final Set<String> pools = ConcurrentHashMap.newKeySet();
    private final Set<String> servers = ConcurrentHashMap.newKeySet();
    private volatile long refreshedAt;
    private volatile Tally tally;

    Beans(StateView state, GuardMXBean guard) {
        this.state = state;
        this.guard = guard;
    }

    /** The platform server exists (called inside its creation, or right after): the fixed set goes in. */
    @Override
    public synchronized void accept(MBeanServer platform) {
        if (server != null) {
            return;
        }
        server = platform;
        register(guard, name("type=Guard"));
        for (Map.Entry<String, Map<String, Long>> event : state.countsByCause().entrySet()) {
            for (String cause : event.getValue().keySet()) {
                register(new Count(event.getKey(), cause), name("type=Events,event=", event.getKey(), ",cause=", cause));
            }
        }
        refreshedAt = System.nanoTime() - REFRESH_NANOS;
        refresh();
    }

    /** Registers the gauges of pools and servers that got connections since the last look. */
    void refresh() {
        long now = System.nanoTime();
        if (server == null || now - refreshedAt < REFRESH_NANOS) {
            return;
        }
        refreshedAt = now;
        Tally counts = tally();
        for (String pool : counts.pools.keySet()) {
            if (pools.size() < MAX_KEYS && pools.add(pool)) {
                register(new ConnectionCounts(true, pool), name("type=Pool,name=", pool));
            }
        }
        for (String hostPort : counts.servers.keySet()) {
            if (servers.size() < MAX_KEYS && servers.add(hostPort)) {
                register(new ConnectionCounts(false, hostPort), serverName(hostPort));
            }
        }
    }

    /** Idle and used connections by pool, by server and in all, from one pass over the registry. */
    Tally tally() {
        Tally known = tally;
        long now = System.nanoTime();
        if (known != null && now - known.atNanos < TALLY_NANOS) {
            return known;
        }
        Tally fresh = new Tally(now);
        for (ConnectionInfo c : state.connections()) {
            int slot = c.ownerThread() != null || c.transactionStatements() > 0 ? 1 : 0;
            fresh.pools.computeIfAbsent(c.pool() == null ? UNPOOLED : c.pool(), k -> new int[2])[slot]++;
            fresh.servers.computeIfAbsent(Servers.hostPort(c.url()), k -> new int[2])[slot]++;
            fresh.all[slot]++;
        }
        tally = fresh;
        return fresh;
    }

    private void register(Object bean, ObjectName name) {
        MBeanServer target = server;
        try {
            if (name != null && !target.isRegistered(name)) {
                target.registerMBean(bean, name);
            }
        } catch (Exception | LinkageError e) {
            Log.debug("JMX bean " + name + " not registered: " + e);
        }
    }

    /** {@code type=Server,host=db1,port=3306} for "db1:3306" (credentials never reach a host:port). */
    static ObjectName serverName(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon > 0 && hostPort.substring(colon + 1).matches("\\d+");
        return name("type=Server,host=", hasPort ? hostPort.substring(0, colon) : hostPort, ",port=",
                hasPort ? hostPort.substring(colon + 1) : "unknown");
    }

    /** "dev.jdbcguard:" and the alternating key text and values, each value quoted only where JMX needs it. */
    static ObjectName name(String... parts) {
        StringBuilder text = new StringBuilder("dev.jdbcguard:");
        for (int i = 0; i < parts.length; i++) {
            text.append(i % 2 == 0 ? parts[i] : value(parts[i]));
        }
        try {
            return new ObjectName(text.toString());
        } catch (Exception e) {
            Log.debug("no JMX name for " + text + ": " + e);
            return null;
        }
    }

    /** Quoted values keep their quotes in scrapers' labels: quote only what must be. */
    static String value(String raw) {
        String s = raw.isEmpty() ? "unknown" : raw;
        for (char c : s.toCharArray()) {
            if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n' || c == '\\') {
                return ObjectName.quote(s);
            }
        }
        return s;
    }

    /** [idle, used] by pool and by server. */
    static final class Tally {
        final long atNanos;
        final Map<String, int[]> pools = new TreeMap<>();
        final Map<String, int[]> servers = new TreeMap<>();
        final int[] all = new int[2];

        Tally(long atNanos) {
            this.atNanos = atNanos;
        }
    }

    private final class Count implements CountMXBean {
        private final String event;
        private final String cause;

        Count(String event, String cause) {
            this.event = event;
            this.cause = cause;
        }

        @Override
        public long getCount() {
            refresh();
            Long value = state.countsByCause().get(event).get(cause);
            return value == null ? 0 : value;
        }
    }

    private final class ConnectionCounts implements ConnectionCountsMXBean {
        private final boolean byPool;
        private final String key;

        ConnectionCounts(boolean byPool, String key) {
            this.byPool = byPool;
            this.key = key;
        }

        private int slot(int slot) {
            refresh();
            int[] counts = (byPool ? tally().pools : tally().servers).get(key);
            return counts == null ? 0 : slot < 2 ? counts[slot] : counts[0] + counts[1];
        }

        @Override
        public int getIdleConnections() {
            return slot(0);
        }

        @Override
        public int getUsedConnections() {
            return slot(1);
        }

        @Override
        public int getOpenConnections() {
            return slot(2);
        }
    }
}
