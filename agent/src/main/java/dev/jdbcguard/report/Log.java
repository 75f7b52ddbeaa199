package dev.jdbcguard.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one log channel: standard error, logger name {@code jdbc-guard}, through the
 * shaded slf4j-simple, so the application's own logging set-up is never touched.
 */
public final class Log {

    /** The levels the {@code log} option accepts. */
    public enum Level {
        DEBUG, INFO, WARN, OFF;

        public static Level parse(String text) {
            for (Level level : values()) {
                if (level.name().equalsIgnoreCase(text)) {
                    return level;
                }
            }
            return null;
        }
    }

    private static volatile Logger logger;
    private static boolean configured;

    private Log() {
    }

    /** Must run before the first line is logged; later calls have no effect on slf4j-simple. */
    public static synchronized void configure(Level level) {
        // These names are rewritten by the shade relocation together with slf4j itself, so
        // they configure only the agent's private copy, never the application's slf4j.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level.name().toLowerCase(java.util.Locale.ROOT));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        configured = true;
    }

    /** Built at the first line, not in configure: slf4j's start-up is tens of milliseconds. */
    private static Logger logger() {
        Logger l = logger;
        if (l == null) {
            l = create();
        }
        return l;
    }

    private static synchronized Logger create() {
        if (logger == null) {
            if (!configured) {
                configure(Level.INFO);
            }
            logger = LoggerFactory.getLogger("jdbc-guard");
        }
        return logger;
    }

    public static void debug(String message) {
        logger().debug(message);
    }

    public static boolean debugEnabled() {
        return logger().isDebugEnabled();
    }

    public static void info(String message) {
        logger().info(message);
    }

    public static void warn(String message) {
        logger().warn(message);
    }

    public static void error(String message) {
        logger().error(message);
    }
}
