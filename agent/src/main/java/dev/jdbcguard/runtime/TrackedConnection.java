package dev.jdbcguard.runtime;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * What the agent knows about one physical connection. Holds no reference to the connection
 * itself (it is the value of a weak map keyed by it). Fields written only by the thread that
 * is inside the connection are plain; the rest are volatile.
 */
public final class TrackedConnection {

    private static final AtomicReferenceFieldUpdater<TrackedConnection, Thread> INSIDE =
            AtomicReferenceFieldUpdater.newUpdater(TrackedConnection.class, Thread.class, "inside");
    private static final AtomicLongFieldUpdater<TrackedConnection> LAST_USED =
            AtomicLongFieldUpdater.newUpdater(TrackedConnection.class, "lastUsedNanos");
    private static final AtomicLongFieldUpdater<TrackedConnection> LAST_ROUND_TRIP =
            AtomicLongFieldUpdater.newUpdater(TrackedConnection.class, "lastRoundTripNanos");

    final long id;
    final String url;
    final String driver;
    final String openedBy;
    final long openerThreadId;
    /** The pool that opened it ("HikariCP #2"), or null. */
    volatile String pool;
    final long openedAtMillis;
    volatile CreationSite site;
    final SessionState session = new SessionState();
    /** Token for calls made while another thread is inside: tracked for time only. */
    final Guest guest = new Guest(this);

    volatile long serverThreadId = -1;
    volatile long lastUsedNanos;
    /** End of the last call that talked to the server (createStatement and client-side prepares do not). */
    volatile long lastRoundTripNanos;
    volatile String lastThreadName;
    volatile long waitTimeoutSeconds = -1;
    volatile boolean closed;
    volatile boolean autoCommit = true;
    /**
     * prepareStatement never talks to the server: it is checked no more than createStatement.
     * Null until the connection's first prepare, when the driver is asked.
     */
    volatile Boolean preparesOnClient;
    /** Statements run since the transaction began; 0 when none is open. */
    volatile int transactionStatements;
    /** The thread that ran the transaction's first statement. */
    volatile long transactionThreadId;
    volatile String transactionThreadName;
    /** The server rolled back an open transaction; only rollback or close may follow. */
    volatile String lostTransaction;
    /** A call failed as if the link were gone: check before the next use whatever the idle time. */
    volatile boolean suspect;
    volatile long heals;
    /** Server limits read when the connection was opened (or last reconnected). */
    volatile dev.jdbcguard.diagnose.ServerFacts facts = dev.jdbcguard.diagnose.ServerFacts.UNKNOWN;
    volatile long closedAtMillis = -1;
    /** Reported as held too long (open without a pool past heldTooLong). */
    volatile boolean heldReported;
    volatile String closedBy;
    volatile long lastConcurrentMillis = -1;
    volatile String lastConcurrentThreads;

    private volatile Thread inside;
    /** Nesting depth of the inside thread's calls; touched only by that thread. */
    int depth;
    /** Set while the agent itself talks to the connection (ping, restore), so nothing is recorded. */
    boolean busyHealing;
    /** The connection and SQL of the outermost call in progress; cleared when it ends. */
    java.sql.Connection connection;
    String currentSql;
    java.sql.Statement currentStatement;
    /** Idle time when the current outermost call began. */
    long idleAtEntryNanos;
    /** The current call was already run again once after a heal. */
    boolean retried;
    /** The last short SQL text classified on this connection and what it was: programs repeat their texts. */
    String classifiedSql;
    SqlText.Kind classifiedKind;

    TrackedConnection(long id, String url, String driver, CreationSite site, long nowNanos) {
        this.id = id;
        this.url = url;
        this.driver = driver;
        this.site = site;
        this.openedBy = Thread.currentThread().getName();
        this.openerThreadId = Thread.currentThread().getId();

        this.openedAtMillis = System.currentTimeMillis();
        this.lastUsedNanos = nowNanos;
        this.lastRoundTripNanos = nowNanos;
    }

    boolean claim(Thread thread) {
        return INSIDE.compareAndSet(this, null, thread);
    }

    Thread inside() {
        return inside;
    }

    /*
     * The stores at the end of every call are release stores (lazySet): other threads read these
     * fields only to report or to decide about a later call, so they need the order of the writes,
     * not a full fence, and on x86 a release store costs a plain store instead of a locked one.
     */
    void release() {
        INSIDE.lazySet(this, null);
    }

    void usedAt(long nanos) {
        LAST_USED.lazySet(this, nanos);
    }

    void talkedToServerAt(long nanos) {
        LAST_ROUND_TRIP.lazySet(this, nanos);
    }

    boolean inTransactionWithWork() {
        return !autoCommit && transactionStatements > 0;
    }

    public long id() {
        return id;
    }

    public String url() {
        return url;
    }

    public String driver() {
        return driver;
    }

    public String openedBy() {
        return openedBy;
    }

    public long openedAtMillis() {
        return openedAtMillis;
    }

    public CreationSite site() {
        return site;
    }

    public long serverThreadId() {
        return serverThreadId;
    }

    public long idleNanos(long nowNanos) {
        return inside != null ? 0 : nowNanos - lastUsedNanos;
    }

    /** The thread inside the connection now, or null when idle. */
    public String ownerThread() {
        Thread t = inside;
        return t == null ? null : t.getName();
    }

    public String lastThreadName() {
        return lastThreadName;
    }

    public boolean isClosed() {
        return closed;
    }

    public boolean autoCommit() {
        return autoCommit;
    }

    public int transactionStatements() {
        return transactionStatements;
    }

    public String pool() {
        return pool;
    }

    public long heals() {
        return heals;
    }

    /** "#3 (server thread 42)" as log lines name a connection. */
    public String label() {
        return serverThreadId >= 0 ? "#" + id + " (server thread " + serverThreadId + ")" : "#" + id;
    }

    static final class Guest {
        final TrackedConnection connection;

        Guest(TrackedConnection connection) {
            this.connection = connection;
        }
    }
}
