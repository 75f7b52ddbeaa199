package dev.jdbcguard.report;

import java.util.List;
import java.util.Map;

/** Read-only view of the agent for JMX tools: {@code dev.jdbcguard:type=Guard}. */
public interface GuardMXBean {

    String getOptions();

    Map<String, Long> getCounters();

    List<ConnectionView> getConnections();
}
