package dev.jdbcguard.report;

import dev.jdbcguard.core.ConnectionInfo;

/** One row of the live connection table, as JMX and the status command show it. */
public final class ConnectionView {

    private final long id;
    private final long serverThreadId;
    private final String driver;
    private final String url;
    private final long ageMillis;
    private final long idleMillis;
    private final String ownerThread;
    private final String lastThread;
    private final String openedBy;
    private final String creationSite;
    private final boolean autoCommit;
    private final long heals;
    private final String pool;

    public ConnectionView(ConnectionInfo t, long nowNanos, long nowMillis) {
        this.id = t.id();
        this.serverThreadId = t.serverThreadId();
        this.driver = t.driver();
        this.url = t.url();
        this.ageMillis = nowMillis - t.openedAtMillis();
        this.idleMillis = t.idleNanos(nowNanos) / 1_000_000;
        this.ownerThread = t.ownerThread() == null ? "" : t.ownerThread();
        this.lastThread = t.lastThreadName() == null ? "" : t.lastThreadName();
        this.openedBy = t.openedBy();
        this.creationSite = t.site().chain();
        this.autoCommit = t.autoCommit();
        this.heals = t.heals();
        this.pool = t.pool() == null ? "" : t.pool();
    }

    public long getId() {
        return id;
    }

    public long getServerThreadId() {
        return serverThreadId;
    }

    public String getDriver() {
        return driver;
    }

    public String getUrl() {
        return url;
    }

    public long getAgeMillis() {
        return ageMillis;
    }

    public long getIdleMillis() {
        return idleMillis;
    }

    /** The thread inside the connection now; empty when idle. */
    public String getOwnerThread() {
        return ownerThread;
    }

    /** The last thread that used the connection. */
    public String getLastThread() {
        return lastThread;
    }

    public String getOpenedBy() {
        return openedBy;
    }

    public String getCreationSite() {
        return creationSite;
    }

    public boolean isAutoCommit() {
        return autoCommit;
    }

    /** HikariCP, DBCP2, c3p0, Tomcat JDBC, or empty when opened without a known pool. */
    public String getPool() {
        return pool;
    }

    public long getHeals() {
        return heals;
    }
}
