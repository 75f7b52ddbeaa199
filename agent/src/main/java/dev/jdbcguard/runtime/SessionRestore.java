package dev.jdbcguard.runtime;

import dev.jdbcguard.driver.DriverSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Puts back on a new session what the application had set on the old one. */
final class SessionRestore {

    private SessionRestore() {
    }

    /** Returns what was restored (and what could not be), for the log line. */
    static String apply(TrackedConnection t, Connection connection, DriverSupport driver) throws SQLException {
        List<String> done = new ArrayList<>();
        SessionState s = t.session;
        if (!t.autoCommit) {
            connection.setAutoCommit(false);
            done.add("autocommit=false");
        }
        if (s.catalog() != null) {
            connection.setCatalog(s.catalog());
            done.add("catalog=" + s.catalog());
        }
        if (s.isolation() != null) {
            connection.setTransactionIsolation(s.isolation());
            done.add("isolation=" + isolationName(s.isolation()));
        }
        if (s.readOnly() != null) {
            connection.setReadOnly(s.readOnly());
            done.add("readOnly=" + s.readOnly());
        }
        if (s.networkTimeoutMillis() != null) {
            connection.setNetworkTimeout(Runnable::run, s.networkTimeoutMillis());
            done.add("networkTimeout=" + s.networkTimeoutMillis() + " ms");
        }
        List<String> sets = s.setStatements();
        if (!sets.isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                for (String set : sets) {
                    statement.execute(set);
                }
            }
            done.add(sets.size() + " SET session variable(s)");
        }
        driver.afterRestore(connection);
        String text = done.isEmpty() ? "nothing to restore" : String.join(", ", done);
        if (s.hasUserVariables()) {
            text += "; LOST: user variables (@name) set on the old session";
        }
        return text;
    }

    private static String isolationName(int level) {
        switch (level) {
            case Connection.TRANSACTION_READ_UNCOMMITTED:
                return "READ-UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED:
                return "READ-COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ:
                return "REPEATABLE-READ";
            case Connection.TRANSACTION_SERIALIZABLE:
                return "SERIALIZABLE";
            default:
                return String.valueOf(level);
        }
    }
}
