package dev.jdbcguard.report;

import dev.jdbcguard.bootstrap.JmxBuilder;
import dev.jdbcguard.core.ConnectionInfo;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.StateView;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/** The JMX face of the agent. Attributes only: nothing a JMX client can change. */
public final class GuardBean implements GuardMXBean {

    public static final String NAME = "dev.jdbcguard:type=Guard";
    private static final String BUILDER_PROPERTY = "javax.management.builder.initial";

    private final StateView state;
    private final String options;

    public GuardBean(StateView state, String options) {
        this.state = state;
        this.options = options;
    }

    /**
     * At start-up the bean is only offered: it is registered when somebody creates the platform
     * MBean server (see {@link JmxBuilder}). Returns false when that cannot be arranged (the
     * program chose its own builder) and {@link #register} must be called.
     */
    public boolean offer() {
        if (System.getProperty(BUILDER_PROPERTY) != null) {
            return false;
        }
        JmxBuilder.offer(this, NAME);
        System.setProperty(BUILDER_PROPERTY, JmxBuilder.class.getName());
        return true;
    }

    /** Creates the platform MBean server if nobody has yet: call it off the start-up path. */
    public void register() {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(NAME));
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
    public int getTrackedEntries() {
        return state.trackedEntries();
    }

    @Override
    public List<ConnectionView> getConnections() {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        List<ConnectionView> rows = new ArrayList<>();
        for (ConnectionInfo t : state.connections()) {
            rows.add(new ConnectionView(t, nowNanos, nowMillis));
        }
        return rows;
    }
}
