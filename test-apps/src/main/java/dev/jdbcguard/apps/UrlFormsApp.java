package dev.jdbcguard.apps;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Connects once per URL given (every URL form, each with its own account and password), then
 * makes the agent heal the single-host ones and diagnose a kill, and prints every attribute of
 * the agent's JMX bean. It prints what it learns (who it is connected as, the agent's diagnosis),
 * never a driver's message, which may echo the URL: the test greps this output and the agent's
 * log for the passwords. Usage: {@code UrlFormsApp <url>...}; a URL prefixed {@code heal:} is
 * also idled past its session's wait_timeout.
 */
public final class UrlFormsApp {

    private UrlFormsApp() {
    }

    public static void main(String[] args) throws Exception {
        List<Connection> open = new ArrayList<>();
        List<Connection> toHeal = new ArrayList<>();
        String firstToHeal = null;
        for (int i = 0; i < args.length; i++) {
            boolean heal = args[i].startsWith("heal:");
            String url = heal ? args[i].substring(5) : args[i];
            try {
                Connection c = DriverManager.getConnection(url);
                System.out.println("form " + i + ": connected as " + currentUser(c) + " (" + c.getClass().getName() + ")");
                open.add(c);
                if (heal) {
                    toHeal.add(c);
                    firstToHeal = firstToHeal == null ? url : firstToHeal;
                }
            } catch (SQLException e) {
                System.out.println("form " + i + ": refused (" + e.getClass().getSimpleName() + " " + e.getSQLState() + ")");
            } catch (IllegalArgumentException e) { // Connector/J, for a raw % that starts no escape
                System.out.println("form " + i + ": refused (" + e.getClass().getSimpleName() + ")");
            }
        }
        for (Connection c : toHeal) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION wait_timeout = 2");
            }
        }
        Thread.sleep(3_000);
        for (Connection c : toHeal) {
            System.out.println("after idling: connected as " + currentUser(c));
        }
        if (firstToHeal != null) {
            try (Connection killer = DriverManager.getConnection(firstToHeal)) { // the same account may kill it
                killAndUse(toHeal.get(0), killer);
            }
        }
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName guard = new ObjectName("dev.jdbcguard:type=Guard");
        for (MBeanAttributeInfo attribute : jmx.getMBeanInfo(guard).getAttributes()) {
            Object value = jmx.getAttribute(guard, attribute.getName());
            System.out.println("JMX " + attribute.getName() + ": "
                    + (value instanceof Object[] ? Arrays.deepToString((Object[]) value) : value));
        }
        System.out.println("ready pid " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(15_000); // time for the status commands, even on a busy machine
        for (Connection c : open) {
            try {
                c.close();
            } catch (SQLException e) {
                System.out.println("close failed (" + e.getClass().getSimpleName() + ")"); // the killed one may
            }
        }
        System.out.println("done");
    }

    /** Inside a transaction, so that the agent may not heal it: the program gets the error and its diagnosis. */
    private static void killAndUse(Connection victim, Connection killer) throws SQLException {
        long id = IdleWorker.serverThread(victim);
        victim.setAutoCommit(false);
        try (Statement s = killer.createStatement()) {
            s.execute("KILL " + id);
        }
        try (Statement s = victim.createStatement()) {
            s.execute("SELECT 1");
        } catch (SQLException e) {
            for (Throwable suppressed : e.getSuppressed()) {
                System.out.println("diagnosis seen by the program: " + suppressed);
            }
        }
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
