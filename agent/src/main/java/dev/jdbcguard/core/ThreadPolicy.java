package dev.jdbcguard.core;

/** What the agent does when a connection is shared between threads: the {@code threads} option. */
public enum ThreadPolicy {
    /** Log a report (with both stacks) and let the call go ahead. */
    WARN,
    /** Report, and throw to the offending thread before its call reaches the server. */
    FAIL,
    /** Count nothing, report nothing. */
    OFF;

    static ThreadPolicy parse(String text) {
        for (ThreadPolicy p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        return null;
    }
}
