package dev.jdbcguard.core;

import dev.jdbcguard.driver.DriverSupport;
import dev.jdbcguard.sql.SqlFacts;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * What the agent knows about one physical connection. Holds no reference to the connection
 * itself (it is the value of a weak map keyed by it). Fields written only by the thread that
 * is inside the connection are plain; the rest are volatile.
 *
 * <p>The fields are public: this is the record the core and the capabilities (healing, thread
 * checks, leak reports, diagnosis) work on, read and written on every JDBC call, where an
 * accessor per field would only hide which thread writes what. Reports get the read-only
 * {@link ConnectionInfo} instead.
 */
public final class TrackedConnection implements ConnectionInfo {

    private static final AtomicReferenceFieldUpdater<TrackedConnection, Thread> INSIDE =
            AtomicReferenceFieldUpdater.newUpdater(TrackedConnection.class, Thread.class, "inside");
    private static final AtomicLongFieldUpdater<TrackedConnection> LAST_ROUND_TRIP =
            AtomicLongFieldUpdater.newUpdater(TrackedConnection.class, "lastRoundTripNanos");

    public final long id;
    public final String url;
    final String driver;
    public final DriverSupport support;
    public final String openedBy;
    public final long openerThreadId;
    /** The pool that opened it ("HikariCP #2"), or null. */
    public volatile String pool;
    public final long openedAtMillis;
    public volatile CreationSite site;
    public final SessionState session = new SessionState();
    /** Token for calls made while another thread is inside: tracked for time only. */
    final Guest guest = new Guest(this);

    public volatile long serverThreadId = -1;
    /**
     * The idle clock: the end of the last call the server answered. Calls that never leave the
     * JVM (createStatement, client-side prepares, setNetworkTimeout) do not reset it, since the
     * server's wait_timeout does not see them.
     */
    public volatile long lastRoundTripNanos;
    volatile String lastThreadName;
    public volatile long waitTimeoutSeconds = -1;
    public volatile boolean closed;
    public volatile boolean autoCommit = true;
    /**
     * prepareStatement never talks to the server: it is checked no more than createStatement.
     * Null until the connection's first prepare, when the driver is asked.
     */
    volatile Boolean preparesOnClient;
    /** Statements run since the transaction began; 0 when none is open. */
    public volatile int transactionStatements;
    /** The thread that ran the transaction's first statement. */
    public volatile long transactionThreadId;
    public volatile String transactionThreadName;
    /** The server rolled back an open transaction; only rollback or close may follow. */
    public volatile String lostTransaction;
    /** The lost transaction's session is still to be replaced by a new one. */
    public volatile boolean linkDead;
    /** A call failed as if the link were gone: check before the next use whatever the idle time. */
    public volatile boolean suspect;
    /**
     * Adopted after an attach and not yet checked: nothing failed on it, its idle time is simply
     * unknown, which is what a heal of it must say.
     */
    public volatile boolean adoptedUnchecked;
    public volatile long heals;
    /** Server limits read when the connection was opened (or last reconnected). */
    public volatile ServerFacts facts = ServerFacts.UNKNOWN;
    public volatile long closedAtMillis = -1;
    /** Reported as held too long (open without a pool past heldTooLong). */
    public volatile boolean heldReported;
    public volatile String closedBy;
    public volatile long lastConcurrentMillis = -1;
    public volatile String lastConcurrentThreads;

    /**
     * The driver's object that holds the server's status flags for the current session, and the
     * flags of the last reply to a call that succeeded (-1: the driver does not tell). Plain
     * fields: written and read by the thread inside the connection, handed on by {@link #release}.
     * The source is held weakly: it may refer back to the connection (MariaDB's client does), and
     * this object is the value of a map keyed weakly by that connection.
     */
    java.lang.ref.WeakReference<Object> statusSource;
    int serverStatus = -1;

    /** Written directly (not through {@link #release}) only where a call must be abandoned with no stack to spare. */
    volatile Thread inside;
    /** The call start of the claim last found genuine by another thread's stack check; see Guard. */
    long claimCheckedAt = -1;
    /** An error inside the agent was said for this connection: said once. */
    volatile boolean agentErrorSaid;
    /** Nesting depth of the inside thread's calls; touched only by that thread. */
    int depth;
    /** Set while the agent itself talks to the connection (ping, restore), so nothing is recorded. */
    public boolean busyHealing;
    /** The connection and SQL of the outermost call in progress; cleared when it ends. */
    java.sql.Connection connection;
    public String currentSql;
    java.sql.Statement currentStatement;
    /** When the current outermost call began. */
    public long callStartNanos;
    /** Idle time when the current outermost call began. */
    public long idleAtEntryNanos;
    /** The current call was already run again once after a heal. */
    public boolean retried;
    /** The last short SQL text read on this connection and its facts (null: changes no session state): programs repeat their texts. */
    String classifiedSql;
    SqlFacts classifiedFacts;
    /** A statement whose text may change the session was prepared here: prepared executes are read too. */
    volatile boolean preparesSessionChangers;
    /** The last prepared text read for that, so that a program preparing it again costs one comparison. */
    String checkedPrepareSql;

