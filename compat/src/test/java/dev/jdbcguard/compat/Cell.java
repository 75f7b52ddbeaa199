package dev.jdbcguard.compat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One cell of the matrix: a class path (target/matrix/&lt;dir&gt;: one driver version, at most one
 * pool or framework), the scenario program, the JVM, and what each scenario is expected to show.
 */
final class Cell {

    /** How the driver is reached (the URL) and what the agent can do with it. */
    enum Driver {
        /** MySQL Connector/J 8.0 and later (com.mysql.cj): healed in place. */
        CONNECTOR_J(true),
        /** Legacy Connector/J 5.1 (com.mysql.jdbc): detection only, by design. */
        CONNECTOR_J_51(false),
        /** MariaDB Connector/J 2.x: detection only (no in-place reconnect for 2.x). */
        MARIADB_2(false),
        /** MariaDB Connector/J 3.x: healed in place. */
        MARIADB_3(true),
        /** MariaDB Connector/J 4.x: healed in place; TLS is on by default, so the URL turns it off for the TLS-less test server. */
        MARIADB_4(true);

        final boolean heals;

        Driver(boolean heals) {
            this.heals = heals;
        }
    }

    /** What runs the scenarios: java.sql (raw or one pool) or a framework over HikariCP. */
    enum Runner {
        DRIVER("dev.jdbcguard.compat.Scenarios", "driver", null),
        HIKARI("dev.jdbcguard.compat.Scenarios", "hikari", "HikariCP"),
        DBCP2("dev.jdbcguard.compat.Scenarios", "dbcp2", "DBCP2"),
        C3P0("dev.jdbcguard.compat.Scenarios", "c3p0", "c3p0"),
        TOMCAT("dev.jdbcguard.compat.Scenarios", "tomcat", "Tomcat JDBC"),
        SPRING("dev.jdbcguard.compat.spring.SpringScenarios", null, "HikariCP"),
        HIBERNATE("dev.jdbcguard.compat.hibernate.HibernateScenarios", null, "HikariCP");

        final String mainClass;
        final String source;
        final String poolName;

        Runner(String mainClass, String source, String poolName) {
            this.mainClass = mainClass;
            this.source = source;
            this.poolName = poolName;
        }

        boolean framework() {
            return source == null;
        }

        boolean pooled() {
            return poolName != null;
        }
    }

    final String name;
    final String driverLabel;
    final String stackLabel;
    final String dir;
    final Driver driver;
    final Runner runner;
    final int java;
    final boolean ci;

    private Cell(String name, String driverLabel, String stackLabel, String dir, Driver driver, Runner runner, int java,
                 boolean ci) {
        this.name = name;
        this.driverLabel = driverLabel;
        this.stackLabel = stackLabel;
        this.dir = dir;
        this.driver = driver;
        this.runner = runner;
        this.java = java;
        this.ci = ci;
    }

    static final String CJ_POOLS = "Connector/J 9.7.0";

