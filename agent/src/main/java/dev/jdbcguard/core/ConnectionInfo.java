package dev.jdbcguard.core;

/**
 * One tracked connection as reports show it: read-only, and current at the moment of each call.
 * What the core hands out to the JMX bean and the status command, instead of the
 * {@link TrackedConnection} the hooks work on.
 */
public interface ConnectionInfo {

    /** The agent's number for it: "#3" in log lines. */
    long id();

    /** The JDBC URL with its secrets masked. */
    String url();

    /** "Connector/J", "MariaDB Connector/J", or the driver's class for any other. */
    String driver();

    String openedBy();

    long openedAtMillis();

    /** Where it was opened, or where its pool was created. */
    CreationSite site();

    /** The server's id of its session; -1 when unknown. */
    long serverThreadId();

    /** 0 while a thread is inside it. */
    long idleNanos(long nowNanos);

    /** The thread inside the connection now, or null when idle. */
    String ownerThread();

    String lastThreadName();

    boolean isClosed();

    /** Autocommit as the program last set it. */
    boolean autoCommit();

    /** Statements run in the open transaction; 0 when none is open. */
    int transactionStatements();

    /** The pool that opened it ("HikariCP #2"), or null. */
    String pool();

    /** How often it was reconnected in place. */
    long heals();

    /** "#3 (server thread 42)" as log lines name a connection. */
    String label();
}
