package dev.jdbcguard.core;

/**
 * The checks for one connection used by several threads, as the hooks ask for them when a
 * thread enters a connection. The sharing package implements it. Each returns null to let the
 * call go ahead, or the exception to throw instead of it ({@code threads=fail}).
 */
public interface ThreadChecks {

    /** {@code inside} is inside the connection while {@code current} tries to enter it. */
    Throwable concurrentEntry(TrackedConnection t, Thread inside, Thread current, int op);

    /** {@code current} has the connection to itself for this call: is it the thread it belongs to? */
    Throwable ownedEntry(TrackedConnection t, Thread current, int op);
}
