package dev.jdbcguard.diagnose;

import dev.jdbcguard.core.ServerFacts;

/** What the agent saw of one connection before it failed; -1 / null where it saw nothing. */
public final class Evidence {

    public String connection = "connection";
    public long serverThreadId = -1;
    /** host:port of the server. */
    public String server;
    /** How long the connection had been idle when the failing call began. */
    public long idleNanos = -1;
    /** The session's wait_timeout as the program set it, else as read at connect. */
    public long waitTimeoutSeconds = -1;
    public ServerFacts facts = ServerFacts.UNKNOWN;
    public long closedAgoMillis = -1;
    public String closedBy;
    /** setNetworkTimeout or the URL's socketTimeout, in milliseconds. */
    public long networkTimeoutMillis = -1;
    public long concurrentAgoMillis = -1;
    public String concurrentThreads;
    /** Who ran KILL on this session through this JVM, and how long ago. */
    public String killedBy;
    public long killedAgoMillis = -1;
    /** How long ago the connection was opened. */
    public long connectionAgeMillis = -1;
    /**
     * The latest server start any connection of this JVM to the same server saw (at its open or its
     * heal); later than {@code facts.serverStartMillis} means the server restarted since this
     * connection read its facts. The dead connection itself cannot ask.
     */
    public long latestServerStartMillis = -1;
    /** The start of a server another connection's heal found replaced by a restart, or -1. */
    public long replacedServerStartMillis = -1;
    /** Length of the failing statement's SQL text, when it was a plain Statement. */
    public long statementLength = -1;
}
