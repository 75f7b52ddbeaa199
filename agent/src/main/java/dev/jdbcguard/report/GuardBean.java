package dev.jdbcguard.report;

import dev.jdbcguard.runtime.ConnectionRegistry;
import dev.jdbcguard.runtime.Counters;
import dev.jdbcguard.runtime.TrackedConnection;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/** The JMX face of the agent. Attributes only: nothing a JMX client can change. */
public final class GuardBean implements GuardMXBean {

    public static final String NAME = "dev.jdbcguard:type=Guard";

    private final ConnectionRegistry registry;
    private final Counters counters;
    private final String options;

    public GuardBean(ConnectionRegistry registry, Counters counters, String options) {
        this.registry = registry;
        this.counters = counters;
        this.options = options;
    }

    /** Registers off the start-up path: the platform MBean server costs tens of milliseconds. */
    public void registerInBackground() {
        Thread t = new Thread(() -> {
            try {
                ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(NAME));
            } catch (Exception | LinkageError e) {
                Log.debug("JMX bean not registered: " + e);
            }
        }, "jdbc-guard-jmx");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public String getOptions() {
        return options;
    }

    @Override
    public Map<String, Long> getCounters() {
        return counters.snapshot();
    }

    @Override
    public Map<String, String> getCreationStacks() {
        Map<String, String> stacks = new java.util.TreeMap<>();
        for (TrackedConnection t : registry.live()) {
            StringBuilder text = new StringBuilder();
            for (StackTraceElement frame : t.site().stack()) {
                text.append("at ").append(frame).append('\n');
            }
            stacks.put(String.valueOf(t.id()), text.length() == 0 ? t.site().frame() : text.toString());
        }
        return stacks;
    }

    @Override
    public int getTrackedEntries() {
        return registry.size();
    }

    @Override
    public List<ConnectionView> getConnections() {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        List<ConnectionView> rows = new ArrayList<>();
        for (TrackedConnection t : registry.live()) {
            rows.add(new ConnectionView(t, nowNanos, nowMillis));
        }
        return rows;
    }
}
