package dev.jdbcguard.bench;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Proves, inside a benchmark JVM, that the variant it claims is the one running: with
 * jdbc-guard, its JMX bean lists exactly the connections the benchmark opened; without it, the
 * bean is absent. The variant comes from {@code -Dbench.variant} (none, jdbc-guard, otel).
 */
public final class AgentCheck {

    public static final String BEAN = "dev.jdbcguard:type=Guard";

    private AgentCheck() {
    }

    public static String variant() {
        return System.getProperty("bench.variant", "none");
    }

    /** Throws unless jdbc-guard's presence matches the variant and it tracks {@code expected} connections. */
    public static void verify(int expected) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(BEAN);
        boolean guard = variant().equals("jdbc-guard");
        if (!guard) {
            if (server.isRegistered(name)) {
                throw new IllegalStateException("variant " + variant() + " but the jdbc-guard bean is registered");
            }
            System.out.println("[check] " + variant() + ": no jdbc-guard bean, as expected");
            return;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!server.isRegistered(name)) { // the agent registers it on a background thread
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("jdbc-guard variant but no " + BEAN + " bean after 10 s");
            }
            Thread.sleep(20);
        }
        CompositeData[] rows = (CompositeData[]) server.getAttribute(name, "Connections");
        StringBuilder text = new StringBuilder();
        for (CompositeData row : rows) {
            text.append("\n[check]   #").append(row.get("id")).append(' ').append(row.get("driver")).append(' ')
                    .append(row.get("url")).append(" opened at ").append(row.get("creationSite"));
        }
        System.out.println("[check] jdbc-guard tracks " + rows.length + " connection(s)" + text);
        if (rows.length != expected) {
            throw new IllegalStateException("jdbc-guard tracks " + rows.length + " connections, expected " + expected);
        }
    }
}
