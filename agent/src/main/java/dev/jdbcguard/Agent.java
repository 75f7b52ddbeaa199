package dev.jdbcguard;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.instrument.Installer;
import dev.jdbcguard.report.GuardBean;
import dev.jdbcguard.report.Log;
import dev.jdbcguard.runtime.ConnectionRegistry;
import dev.jdbcguard.runtime.Counters;
import dev.jdbcguard.runtime.Guard;
import dev.jdbcguard.runtime.Options;
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
        Options options = Options.parse(args, System.getProperties());
        Log.configure(options.logLevel());
        for (String error : options.errors()) {
            Log.error(error);
        }
        ConnectionRegistry registry = new ConnectionRegistry();
        Counters counters = new Counters();
        Guard guard = new Guard(registry, options, counters, attached);
        Bridge.install(guard);
        guard.startLeakWatch();
        long start = System.nanoTime();
        Installer.install(inst, attached);
        long installMillis = (System.nanoTime() - start) / 1_000_000;
        new GuardBean(registry, counters, options.toString()).registerInBackground();
        System.setProperty("jdbcguard.running", (attached ? "attached" : "-javaagent") + " at "
                + new java.util.Date() + ", " + options);
        Log.info("started (" + (attached ? "attached" : "-javaagent") + "): " + options
                + (attached ? "; already-loaded JDBC classes retransformed in " + installMillis + " ms" : ""));
    }
}
