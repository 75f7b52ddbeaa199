package dev.jdbcguard.compat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What every scenario program shares, in java.sql only: the operator's actions (KILL from a
 * second connection, counting committed rows) and how a failure is printed.
 */
public final class Jdbc {

    /** The table the transaction scenarios write to (created by {@link #createTable}). */
    public static final String TABLE = "compat_tx";

    private final String url;
    private final String user;
    private final String password;

    public Jdbc(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A plain connection of the driver, outside any pool: the operator's, never the one under test. */
    public Connection operator() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public void createTable() throws SQLException {
        try (Connection c = operator(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " run VARCHAR(64) NOT NULL, step VARCHAR(16) NOT NULL)");
        }
    }

    /** KILL one server session from a second connection, as an administrator would. */
    public void kill(long serverThread) throws SQLException {
        try (Connection c = operator(); Statement s = c.createStatement()) {
            s.execute("KILL " + serverThread);
        }
    }

    /** KILL every session of the application user but the operator's own (a DBA clearing sleepers). */
    public int killAllOthers() throws SQLException {
        int killed = 0;
        try (Connection c = operator(); Statement s = c.createStatement()) {
            java.util.List<Long> ids = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + user
                    + "' AND ID <> CONNECTION_ID()")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                try {
                    s.execute("KILL " + id);
                    killed++;
                } catch (SQLException gone) {
                    // ended meanwhile
                }
            }
        }
        return killed;
    }

    public long rows(String run) throws SQLException {
        try (Connection c = operator();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + TABLE + " WHERE run = ?")) {
            s.setString(1, run);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static void insert(Connection c, String run, String step) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (run, step) VALUES (?, ?)")) {
            s.setString(1, run);
            s.setString(2, step);
            s.executeUpdate();
        }
    }

    public static long serverThread(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** "java.sql.SQLRecoverableException [08003]: message" for the first SQLException in the chain, else the throwable. */
    public static String describe(Throwable t) {
        Throwable sql = findSql(t);
        Throwable shown = sql != null ? sql : t;
        String state = shown instanceof SQLException ? " [" + ((SQLException) shown).getSQLState() + "]" : "";
        String message = String.valueOf(shown.getMessage()).replace('\n', ' ');
        String outer = shown == t ? "" : " (thrown as " + t.getClass().getName() + ")";
        return shown.getClass().getName() + state + ": " + message + outer;
    }

    /** The innermost-first search: the first SQLException in the cause chain (frameworks wrap it). */
    public static SQLException findSql(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException) {
                return (SQLException) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The SQLTransactionRollbackException jdbc-guard raises for a lost transaction, wherever it is wrapped. */
    public static boolean isGuardRollback(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLTransactionRollbackException && String.valueOf(c.getMessage()).startsWith("jdbc-guard:")
                    && String.valueOf(c.getMessage()).contains("was lost inside a transaction")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static synchronized void report(String scenario, boolean ok, String detail) {
        System.out.println(scenario + ": " + (ok ? "OK " : "FAILED ") + detail);
        System.out.flush();
    }
}
