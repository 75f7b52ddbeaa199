package dev.jdbcguard.bootstrap;

import java.util.function.Consumer;
import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * Lets the agent's JMX beans appear the moment anybody creates the platform MBean server (a JMX
 * console, {@code status}, a scraper's agent, the application itself), instead of the agent
 * creating that server at start-up for nothing: it loads some 250 classes. Named by
 * {@code javax.management.builder.initial} and kept on the bootstrap path, so that whatever thread
 * creates the server can load it.
 */
public final class JmxBuilder extends MBeanServerBuilder {

    private static volatile Consumer<MBeanServer> onPlatformServer;

    /**
     * Remembers who registers the beans; before any server exists, this is all it does. The
     * consumer is called inside {@code ManagementFactory.getPlatformMBeanServer()}: it must use
     * the server it is given, never ask for the platform server again.
     */
    public static void offer(Consumer<MBeanServer> registrar) {
        onPlatformServer = registrar;
    }

    @Override
    public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
        MBeanServer server = super.newMBeanServer(defaultDomain, outer, delegate);
        Consumer<MBeanServer> registrar = onPlatformServer;
        if (registrar != null && outer == null && platformServerBeingBuilt()) {
            try {
                registrar.accept(server);
            } catch (Throwable ignored) {
                // the server works without our beans; never the host program's problem
            }
        }
        return server;
    }

    /** Applications may build private servers too; the beans belong in the platform one only. */
    private static boolean platformServerBeingBuilt() {
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            if (frame.getClassName().equals("java.lang.management.ManagementFactory")
                    && frame.getMethodName().equals("getPlatformMBeanServer")) {
                return true;
            }
        }
        return false;
    }
}
