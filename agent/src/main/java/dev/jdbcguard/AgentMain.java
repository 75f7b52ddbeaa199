package dev.jdbcguard;

import java.lang.instrument.Instrumentation;

/**
 * Entry points of the one jar: {@code -javaagent} (premain), attach (agentmain) and the command
 * line (main). Nothing here may touch the bootstrap bridge before {@link BootstrapInjector} has
 * defined it in the boot loader, or a second copy would load from the application loader.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    public static void main(String[] args) {
        dev.jdbcguard.cli.Cli.main(args);
    }

    private static synchronized void start(String args, Instrumentation inst, boolean attached) {
        try {
            BootstrapInjector.inject(inst);
            Agent.start(args, inst, attached);
        } catch (Throwable t) {
            System.err.println("[jdbc-guard] ERROR the agent could not start (" + t
                    + "); the application runs without it");
        }
    }
}
