package dev.jdbcguard.core;

import dev.jdbcguard.mask.TextMask;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code logTo=application}: the agent's lines go through the program's own logging, SLF4J when
 * the program has it, else {@code java.util.logging}, under the logger name {@code jdbc-guard}.
 *
 * <p>The program's logging set-up is never touched, and nothing reaches it before the program
 * had its chance to configure it: until a JDBC connection is opened (or, after an attach, first
 * used) on one of the program's threads, lines are held, at most {@value #HELD}. By then a
 * program has set up its logging. SLF4J is looked up through that thread's context class loader
 * and the loader of the connection's class, never through the agent's own loader (a Spring Boot
 * jar's libraries are visible to neither the agent nor the system class loader), and only by
 * reflection: the agent carries no logging library, and never calls LoggerFactory from premain.
 */
final class ApplicationLog extends LogSink {

    static final int HELD = 256;
    private static final String JUL = "java.util.logging";

    /** Set while a line is handed to the program's logging: a line it causes goes to stderr. */
    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

    private final boolean json;
    private final Object lock = new Object();
    private final AtomicBoolean resolving = new AtomicBoolean();
    private volatile Target target;
    private List<Held> held = new ArrayList<>();
    private int dropped;

    ApplicationLog(boolean json) {
        this.json = json;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(this::neverDelivered, "jdbc-guard-log"));
        } catch (IllegalStateException | SecurityException e) {
            // shutting down already, or not allowed: held lines are then lost with the JVM
        }
    }

    @Override
    void write(String level, String message) {
        Target ready = target;
        if (ready == null) {
            synchronized (lock) {
                ready = target;
                if (ready == null) {
                    hold(level, message);
                    return;
                }
            }
        }
        deliver(ready, level, message);
    }

    private void hold(String level, String message) {
        if (held == null) { // delivered to stderr at shutdown
            stderr(level, message);
        } else if (held.size() < HELD) {
            held.add(new Held(level, message, System.currentTimeMillis(), ThreadNames.current()));
        } else {
            dropped++;
        }
    }

    /** The first connection: find the program's logging, then hand it the held lines. */
    @Override
    void connectionSeen(Object connection) {
        if (target != null || !resolving.compareAndSet(false, true)) {
            return; // the one volatile read every later connection pays
        }
        Target found;
        try {
            found = Target.find(Thread.currentThread().getContextClassLoader(), connection.getClass().getClassLoader());
        } catch (RuntimeException | LinkageError e) {
            // e.g. a JVM without the java.logging module: standard error for good, not a retry per connection
            found = new Target("standard error (" + e + ")") {
                @Override
                void log(String level, String message) {
                    stderr(level, message);
                }
            };
        }
        if (found == null) {
            resolving.set(false); // SLF4J is initialising on this very thread: ask at the next connection
            return;
        }
        List<Held> lines;
        int lost;
        synchronized (lock) {
            if (held == null) {
                return; // the JVM is shutting down and the lines went to stderr
            }
            lines = held;
            lost = dropped;
            held = null;
            target = found;
        }
        for (Held h : lines) {
            deliver(found, h.level, h.message + " [held from " + Timestamps.local(h.millis) + " on thread "
                    + TextMask.mask(h.thread) + " until the first JDBC connection]");
        }
        if (lost > 0) {
            deliver(found, "WARN", lost + " earlier line(s) were dropped: at most " + HELD + " are held until the"
                    + " first JDBC connection");
        }
        Log.debug("logging through the application's " + found.name + " as logger " + LOGGER);
    }

    private void deliver(Target to, String level, String message) {
        if (INSIDE.get() != null) {
            stderr(level, message); // the program's appender itself used JDBC: no endless loop
            return;
        }
        INSIDE.set(Boolean.TRUE);
        try {
            to.log(level, message);
        } catch (Exception | LinkageError e) {
            stderr(level, message);
        } finally {
            INSIDE.remove();
        }
    }

    private void stderr(String level, String message) {
        System.err.println(format(json, System.currentTimeMillis(), level, ThreadNames.current(), message));
    }

    /** No JDBC connection in this JVM's whole life: the held lines, at least on stderr. */
    private void neverDelivered() {
        List<Held> lines;
        int lost;
        synchronized (lock) {
            if (held == null || target != null) {
                return;
            }
            lines = held;
            lost = dropped;
            held = null;
        }
        for (Held h : lines) {
            System.err.println(format(json, h.millis, h.level, h.thread, h.message + " [held for the application's"
                    + " logging, which was never used: no JDBC connection was opened]"));
        }
        if (lost > 0) {
            stderr("WARN", lost + " more line(s) were dropped: at most " + HELD + " are held");
        }
    }

    private static final class Held {
        final String level;
        final String message;
        final long millis;
        final String thread;

        Held(String level, String message, long millis, String thread) {
            this.level = level;
            this.message = message;
            this.millis = millis;
            this.thread = thread;
        }
    }

    /** The program's logging, reached by reflection (SLF4J) or directly (the JDK's own). */
    abstract static class Target {
        final String name;

        Target(String name) {
            this.name = name;
        }

        abstract void log(String level, String message) throws Exception;

        /**
         * SLF4J from the first loader that sees it and has a real backend, else
         * java.util.logging; null while SLF4J is still initialising (a backend's own start-up
         * opened this connection).
         */
        static Target find(ClassLoader... loaders) {
            for (ClassLoader loader : loaders) {
                if (loader == null) {
                    continue;
                }
                Class<?> factory;
                try {
                    factory = Class.forName("org.slf4j.LoggerFactory", true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                try {
                    Object backend = factory.getMethod("getILoggerFactory").invoke(null);
                    String kind = backend == null ? "" : backend.getClass().getName();
                    if (kind.equals("org.slf4j.helpers.SubstituteLoggerFactory")) {
                        return null;
                    }
                    if (backend == null || kind.startsWith("org.slf4j.helpers.NOP")) {
                        continue; // SLF4J without a backend drops every line: the JDK's logging at least prints them
                    }
                    Object logger = factory.getMethod("getLogger", String.class).invoke(null, LOGGER);
                    return new Slf4j(logger, Class.forName("org.slf4j.Logger", false, factory.getClassLoader()), kind);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
            }
            return new Jdk();
        }
    }

    private static final class Slf4j extends Target {
        private final Object logger;
        private final Method debug;
        private final Method info;
        private final Method warn;
        private final Method error;

        Slf4j(Object logger, Class<?> api, String backend) throws NoSuchMethodException {
            super("SLF4J (" + backend + ")");
            this.logger = logger;
            this.debug = api.getMethod("debug", String.class);
            this.info = api.getMethod("info", String.class);
            this.warn = api.getMethod("warn", String.class);
            this.error = api.getMethod("error", String.class);
        }

        @Override
        void log(String level, String message) throws Exception {
            Method m = level.equals("INFO") ? info : level.equals("WARN") ? warn : level.equals("ERROR") ? error : debug;
            m.invoke(logger, message);
        }
    }

    private static final class Jdk extends Target {
        private final Logger logger = Logger.getLogger(LOGGER);

        Jdk() {
            super(JUL);
        }

        @Override
        void log(String level, String message) {
            Level jdk = level.equals("INFO") ? Level.INFO : level.equals("WARN") ? Level.WARNING
                    : level.equals("ERROR") ? Level.SEVERE : Level.FINE;
            // the logger's name as the source: else the JDK's formatter names the agent's class
            logger.logp(jdk, LOGGER, null, message);
        }
    }
}
