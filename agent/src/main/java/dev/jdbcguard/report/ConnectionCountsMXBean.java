package dev.jdbcguard.report;

/**
 * Open connections of one pool ({@code dev.jdbcguard:type=Pool,name=HikariCP #1}, {@code name=none}
 * for those opened without a pool) or to one server ({@code dev.jdbcguard:type=Server,host=db1,port=3306}),
 * counted from the agent's registry when read.
 */
public interface ConnectionCountsMXBean {

    /** No thread inside a call on it, and no transaction open. */
    int getIdleConnections();

    /** A thread inside a call on it, or a transaction open on it. */
    int getUsedConnections();

    int getOpenConnections();
}
