package dev.jdbcguard.compat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pool with its default validation, every connection idle past wait_timeout, then borrowed
 * and used again. Prints one line: how many borrows or statements failed and how many of the
 * physical connections handed out after the idle period were new (the pool evicted the old
 * ones). The pool's own warnings are counted by the test from this program's output.
 * <p>Usage: {@code Validation <source> <url> <user> <password>}; the URL gets
 * {@code sessionVariables=wait_timeout=2}, so every session the pool opens expires after 2 s idle.
 */
public final class Validation {

    /** As many as the pools of the matrix hold: every physical connection is borrowed at once. */
    private static final int CONNECTIONS = 6;

    public static void main(String[] args) throws Exception {
        String url = args[1] + (args[1].contains("?") ? "&" : "?") + "sessionVariables=wait_timeout=2";
        Jdbc jdbc = new Jdbc(url, args[2], args[3]);
        try (Source source = Source.create(args[0], jdbc)) {
            Set<Object> before = borrowAll(source, null);
            System.out.println("validate: " + before.size() + " connections used; idling 3.5 s (wait_timeout 2 s)");
            Jdbc.sleep(3_500);
            List<String> failures = new ArrayList<>();
            Set<Object> after = borrowAll(source, failures);
            int evicted = 0;
            for (Object physical : after) {
                if (!before.contains(physical)) {
                    evicted++;
                }
            }
            System.out.println("validate: RESULT failures=" + failures.size() + " evicted=" + evicted + " of "
                    + after.size() + (failures.isEmpty() ? "" : " first failure: " + failures.get(0)));
        }
        System.out.println("scenarios done");
    }

    /**
     * Borrows {@link #CONNECTIONS} at once, runs a statement on each, returns them; the physical
     * connections (by identity) that answered. Failures are collected when a list is given.
     */
    private static Set<Object> borrowAll(Source source, List<String> failures) throws Exception {
        List<Connection> held = new ArrayList<>();
        Set<Object> physical = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Connection c;
                try {
                    c = source.get();
                } catch (SQLException e) {
                    note(failures, "borrow: " + Jdbc.describe(e), e);
                    continue;
                }
                held.add(c);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                    rs.next();
                    physical.add(physicalOf(c));
                } catch (SQLException e) {
                    note(failures, "statement: " + Jdbc.describe(e), e);
                }
            }
        } finally {
            for (Connection c : held) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // a broken connection the pool discards
                }
            }
        }
        return physical;
    }

    private static void note(List<String> failures, String what, SQLException e) throws SQLException {
        if (failures == null) {
            throw e; // before the idle period everything must work
        }
        failures.add(what);
    }

    /** The driver's own connection behind the pool's proxy. */
    private static Object physicalOf(Connection c) throws Exception {
        Class<?> driverConnection = Class.forName("com.mysql.cj.jdbc.JdbcConnection");
        return c.unwrap(driverConnection);
    }

    private Validation() {
    }
}
