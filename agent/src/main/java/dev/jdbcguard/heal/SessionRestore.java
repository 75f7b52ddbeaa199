package dev.jdbcguard.heal;

import dev.jdbcguard.core.SessionEffects;
import dev.jdbcguard.core.SessionState;
import dev.jdbcguard.core.TrackedConnection;
import dev.jdbcguard.driver.DriverSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts back on a new session what the old one had, then asks the new session whether it took:
 * a restore that the server does not confirm is said in the log line, never passed over.
 */
final class SessionRestore {

    private SessionRestore() {
    }

    /**
     * Returns what was restored (and what the server did not confirm), for the log line.
     * {@code autoCommitWas} is the old session's autocommit as its server last reported it.
     */
    static String apply(TrackedConnection t, Connection connection, DriverSupport driver, boolean autoCommitWas)
            throws SQLException {
        List<String> done = new ArrayList<>();
        SessionState s = t.session;
        if (!autoCommitWas) {
            if (!t.autoCommit) {
                connection.setAutoCommit(false);
            } else {
                execute(connection, "SET autocommit=0"); // set in SQL: the driver's own flag stays as it was
            }
            done.add("autocommit=false");
        }
        if (s.catalog() != null) {
            connection.setCatalog(s.catalog());
            done.add("catalog=" + s.catalog());
        }
        if (s.database() != null) {
            // in SQL, as the program chose it: a driver that caches its catalog (Connector/J runs each
            // statement in the catalog current when the statement was made) keeps the view it had
            execute(connection, "USE `" + s.database().replace("`", "``") + "`");
            done.add("database=" + s.database() + " (USE)");
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
        Map<String, String> variables = s.variables();
        if (!variables.isEmpty()) {
            execute(connection, setOf(variables));
            done.add(describe(variables));
        }
        driver.afterRestore(connection);
        String text = done.isEmpty() ? "nothing to restore" : String.join(", ", done);
        String unconfirmed = check(t, connection, autoCommitWas, variables);
        return unconfirmed == null ? text : text + "; NOT CONFIRMED by the server: " + unconfirmed;
    }

    /** "SET SESSION a = v, b = w" with the values the old session reported. */
    static String setOf(Map<String, String> variables) {
        StringBuilder set = new StringBuilder("SET ");
        boolean first = true;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            set.append(first ? "" : ", ").append("@@session.").append(v.getKey()).append(" = ").append(literal(v.getValue()));
            first = false;
        }
        return set.toString();
    }

    /** A number stays a number (integer variables refuse quoted values); NULL stays NULL; the rest is a string. */
    static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        return value.matches("-?[0-9]+(\\.[0-9]+)?") ? value : SessionEffects.quote(value);
    }

    private static String describe(Map<String, String> variables) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> v : variables.entrySet()) {
            parts.add(v.getKey() + "=" + v.getValue());
        }
        return String.join(", ", parts);
    }

    /** Reads back what was restored from the new session; null when all of it is as it was. */
    private static String check(TrackedConnection t, Connection connection, boolean autoCommitWas,
                                Map<String, String> variables) {
        List<String> names = new ArrayList<>(variables.keySet());
        names.add(0, "autocommit");
        String query = SessionEffects.selectOf(names) + ", DATABASE()";
        List<String> now = SessionEffects.ask(t, connection, query, names.size() + 1);
        if (now == null) {
            return "the server did not answer the check";
        }
        List<String> wrong = new ArrayList<>();
        if (!(autoCommitWas ? "1" : "0").equals(now.get(0))) {
            wrong.add("autocommit is " + now.get(0));
        }
        for (int i = 1; i < names.size(); i++) {
            String expected = variables.get(names.get(i));
            if (expected == null ? now.get(i) != null : !expected.equals(now.get(i))) {
                wrong.add(names.get(i) + " is " + now.get(i) + ", was " + expected);
            }
        }
        String catalog = t.session.database() != null ? t.session.database() : t.session.catalog();
        if (catalog != null && !catalog.equals(now.get(names.size()))) {
            wrong.add("the database is " + now.get(names.size()) + ", was " + catalog);
        }
        return wrong.isEmpty() ? null : String.join(", ", wrong);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
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
