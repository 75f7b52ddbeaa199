package dev.jdbcguard.apps;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Gives the password every way a program can (in the URL as a parameter and as user:password@,
 * in Properties, in each driver's DataSource), then makes the agent log, heal, diagnose, report
 * a leak and fill its JMX table, and prints all of it. A test greps everything for the password.
 * Usage: {@code SecretsApp <host> <port> <database> <user> <password>}.
 */
public final class SecretsApp {

    private SecretsApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = "//" + args[0] + ":" + args[1] + "/" + args[2];
        String user = args[3];
        String password = args[4];
        List<Connection> connections = new ArrayList<>();
        connections.add(DriverManager.getConnection("jdbc:mysql:" + base + "?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&user=" + user + "&password=" + password));
        connections.add(DriverManager.getConnection("jdbc:mysql://" + user + ":" + password + "@" + args[0] + ":" + args[1]
                + "/" + args[2] + "?sslMode=DISABLED&allowPublicKeyRetrieval=true"));
        connections.add(DriverManager.getConnection("jdbc:mariadb:" + base + "?user=" + user + "&password=" + password));
        Properties info = new Properties();
        info.setProperty("user", user);
        info.setProperty("password", password);
        connections.add(DriverManager.getConnection("jdbc:mariadb:" + base, info));
        connections.add(ConnectionSource.driverDataSource("jdbc:mysql:" + base + "?sslMode=DISABLED&allowPublicKeyRetrieval=true",
                user, password).getConnection());
        connections.add(ConnectionSource.driverDataSource("jdbc:mariadb:" + base, user, password).getConnection());
        for (Connection c : connections) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION wait_timeout = 2");
            }
        }
        Thread.sleep(3_000);
        for (Connection c : connections) {
            System.out.println("after idling: server thread " + IdleWorker.serverThread(c)); // healed
        }
        Connection victim = connections.get(0);
        try (Statement s = connections.get(1).createStatement()) {
            s.execute("KILL " + IdleWorker.serverThread(victim));
        }
        try {
            connections.get(0).setAutoCommit(false);
            try (Statement s = victim.createStatement()) {
                s.execute("INSERT INTO nothing_here VALUES (1)");
            }
        } catch (SQLException e) {
            System.out.println("failure seen by the program: " + e);
            for (Throwable suppressed : e.getSuppressed()) {
                System.out.println("    suppressed: " + suppressed);
            }
        }
        DriverManager.getConnection("jdbc:mariadb:" + base + "?user=" + user + "&password=" + password); // leaked
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(500);
        }
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName guard = new ObjectName("dev.jdbcguard:type=Guard");
        for (String attribute : new String[] {"Options", "Counters", "Connections", "CreationStacks", "TrackedEntries"}) {
            Object value = jmx.getAttribute(guard, attribute);
            System.out.println("JMX " + attribute + ": " + (value instanceof Object[] ? java.util.Arrays.toString((Object[]) value) : value));
        }
        System.out.println("ready pid " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(15_000); // time for the status commands, even on a busy machine
        for (Connection c : connections) {
            c.close();
        }
    }
}