    TrackedConnection(long id, String url, DriverSupport support, CreationSite site, long nowNanos) {
        this.id = id;
        this.url = url;
        this.support = support;
        this.driver = support.name();
        this.site = site;
        this.openedBy = ThreadNames.current();
        this.openerThreadId = Thread.currentThread().getId();

        this.openedAtMillis = System.currentTimeMillis();
        this.lastRoundTripNanos = nowNanos;
    }

    boolean claim(Thread thread) {
        return INSIDE.compareAndSet(this, null, thread);
    }

    Thread inside() {
        return inside;
    }

    /** Takes the claim from {@code from}, a thread found not to be inside any JDBC call. */
    boolean takeBack(Thread from) {
        return INSIDE.compareAndSet(this, from, null);
    }

    /*
     * The stores at the end of every call are release stores (lazySet): other threads read these
     * fields only to report or to decide about a later call, so they need the order of the writes,
     * not a full fence, and on x86 a release store costs a plain store instead of a locked one.
     */
    void release() {
        INSIDE.lazySet(this, null);
    }

    void talkedToServerAt(long nanos) {
        LAST_ROUND_TRIP.lazySet(this, nanos);
    }

    public boolean inTransactionWithWork() {
        return !autoCommit && transactionStatements > 0;
    }

    /**
     * Whether a transaction is open on the server: its own flag where the driver shows it (so a
     * transaction begun in SQL, by XA, by the URL or by the server's default counts), else what
     * the JDBC calls seen imply.
     */
    public boolean inTransaction() {
        int status = serverStatus;
        return status >= 0 ? (status & DriverSupport.IN_TRANSACTION) != 0 : inTransactionWithWork();
    }

    /** Autocommit as the server last reported it, else as the JDBC calls seen set it. */
    public boolean autoCommitOnServer() {
        int status = serverStatus;
        return status >= 0 ? (status & DriverSupport.AUTOCOMMIT) != 0 : autoCommit;
    }

    /** Reads the flags the driver kept from the server's last reply; nothing changes when it does not tell. */
    public void readServerStatus() {
        java.lang.ref.WeakReference<Object> ref = statusSource;
        Object source = ref == null ? null : ref.get();
        if (source != null) {
            int status = support.serverStatus(source);
            if (status >= 0) {
                serverStatus = status;
            }
        }
    }

    /** After a reconnect: the session, and so the driver's holder of its flags, is new. */
    public void newSession(java.sql.Connection connection) {
        Object source = support.statusSource(connection);
        statusSource = source == null ? null : new java.lang.ref.WeakReference<>(source);
        serverStatus = -1;
        readServerStatus();
    }

    /** What a successful JDBC transaction call says about the flags the server will report. */
    public void transactionEnded() {
        if (serverStatus >= 0) {
            serverStatus &= ~DriverSupport.IN_TRANSACTION;
        }
    }

    void autoCommitSet(boolean on) {
        if (serverStatus >= 0) {
            serverStatus = on ? (serverStatus | DriverSupport.AUTOCOMMIT)
                    & ~DriverSupport.IN_TRANSACTION
                    : serverStatus & ~DriverSupport.AUTOCOMMIT;
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String driver() {
        return driver;
    }

    @Override
    public String openedBy() {
        return openedBy;
    }

    @Override
    public long openedAtMillis() {
        return openedAtMillis;
    }

    @Override
    public CreationSite site() {
        return site;
    }

    /**
     * Where it came from, as reports group connections: the program's chain, or for a pooled
     * connection its pool and the chain that created the pool ("HikariCP #1 created at ...").
     */
    public String origin() {
        String p = pool;
        return p == null ? site.chain() : p + " created at " + site.chain();
    }

    @Override
    public long serverThreadId() {
        return serverThreadId;
    }

    @Override
    public long idleNanos(long nowNanos) {
        return inside != null ? 0 : nowNanos - lastRoundTripNanos;
    }

    @Override
    public String ownerThread() {
        Thread t = inside;
        return t == null ? null : ThreadNames.of(t);
    }

    @Override
    public String lastThreadName() {
        return lastThreadName;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean autoCommit() {
        return autoCommit;
    }

    @Override
    public int transactionStatements() {
        return transactionStatements;
    }

    @Override
    public String pool() {
        return pool;
    }

    @Override
    public long heals() {
        return heals;
    }

    @Override
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
