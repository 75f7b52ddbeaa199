package org.springframework.samples.jdbcguard;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * A program that lives under org.springframework, as Spring's own sample applications do (Spring
 * PetClinic is org.springframework.samples.petclinic), started by Spring Boot's launcher. Taken
 * for Spring's machinery, every one of its frames was skipped and its pool's connections said
 * they were opened at the launcher's main. It configures a HikariCP pool in {@code dataSource()},
 * called from {@code start()}, borrows three connections and prints each row of the agent's table.
 * <p>Usage: {@code SamplePoolApp <url> <user> <password>}.
 */
public final class SamplePoolApp {

    private SamplePoolApp() {
    }

    public static void main(String[] args) throws Exception {
        start(args[0], args[1], args[2]);
    }

    private static void start(String url, String user, String password) throws Exception {
        try (HikariDataSource pool = dataSource(url, user, password)) {
            List<Connection> borrowed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                borrowed.add(pool.getConnection());
            }
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            ObjectName guard = new ObjectName("dev.jdbcguard:type=Guard");
            for (int i = 0; i < 100 && !jmx.isRegistered(guard); i++) {
                Thread.sleep(50); // the bean registers in the background
            }
            for (CompositeData row : (CompositeData[]) jmx.getAttribute(guard, "Connections")) {
                System.out.println("row: pool=" + row.get("pool") + " | creationSite=" + row.get("creationSite"));
            }
            boolean launcher = false;
            for (Object stack : ((java.util.Map<?, ?>) jmx.getAttribute(guard, "CreationStacks")).values()) {
                launcher |= String.valueOf(stack).contains("org.springframework.boot.loader.launch.PropertiesLauncher.main(");
            }
            System.out.println("a launcher below main: " + launcher);
            for (Connection c : borrowed) {
                c.close();
            }
        }
    }

    private static HikariDataSource dataSource(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(3);
        return new HikariDataSource(config);
    }
}
