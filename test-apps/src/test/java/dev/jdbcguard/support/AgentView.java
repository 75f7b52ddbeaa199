package dev.jdbcguard.support;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/** What the agent running in this test JVM (surefire's -javaagent) reports, read through JMX. */
public final class AgentView {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private AgentView() {
    }

    private static ObjectName name() {
        try {
            ObjectName name = new ObjectName("dev.jdbcguard:type=Guard");
            await().atMost(Duration.ofSeconds(10)).until(() -> SERVER.isRegistered(name));
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("the agent's MBean is not there: is the test JVM running with -javaagent?", e);
        }
    }

    public static List<CompositeData> connections() {
        try {
            List<CompositeData> rows = new ArrayList<>();
            for (CompositeData row : (CompositeData[]) SERVER.getAttribute(name(), "Connections")) {
                rows.add(row);
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows whose server thread id is {@code id}: exactly one when the connection is tracked once. */
    public static List<CompositeData> byServerThread(long id) {
        List<CompositeData> rows = new ArrayList<>();
        for (CompositeData row : connections()) {
            if ((Long) row.get("serverThreadId") == id) {
                rows.add(row);
            }
        }
        return rows;
    }

    public static Optional<CompositeData> single(long serverThreadId) {
        List<CompositeData> rows = byServerThread(serverThreadId);
        return rows.size() == 1 ? Optional.of(rows.get(0)) : Optional.empty();
    }

    public static Map<String, Long> counters() {
        try {
            TabularData table = (TabularData) SERVER.getAttribute(name(), "Counters");
            Map<String, Long> values = new TreeMap<>();
            for (Object row : table.values()) {
                CompositeData entry = (CompositeData) row;
                values.put((String) entry.get("key"), (Long) entry.get("value"));
            }
            return values;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static long counter(String name) {
        return counters().getOrDefault(name, 0L);
    }
}
