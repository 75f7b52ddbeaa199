package dev.jdbcguard.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session state the application set on one connection, so that a reconnect can put it back.
 * Only what the application changed is recorded: what it never touched comes back from the URL
 * and the server's defaults anyway.
 */
public final class SessionState {

    private volatile String catalog;
    private volatile Integer isolation;
    private volatile Boolean readOnly;
    private volatile Integer networkTimeoutMillis;
    private final Map<String, String> variables = new LinkedHashMap<>();
    /** What the session holds that a new session would not have, by kind. */
    private final java.util.Set<String> pins = new java.util.concurrent.CopyOnWriteArraySet<>();
    private volatile boolean userVariables;

    void catalog(String value) {
        catalog = value;
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

    /** The {@code SET} statements to replay, last one per variable, in first-set order. */
    public synchronized List<String> setStatements() {
        return new ArrayList<>(variables.values());
    }

    synchronized void variableSet(String name, String statement) {
        variables.remove(name);
        variables.put(name, statement);
    }

    void userVariablesSet() {
        userVariables = true;
    }

    public boolean hasUserVariables() {
        return userVariables;
    }

    /** Server-side state a reconnect cannot bring back (temporary table, table lock, named lock), or null. */
    public String pinnedBy() {
        return pins.isEmpty() ? null : String.join(" and ", pins);
    }

    void pin(String what) {
        pins.add(what);
    }

    void unpin(String what) {
        pins.remove(what);
    }
}
