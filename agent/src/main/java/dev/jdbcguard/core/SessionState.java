package dev.jdbcguard.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session state of one connection as the server reported it, so that a reconnect can put
 * back what can be carried and refuse when something cannot. Only what the application changed
 * is recorded: what it never touched comes back from the URL and the server's defaults anyway.
 * Written by the thread inside the connection; read by the same thread and by reports.
 */
public final class SessionState {

    private volatile String catalog;
    /** The database the server said the session was in after a USE, while no setCatalog came later. */
    private volatile String database;
    private volatile Integer isolation;
    private volatile Boolean readOnly;
    private volatile Integer networkTimeoutMillis;
    /** Session variables the program set, with the value the server reported right after (null: SQL NULL). */
    private final Map<String, String> variables = new LinkedHashMap<>();

    // What a new session would not have.
    private volatile boolean temporaryTables;
    private volatile boolean tableLocks;
    private volatile boolean xa;
    private final Set<String> namedLocks = new LinkedHashSet<>();
    /** Named locks taken under a name only the bound parameters knew. */
    private volatile int unnamedLocks;
    private final Set<String> userVariables = new LinkedHashSet<>();
    private final Set<String> preparedStatements = new LinkedHashSet<>();

    void catalog(String value) {
        catalog = value;
        database = null;
    }

    void database(String value) {
        database = value;
    }

    /** The database chosen in SQL ({@code USE}), which the driver may not know of; null when none. */
    public String database() {
        return database;
    }

    void isolation(int value) {
        isolation = value;
    }

    void readOnly(boolean value) {
        readOnly = value;
    }

    void networkTimeout(int millis) {
        networkTimeoutMillis = millis;
    }

    public String catalog() {
        return catalog;
    }

    public Integer isolation() {
        return isolation;
    }

    public Boolean readOnly() {
        return readOnly;
    }

    public Integer networkTimeoutMillis() {
        return networkTimeoutMillis;
    }

    /** The session variables to put back, in the order they were first set, with their values. */
    public synchronized Map<String, String> variables() {
        return new LinkedHashMap<>(variables);
    }

    synchronized void variable(String name, String value) {
        variables.put(name, value);
    }

    void temporaryTables(boolean held) {
        temporaryTables = held;
    }

    void tableLocks(boolean held) {
        tableLocks = held;
    }

    public void xa(boolean open) {
        xa = open;
    }

    synchronized Set<String> namedLocks() {
        return new LinkedHashSet<>(namedLocks);
    }

    synchronized void namedLock(String name, boolean held) {
        if (held) {
            namedLocks.add(name);
        } else {
            namedLocks.remove(name);
        }
    }

    int unnamedLocks() {
        return unnamedLocks;
    }

    void unnamedLocks(int count) {
        unnamedLocks = Math.max(0, count);
    }

    synchronized void allNamedLocksReleased() {
        namedLocks.clear();
        unnamedLocks = 0;
    }

    synchronized Set<String> userVariables() {
        return new LinkedHashSet<>(userVariables);
    }

    synchronized void userVariable(String name, boolean set) {
        if (set) {
            userVariables.add(name);
        } else {
            userVariables.remove(name);
        }
    }

    synchronized void preparedStatement(String name, boolean prepared) {
        if (prepared) {
            preparedStatements.add(name);
        } else {
            preparedStatements.remove(name);
        }
    }

    /** What the session holds that a new session would not have, named for the user; null when nothing. */
    public synchronized String pinnedBy() {
        List<String> held = new ArrayList<>();
        if (temporaryTables) {
            held.add("a temporary table (CREATE TEMPORARY TABLE)");
        }
        if (tableLocks) {
            held.add("table locks (LOCK TABLES)");
        }
        if (xa) {
            held.add("an XA transaction (XA START)");
        }
        if (!namedLocks.isEmpty() || unnamedLocks > 0) {
            List<String> names = new ArrayList<>();
            for (String n : namedLocks) {
                names.add("'" + n + "'");
            }
            if (unnamedLocks > 0) {
                names.add(unnamedLocks + " under a bound name");
            }
            held.add("a named lock (GET_LOCK " + String.join(", ", names) + ")");
        }
        if (!userVariables.isEmpty()) {
            held.add("user variable(s) @" + String.join(", @", userVariables));
        }
        if (!preparedStatements.isEmpty()) {
            held.add("prepared statement(s) " + String.join(", ", preparedStatements) + " (PREPARE)");
        }
        return held.isEmpty() ? null : String.join(" and ", held);
    }
}
