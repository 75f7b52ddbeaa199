package dev.jdbcguard;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.core.ConnectionRegistry;
import dev.jdbcguard.core.Counters;
import dev.jdbcguard.core.Events;
import dev.jdbcguard.core.Guard;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.Options;
import dev.jdbcguard.core.StateView;
import dev.jdbcguard.core.Timestamps;
import dev.jdbcguard.diagnose.LossReport;
import dev.jdbcguard.heal.Healer;
import dev.jdbcguard.instrument.Installer;
import dev.jdbcguard.leak.LeakWatch;
import dev.jdbcguard.report.GuardBean;
import dev.jdbcguard.sharing.ThreadWatch;
import java.lang.instrument.Instrumentation;

/** Starts the agent once the bridge is reachable: options, registry, hooks, instrumentation. */
final class Agent {

    private Agent() {
    }

    static void start(String args, Instrumentation inst, boolean attached) {
        if (Bridge.installed()) {
            Log.info("already running in this JVM; the new options were ignored: " + args);
            return;
        }
        Options options = Options.ofThisProcess(args);
        Log.configure(options);
        for (String error : options.errors()) {
            Log.error(error);
        }
        for (String warning : options.warnings()) {
            Log.warn(warning);
        }
        recordFlights();
        ConnectionRegistry registry = new ConnectionRegistry();
        Counters counters = new Counters();
        // the capabilities, each handed to the core through the interface the core owns for it
        LossReport losses = new LossReport(registry);
        LeakWatch leaks = new LeakWatch(registry, counters, options);
        Guard guard = new Guard(registry, options, counters, attached, new Healer(options, counters, registry, losses),
                new ThreadWatch(options.threads(), options.strictThreads(), counters), leaks, losses);
        Bridge.install(guard.asHooks());
        leaks.start();
        long start = System.nanoTime();
        Installer.install(inst, attached, options.weaveCache());
        long installMillis = (System.nanoTime() - start) / 1_000_000;
        String mode = attached ? "attached" : "-javaagent";
        System.setProperty("jdbcguard.running", mode + ", " + options);
        String started = "started (" + mode + "): " + options
                + (options.sources().isEmpty() ? "" : "; set: " + options.sources() + "; the rest are defaults")
                + (attached ? "; already-loaded JDBC classes retransformed in " + installMillis + " ms" : "");
        GuardBean bean = hasJmx() ? new GuardBean(new StateView(registry, counters), options.toString()) : null;
        boolean offered = bean != null && !attached && bean.offer();
        Thread announce = new Thread(new Announcement(started, offered ? null : bean), "jdbc-guard-start");
        announce.setDaemon(true);
        announce.start();
    }

    /**
     * A JVM started with {@code --limit-modules} may leave out {@code java.management}: the agent
     * then works without its JMX bean instead of failing its start-up on it.
     */
    private static boolean hasJmx() {
        try {
            Class.forName("javax.management.MBeanServerBuilder", false, Agent.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            Log.debug("no JMX bean: this JVM has no java.management");
            return false;
        }
    }

    /**
     * JDK Flight Recorder events where the JVM has {@code jdk.jfr} (Java 8u262 and later, a JVM
     * not started with {@code --limit-modules} leaving it out); elsewhere the core's
     * {@code Flight.OFF} stays. Initializing {@code JfrFlight} installs it; compiled after these
     * sources, it is named, not imported.
     */
    private static void recordFlights() {
        ClassLoader loader = Agent.class.getClassLoader();
        try {
            Class.forName("jdk.jfr.Event", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        try {
            Class.forName("dev.jdbcguard.report.jfr.JfrFlight", true, loader);
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            Events.install(null);
            Log.debug("no JDK Flight Recorder events: " + e);
        }
    }

    /**
     * What start-up can leave to another thread: the first log line (the time zone's set-up) and,
     * when attached, the JMX bean (which may create the platform MBean server).
     */
    private static final class Announcement implements Runnable {
        private final String line;
        private final GuardBean bean;

        Announcement(String line, GuardBean bean) {
            this.line = line;
            this.bean = bean;
        }

        @Override
        public void run() {
            Log.info(line);
            if (bean != null) {
                bean.register();
            }
            System.setProperty("jdbcguard.running", System.getProperty("jdbcguard.running") + ", since "
                    + Timestamps.local(System.currentTimeMillis()));
        }
    }
}
