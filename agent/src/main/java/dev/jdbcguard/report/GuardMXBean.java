package dev.jdbcguard.report;

import java.util.List;
import java.util.Map;

/** Read-only view of the agent for JMX tools: {@code dev.jdbcguard:type=Guard}. */
public interface GuardMXBean {

    String getOptions();

    Map<String, Long> getCounters();

    List<ConnectionView> getConnections();

    /** Connection id to the full stack where it was opened (its pool's creation for pooled ones). */
    Map<String, String> getCreationStacks();

    /** Entries in the agent's registry, open or closed but not yet garbage-collected. */
    int getTrackedEntries();
}
