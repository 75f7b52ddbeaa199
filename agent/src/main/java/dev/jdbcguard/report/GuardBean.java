package dev.jdbcguard.report;

import dev.jdbcguard.bootstrap.JmxBuilder;
import dev.jdbcguard.core.ConnectionInfo;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.StateView;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * The JMX face of the agent. Attributes only: nothing a JMX client can change. Its beans for
 * scrapers (per cause, per pool, per server) are in {@link Beans}.
 */
public final class GuardBean implements GuardMXBean {

    public static final String NAME = "dev.jdbcguard:type=Guard";
    private static final String BUILDER_PROPERTY = "javax.management.builder.initial";

    private final StateView state;
    private final String options;
    private final Beans beans;

    public GuardBean(StateView state, String options) {
        this.state = state;
        this.options = options;
        this.beans = new Beans(state, this);
    }

    /**
     * At start-up the beans are only offered: they are registered when somebody creates the
     * platform MBean server (see {@link JmxBuilder}), or at once when another agent that ran
     * before this one (a scraper's) already created it. Returns false when that cannot be
     * arranged (the program chose its own builder) and {@link #register} must be called.
     */
    public boolean offer() {
        if (System.getProperty(BUILDER_PROPERTY) != null) {
            return false;
        }
        JmxBuilder.offer(beans);
        System.setProperty(BUILDER_PROPERTY, JmxBuilder.class.getName());
        MBeanServer built = platformServerAlreadyBuilt();
        if (built != null) {
            beans.accept(built);
        }
        return true;
    }

    /**
     * The platform server when it exists already, without creating it: the servers made so far,
     * and the one among them that holds the JVM's own beans. Loads a handful of classes at most.
     */
    private static MBeanServer platformServerAlreadyBuilt() {
        try {
            for (MBeanServer server : MBeanServerFactory.findMBeanServer(null)) {
                if (server.isRegistered(new ObjectName(ManagementFactory.RUNTIME_MXBEAN_NAME))) {
                    return server;
                }
            }
        } catch (Exception | LinkageError e) {
            Log.debug("JMX servers not listed: " + e);
        }
        return null;
    }

    /** Creates the platform MBean server if nobody has yet: call it off the start-up path. */
    public void register() {
        try {
            beans.accept(ManagementFactory.getPlatformMBeanServer());
        } catch (Exception | LinkageError e) {
            Log.debug("JMX bean not registered: " + e);
        }
    }

    @Override
    public String getOptions() {
        return options;
    }

    @Override
    public Map<String, Long> getCounters() {
        beans.refresh();
        return state.counters();
    }

    @Override
    public Map<String, String> getCreationStacks() {
        Map<String, String> stacks = new java.util.TreeMap<>();
        for (ConnectionInfo t : state.connections()) {
            StringBuilder text = new StringBuilder();
            for (StackTraceElement frame : t.site().stack()) {
                text.append("at ").append(frame).append('\n');
            }
            stacks.put(String.valueOf(t.id()), text.length() == 0 ? t.site().chain() : text.toString());
        }
        return stacks;
    }

    @Override
    public int getOpenConnections() {
        beans.refresh();
        Beans.Tally tally = beans.tally();
        return tally.all[0] + tally.all[1];
    }

    @Override
    public int getIdleConnections() {
        beans.refresh();
        return beans.tally().all[0];
    }

    @Override
    public int getUsedConnections() {
        beans.refresh();
        return beans.tally().all[1];
    }

    private long counter(String name) {
        beans.refresh();
        return state.counter(name);
    }

    @Override
    public long getConnectionsOpened() {
        return counter("connectionsOpened");
    }

    @Override
    public long getConnectionsAdopted() {
        return counter("connectionsAdopted");
    }

    @Override
    public long getLeaked() {
        return counter("leaked");
    }

    @Override
    public long getHeldTooLong() {
        return counter("heldTooLong");
    }

    @Override
    public long getPings() {
        return counter("pings");
    }

    @Override
    public long getHeals() {
        return counter("heals");
    }

    @Override
    public long getHealFailures() {
        return counter("healFailures");
    }

    @Override
    public long getRefusedInTransaction() {
        return counter("refusedInTransaction");
    }

    @Override
    public long getRetries() {
        return counter("retries");
    }

    @Override
    public long getUnknownOutcomes() {
        return counter("unknownOutcomes");
    }

    @Override
    public long getConcurrentUse() {
        return counter("concurrentUse");
    }

    @Override
    public long getCrossThreadTransactions() {
        return counter("crossThreadTransactions");
    }

    @Override
    public long getForeignThreadUse() {
        return counter("foreignThreadUse");
    }

    @Override
    public int getTrackedEntries() {
        return state.trackedEntries();
    }

    @Override
    public List<ConnectionView> getConnections() {
        beans.refresh();
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        List<ConnectionView> rows = new ArrayList<>();
        for (ConnectionInfo t : state.connections()) {
            rows.add(new ConnectionView(t, nowNanos, nowMillis));
        }
        return rows;
    }
}
