package dev.jdbcguard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The read-only face of the agent's state that reports are built from: the live connections as
 * {@link ConnectionInfo}, the size of the registry, and the counters. Reports never see the
 * mutable {@link TrackedConnection}s or the registry itself.
 */
public final class StateView {

    private final ConnectionRegistry registry;
    private final Counters counters;

    public StateView(ConnectionRegistry registry, Counters counters) {
        this.registry = registry;
        this.counters = counters;
    }

    /** Open connections, oldest first. */
    public List<ConnectionInfo> connections() {
        return new ArrayList<ConnectionInfo>(registry.live());
    }

    /** Entries in the registry, open or closed but not yet garbage-collected. */
    public int trackedEntries() {
        return registry.size();
    }

    /** What the agent did since it started, by counter name. */
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** One counter of {@link #counters()}; 0 for a name it does not have. */
    public long counter(String name) {
        Long value = counters.snapshot().get(name);
        return value == null ? 0 : value;
    }

    /** Heals, refusals, retries, leaks and clashes by cause (see {@link Counters#byCause()}). */
    public Map<String, Map<String, Long>> countsByCause() {
        return counters.byCause();
    }
}
