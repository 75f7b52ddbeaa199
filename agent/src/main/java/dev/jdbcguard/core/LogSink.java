package dev.jdbcguard.core;

import dev.jdbcguard.mask.TextMask;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Where the agent's log lines go, chosen once at start-up by the {@code logTo} and
 * {@code logFormat} options: standard error or a file (in slf4j-simple's text layout or as JSON
 * lines), or the application's own logging ({@link ApplicationLog}). Every line reaching a sink
 * has already been masked by {@link Log}.
 */
abstract class LogSink {

    static final String LOGGER = "jdbc-guard";
    private static final String FILE = "file:";

    /** One masked line; level is DEBUG, INFO, WARN or ERROR. */
    abstract void write(String level, String message);

    /**
     * A JDBC connection was opened or first used, on the thread that did it. Only the
     * application's logging waits for this; the other sinks have nothing to do.
     */
    void connectionSeen(Object connection) {
    }

    static boolean validDestination(String text) {
        String lower = Options.lower(text);
        return lower.equals("stderr") || lower.equals("application")
                || lower.startsWith(FILE) && !text.substring(FILE.length()).trim().isEmpty();
    }

    /**
     * The sink for an option value {@link #validDestination} accepted. A file that cannot be
     * opened adds one sentence to {@code problems} and gives standard error: logging must never
     * be the reason a program fails to start.
     */
    static LogSink open(String logTo, boolean json, List<String> problems) {
        String lower = Options.lower(logTo);
        if (lower.equals("application")) {
            return new ApplicationLog(json);
        }
        if (lower.startsWith(FILE)) {
            String path = logTo.substring(FILE.length()).trim();
            try {
                // append, created if missing; println flushes, so a crash loses no finished line
                return new Stream(new PrintStream(new FileOutputStream(path, true), true, "UTF-8"), json);
            } catch (IOException | SecurityException e) {
                problems.add("cannot open the log file " + path + " given by logTo=" + logTo + " (" + e.getMessage()
                        + "); logging to standard error instead");
            }
        }
        return new Stream(null, json);
    }

    /** Standard error (looked up at each line: a program may replace System.err) or a file. */
    static final class Stream extends LogSink {
        private final PrintStream file;
        private final boolean json;

        Stream(PrintStream file, boolean json) {
            this.file = file;
            this.json = json;
        }

        @Override
        void write(String level, String message) {
            // one println per line: PrintStream locks per call, so lines of two threads never mix
            (file != null ? file : System.err).println(format(json, System.currentTimeMillis(), level,
                    json ? ThreadNames.current() : null, message));
        }
    }

    static String format(boolean json, long millis, String level, String thread, String message) {
        return json ? json(millis, level, thread, message) : text(millis, level, message);
    }

    /** slf4j-simple's layout: {@code 2026-12-02 03:07:37.850 [WARN] jdbc-guard - ...}. */
    static String text(long millis, String level, String message) {
        return Timestamps.local(millis) + " [" + level + "] " + LOGGER + " - " + message;
    }

    /** One JSON object on one line, the fields log shippers look for. */
    static String json(long millis, String level, String thread, String message) {
        StringBuilder out = new StringBuilder(message.length() + 128);
        out.append("{\"timestamp\":\"").append(Timestamps.iso(millis)).append("\",\"level\":\"").append(level)
                .append("\",\"logger\":\"").append(LOGGER).append("\",\"thread\":");
        // a thread's name is the program's free text, masked like a message
        Json.quote(out, TextMask.mask(thread)).append(",\"message\":");
        return Json.quote(out, message).append('}').toString();
    }
}
