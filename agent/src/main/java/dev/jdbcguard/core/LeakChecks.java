package dev.jdbcguard.core;

/**
 * What the leak and pool reports learn from the hooks: borrows and returns of pooled
 * connections, and physical connections opened and closed. The leak package implements it; its
 * own background thread does the rest.
 */
public interface LeakChecks {

    /** A pool handed out {@code proxy}. */
    void checkedOut(Object proxy);

    /** {@code proxy} came back to its pool. */
    void checkedIn(Object proxy);

    /** A new physical connection was registered. */
    void opened(TrackedConnection t);

    /** A tracked connection was closed by the program. */
    void closed(TrackedConnection t);
}
