package dev.jdbcguard.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A worker that logs through its own logging, configured by its own files, before and after it
 * opens its one connection; the connection idles past wait_timeout, so the next job heals it.
 * {@code logging=slf4j} logs through SLF4J (the test puts Logback and a logback.xml on its class
 * path); {@code logging=jdk} through java.util.logging (no SLF4J on the class path at all).
 * Usage: {@code LoggingWorker <jdbc-url> <user> <password> logging=slf4j|jdk}.
 */
public final class LoggingWorker {

    private LoggingWorker() {
    }

    public static void main(String[] args) throws Exception {
        boolean slf4j = new Args(args, 3).get("logging", "slf4j").equals("slf4j");
        log(slf4j, "worker starting");
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION wait_timeout=1");
            }
            Thread.sleep(2_500);
            System.out.println("after idling: server thread " + IdleWorker.serverThread(c));
        } catch (SQLException e) {
            System.out.println("FAILED: " + e);
            System.exit(1);
        }
        log(slf4j, "worker done");
        if (slf4j) {
            Slf4jSide.report();
        }
    }

    private static void log(boolean slf4j, String message) {
        if (slf4j) {
            Slf4jSide.info(message);
        } else {
            java.util.logging.Logger.getLogger("worker").info(message);
        }
    }

    /** Only loaded with logging=slf4j: the jdk run has no SLF4J to link against. */
    private static final class Slf4jSide {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("worker");

        static void info(String message) {
            LOG.info(message);
        }

        /** What is in effect at the end: the backend, the root logger's appenders, whether DEBUG is on. */
        static void report() throws Exception {
            LOG.debug("a debug line the configuration leaves out");
            Object root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            List<String> appenders = new ArrayList<>();
            Iterator<?> it = (Iterator<?>) root.getClass().getMethod("iteratorForAppenders").invoke(root);
            while (it.hasNext()) {
                Object appender = it.next();
                appenders.add(appender.getClass().getSimpleName() + ":" + appender.getClass().getMethod("getName").invoke(appender));
            }
            System.out.println("slf4j backend: " + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
            System.out.println("root appenders: " + appenders);
            System.out.println("jdbc-guard logger level: " + org.slf4j.LoggerFactory.getLogger("jdbc-guard").getClass()
                    .getMethod("getEffectiveLevel").invoke(org.slf4j.LoggerFactory.getLogger("jdbc-guard")));
        }
    }
}
