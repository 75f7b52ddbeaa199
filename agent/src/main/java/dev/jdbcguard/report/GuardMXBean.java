package dev.jdbcguard.report;

import java.util.List;
import java.util.Map;

/**
 * Read-only view of the agent for JMX tools: {@code dev.jdbcguard:type=Guard}. Every counter of
 * {@link #getCounters()} is also an attribute of its own (its key with a capital first letter),
 * which is what scrapers read; the map and the connection table stay for people and old tools.
 */
public interface GuardMXBean {

    String getOptions();

    Map<String, Long> getCounters();

    List<ConnectionView> getConnections();

    /** Connection id to the full stack where it was opened (its pool's creation for pooled ones). */
    Map<String, String> getCreationStacks();

    /** Entries in the agent's registry, open or closed but not yet garbage-collected. */
    int getTrackedEntries();

    /** Open physical connections, as in the table. */
    int getOpenConnections();

    /** Open connections with no thread inside and no transaction open. */
    int getIdleConnections();

    /** Open connections with a thread inside a call, or a transaction open. */
    int getUsedConnections();

    long getConnectionsOpened();

    long getConnectionsAdopted();

    long getLeaked();

    long getHeldTooLong();

    long getPings();

    long getHeals();

    long getHealFailures();

    long getRefusedInTransaction();

    long getRetries();

    long getUnknownOutcomes();

    long getConcurrentUse();

    long getCrossThreadTransactions();

    long getForeignThreadUse();
}
