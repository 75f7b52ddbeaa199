package dev.jdbcguard.apps;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * An application with its own slf4j binding and its own byte-buddy on the class path. Prints
 * which ones it got, and whether the agent (if any) tracked its connection.
 * Usage: {@code ForeignLibsApp <url> <user> <password>}.
 */
public final class ForeignLibsApp {

    private ForeignLibsApp() {
    }

    public static void main(String[] args) throws Exception {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ForeignLibsApp.class);
        log.info("hello from the application's own logger");
        System.out.println("slf4j binding: " + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
        Class<?> byteBuddy = Class.forName("net.bytebuddy.ByteBuddy");
        System.out.println("byte-buddy from: " + byteBuddy.getProtectionDomain().getCodeSource().getLocation());
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            System.out.println("query result: " + rs.getInt(1));
            Thread.sleep(300); // the agent registers its JMX bean in the background
            CompositeData[] rows = (CompositeData[]) ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("dev.jdbcguard:type=Guard"), "Connections");
            System.out.println("tracked connections: " + rows.length);
        }
    }
}
