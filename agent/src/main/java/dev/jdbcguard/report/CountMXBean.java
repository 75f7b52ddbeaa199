package dev.jdbcguard.report;

/**
 * One event of the agent by one cause: {@code dev.jdbcguard:type=Events,event=heals,cause=killed}.
 * A bean per cause, because scrapers turn the name's keys into labels.
 */
public interface CountMXBean {

    /** Since the agent started. */
    long getCount();
}
