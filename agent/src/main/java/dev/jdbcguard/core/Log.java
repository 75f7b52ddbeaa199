package dev.jdbcguard.core;

import dev.jdbcguard.mask.TextMask;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's one log channel: a line per event, masked, to the destination the {@code logTo}
 * and {@code logFormat} options chose ({@link LogSink}); by default on standard error, e.g.
 * {@code 2026-12-02 03:07:37.850 [WARN] jdbc-guard - ...}, the layout slf4j-simple gives.
 *
 * <p>The agent writes these lines itself rather than through a logging library of its own: it
 * must never touch the application's logging set-up, and the shaded slf4j-simple it used to
 * carry spent some 70 ms of a two-core machine's start-up on its first line (service lookup and
 * the locale data behind {@code SimpleDateFormat}). The application's own logging is used only
 * when asked for, and only once the program has opened a JDBC connection ({@link ApplicationLog}).
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

    private static volatile Level threshold = Level.INFO;
    private static volatile LogSink sink = new LogSink.Stream(null, false);

    private Log() {
    }

    /** The lowest level written; errors are written unless the level is OFF. */
    public static void configure(Level level) {
        threshold = level;
    }

    /** The level and, once for the JVM's life, the destination; a file that will not open is reported. */
    public static void configure(Options options) {
        threshold = options.logLevel();
        List<String> problems = new ArrayList<>(1);
        sink = LogSink.open(options.logTo(), options.logJson(), problems);
        for (String problem : problems) {
            error(problem);
        }
    }

    /**
     * A JDBC connection was opened, or adopted at its first use, on the current thread: the
     * application's logging, when it is the destination, may be used from now on.
     */
    public static void connectionSeen(Object connection) {
        sink.connectionSeen(connection);
    }

    public static void debug(String message) {
        write(Level.DEBUG, "DEBUG", message);
    }

    public static boolean debugEnabled() {
        return threshold == Level.DEBUG;
    }

    public static void info(String message) {
        write(Level.INFO, "INFO", message);
    }

    public static void warn(String message) {
        write(Level.WARN, "WARN", message);
    }

    public static void error(String message) {
        write(Level.WARN, "ERROR", message);
    }

    private static void write(Level level, String name, String message) {
        if (level.compareTo(threshold) < 0) {
            return;
        }
        sink.write(name, masked(message));
    }

    /**
     * Every line passes the one mask for free text: lines quote drivers' messages, and a driver
     * may echo the URL it was given, password and all.
     */
    private static String masked(String message) {
        try {
            return TextMask.mask(message);
        } catch (RuntimeException | StackOverflowError e) {
            return "(a log line was withheld: masking its secrets failed with " + e.getClass().getSimpleName() + ")";
        }
    }
}