    /** Every cell; the CI ones are marked. The order is the table's. */
    static List<Cell> all() {
        List<Cell> cells = new ArrayList<>();
        // drivers, no pool
        cells.add(new Cell("cj-8.0.33", "Connector/J 8.0.33", "none", "cj-8.0.33", Driver.CONNECTOR_J, Runner.DRIVER, 17, false));
        cells.add(new Cell("cj-8.4.0", "Connector/J 8.4.0", "none", "cj-8.4.0", Driver.CONNECTOR_J, Runner.DRIVER, 17, false));
        cells.add(new Cell("cj-9.7.0", "Connector/J 9.7.0", "none", "cj-9.7.0", Driver.CONNECTOR_J, Runner.DRIVER, 17, true));
        cells.add(new Cell("cj-26.10.0", "Connector/J 26.10.0 (newest)", "none", "cj-26.10.0", Driver.CONNECTOR_J, Runner.DRIVER, 17, true));
        cells.add(new Cell("cj-5.1.49", "mysql-connector-java 5.1.49 (legacy)", "none", "cj-5.1.49", Driver.CONNECTOR_J_51, Runner.DRIVER, 17, true));
        cells.add(new Cell("mariadb-2.7.12", "MariaDB Connector/J 2.7.12", "none", "mariadb-2.7.12", Driver.MARIADB_2, Runner.DRIVER, 17, false));
        cells.add(new Cell("mariadb-3.5.11", "MariaDB Connector/J 3.5.11 (newest 3.x)", "none", "mariadb-3.5.11", Driver.MARIADB_3, Runner.DRIVER, 17, true));
        cells.add(new Cell("mariadb-4.0.0", "MariaDB Connector/J 4.0.0 (newest)", "none", "mariadb-4.0.0", Driver.MARIADB_4, Runner.DRIVER, 17, false));
        // pools, with Connector/J 9.7.0
        cells.add(new Cell("hikari-5.1.0", CJ_POOLS, "HikariCP 5.1.0", "hikari-5.1.0", Driver.CONNECTOR_J, Runner.HIKARI, 17, false));
        cells.add(new Cell("hikari-6.3.3", CJ_POOLS, "HikariCP 6.3.3", "hikari-6.3.3", Driver.CONNECTOR_J, Runner.HIKARI, 17, false));
        cells.add(new Cell("hikari-7.1.0", CJ_POOLS, "HikariCP 7.1.0 (newest)", "hikari-7.1.0", Driver.CONNECTOR_J, Runner.HIKARI, 17, true));
        cells.add(new Cell("dbcp2-2.14.0", CJ_POOLS, "Commons DBCP2 2.14.0", "dbcp2-2.14.0", Driver.CONNECTOR_J, Runner.DBCP2, 17, false));
        cells.add(new Cell("c3p0-0.9.5.5", CJ_POOLS, "c3p0 0.9.5.5", "c3p0-0.9.5.5", Driver.CONNECTOR_J, Runner.C3P0, 17, false));
        cells.add(new Cell("tomcat-jdbc-11.0.25", CJ_POOLS, "Tomcat JDBC 11.0.25", "tomcat-jdbc-11.0.25", Driver.CONNECTOR_J, Runner.TOMCAT, 17, false));
        // frameworks, over HikariCP 7.1.0 and Connector/J 9.7.0
        cells.add(new Cell("spring-6.2.19", CJ_POOLS, "Spring JdbcTemplate + DataSourceTransactionManager 6.2.19, HikariCP 7.1.0",
                "spring-6.2.19", Driver.CONNECTOR_J, Runner.SPRING, 17, true));
        cells.add(new Cell("hibernate-6.6.56", CJ_POOLS, "Hibernate ORM 6.6.56 (JPA), HikariCP 7.1.0",
                "hibernate-6.6.56", Driver.CONNECTOR_J, Runner.HIBERNATE, 17, true));
        // Temurin 25
        cells.add(new Cell("j25-cj-9.7.0", "Connector/J 9.7.0", "none", "cj-9.7.0", Driver.CONNECTOR_J, Runner.DRIVER, 25, true));
        cells.add(new Cell("j25-mariadb-3.5.11", "MariaDB Connector/J 3.5.11", "none", "mariadb-3.5.11", Driver.MARIADB_3, Runner.DRIVER, 25, false));
        cells.add(new Cell("j25-cj-5.1.49", "mysql-connector-java 5.1.49 (legacy)", "none", "cj-5.1.49", Driver.CONNECTOR_J_51, Runner.DRIVER, 25, false));
        cells.add(new Cell("j25-hikari-7.1.0", CJ_POOLS, "HikariCP 7.1.0", "hikari-7.1.0", Driver.CONNECTOR_J, Runner.HIKARI, 25, false));
        cells.add(new Cell("j25-spring-6.2.19", CJ_POOLS, "Spring 6.2.19, HikariCP 7.1.0", "spring-6.2.19", Driver.CONNECTOR_J, Runner.SPRING, 25, false));
        cells.add(new Cell("j25-hibernate-6.6.56", CJ_POOLS, "Hibernate ORM 6.6.56 (JPA), HikariCP 7.1.0", "hibernate-6.6.56",
                Driver.CONNECTOR_J, Runner.HIBERNATE, 25, false));
        return Collections.unmodifiableList(cells);
    }

    /** "ci" (default): the CI cells; "all": every cell; otherwise a comma-separated list of cell names. */
    static List<Cell> selected(String which) {
        List<Cell> out = new ArrayList<>();
        List<String> names = List.of(which.split(","));
        for (Cell cell : all()) {
            if (which.equals("all") || (which.equals("ci") && cell.ci) || names.contains(cell.name)) {
                out.add(cell);
            }
        }
        return out;
    }

    String url(String host, int port, String database) {
        switch (driver) {
            case CONNECTOR_J:
                return "jdbc:mysql://" + host + ":" + port + "/" + database + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
            case CONNECTOR_J_51:
                return "jdbc:mysql://" + host + ":" + port + "/" + database + "?useSSL=false";
            case MARIADB_4:
                return "jdbc:mariadb://" + host + ":" + port + "/" + database + "?sslMode=disable";
            default:
                return "jdbc:mariadb://" + host + ":" + port + "/" + database;
        }
    }

    /** The scenarios the agent JVM runs (the leak/held one runs in its own JVM for pools and frameworks). */
    String mainScenarios() {
        return runner.pooled() ? "idle,kill,tx,threads" : "idle,kill,tx,threads,leak";
    }

    @Override
    public String toString() {
        return name;
    }
}
