package dev.jdbcguard.core;

import dev.jdbcguard.sql.SqlFacts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * After a statement that may have changed the session (the lexer says which kind of change),
 * asks the server what the session now holds, rather than guessing it from the text: the
 * database after {@code USE}, the values of the variables a {@code SET} assigned, whether a named
 * lock or a user variable is still held. One small query, only after such statements.
 */
public final class SessionEffects {

    private SessionEffects() {
    }

    static void learn(TrackedConnection t, Connection connection, SqlFacts f) {
        SessionState s = t.session;
        if (f.createsTemporaryTable()) {
            s.temporaryTables(true);
        } else if (f.dropsTemporaryTable()) {
            s.temporaryTables(temporaryTablesLeft(t, connection));
        }
        if (f.locksTables()) {
            s.tableLocks(true);
        } else if (f.unlocksTables()) {
            s.tableLocks(false);
        }
        if (f.xa() == SqlFacts.Xa.START) {
            s.xa(true);
        } else if (f.xa() == SqlFacts.Xa.PREPARE || f.xa() == SqlFacts.Xa.COMMIT || f.xa() == SqlFacts.Xa.ROLLBACK) {
            s.xa(false); // a prepared XA transaction outlives its session: XA COMMIT from any session ends it
        }
        for (String name : f.preparedStatements()) {
            s.preparedStatement(name, true);
        }
        for (String name : f.deallocatedStatements()) {
            s.preparedStatement(name, false);
        }
        namedLocks(t, connection, f);
        if (!f.userVariables().isEmpty()) {
            userVariables(t, connection, f);
        }
        if (f.schema() != null) {
            String database = t.support.trackedDatabase(connection);
            s.database(database != null ? database : first(ask(t, connection, "SELECT DATABASE()", 1)));
        }
        if (!f.sessionVariables().isEmpty()) {
            variables(t, connection, f.sessionVariables());
        }
    }

    private static void namedLocks(TrackedConnection t, Connection connection, SqlFacts f) {
        SessionState s = t.session;
        if (f.releasesAllNamedLocks()) {
            s.allNamedLocksReleased();
        }
        int unnamed = s.unnamedLocks();
        for (String name : f.namedLockNames()) {
            if (name == null) {
                unnamed++;
            } else {
                s.namedLock(name, true);
            }
        }
        for (String name : f.releasedLockNames()) {
            if (name == null || unnamed > 0 && !s.namedLocks().contains(name)) {
                // a name the agent never saw taken was taken under a bound name (GET_LOCK(?)):
                // the text is the only account, so the count of those goes down
                unnamed--;
            }
        }
        s.unnamedLocks(unnamed);
        List<String> known = new ArrayList<>(s.namedLocks());
        if (known.isEmpty() || !(f.takesNamedLock() || f.releasesNamedLock())) {
            return;
        }
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < known.size(); i++) {
            q.append(i == 0 ? "" : ", ").append("IS_USED_LOCK(").append(quote(known.get(i))).append(") <=> CONNECTION_ID()");
        }
        List<String> held = ask(t, connection, q.toString(), known.size());
        if (held == null) {
            return; // the server did not say: what the text said stands
        }
        for (int i = 0; i < known.size(); i++) {
            s.namedLock(known.get(i), "1".equals(held.get(i)));
        }
    }

    private static void userVariables(TrackedConnection t, Connection connection, SqlFacts f) {
        List<String> names = new ArrayList<>(f.userVariables());
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < names.size(); i++) {
            q.append(i == 0 ? "" : ", ").append('@').append(identifier(names.get(i))).append(" IS NOT NULL");
        }
        List<String> set = ask(t, connection, q.toString(), names.size());
        for (int i = 0; i < names.size(); i++) {
            t.session.userVariable(names.get(i), set == null || "1".equals(set.get(i)));
        }
    }

    private static void variables(TrackedConnection t, Connection connection, List<String> names) {
        List<String> values = ask(t, connection, selectOf(names), names.size());
        if (values == null) {
            Log.debug("connection " + t.label() + ": the server did not report " + names
                    + " after they were set; a reconnect will not put them back");
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            t.session.variable(names.get(i), values.get(i));
            if (names.get(i).equals("wait_timeout") && values.get(i) != null) {
                try {
                    t.waitTimeoutSeconds = Long.parseLong(values.get(i));
                } catch (NumberFormatException e) {
                    // not a number: the known value stays
                }
            }
        }
    }

    /** "SELECT @@session.a, @@session.b" for the names given. */
    public static String selectOf(List<String> names) {
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < names.size(); i++) {
            q.append(i == 0 ? "" : ", ").append("@@session.").append(names.get(i));
        }
        return q.toString();
    }

    /**
     * MariaDB 11.2 and later list the session's own temporary tables; where the server cannot
     * tell (MySQL, older MariaDB) the drop is taken at its word.
     */
    private static boolean temporaryTablesLeft(TrackedConnection t, Connection connection) {
        String count = first(ask(t, connection, "SELECT COUNT(*) FROM information_schema.TEMPORARY_TABLES", 1));
        return count != null && !count.equals("0");
    }

    /** One row of {@code columns} values from the session itself, or null when the server did not answer. */
    public static List<String> ask(TrackedConnection t, Connection connection, String query, int columns) {
        boolean wasBusy = t.busyHealing;
        t.busyHealing = true;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            if (!rs.next()) {
                return null;
            }
            List<String> row = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                row.add(rs.getString(i));
            }
            return row;
        } catch (SQLException | RuntimeException e) {
            return null;
        } finally {
            t.busyHealing = wasBusy;
        }
    }

    private static String first(List<String> row) {
        return row == null ? null : row.get(0);
    }

    /** A SQL string literal. */
    public static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** A user variable's name as SQL takes it after {@code @}. */
    private static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
