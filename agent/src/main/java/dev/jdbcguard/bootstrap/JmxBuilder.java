package dev.jdbcguard.bootstrap;

import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * Lets the agent's JMX bean appear the moment anybody creates the platform MBean server (a JMX
 * console, {@code status}, the application itself), instead of the agent creating that server at
 * start-up for nothing: it loads some 250 classes. Named by {@code javax.management.builder.initial}
 * and kept on the bootstrap path, so that whatever thread creates the server can load it.
 */
public final class JmxBuilder extends MBeanServerBuilder {

    private static volatile Object bean;
    private static volatile String name;

    /** Remembers what to register; before any server exists, this is all it does. */
    public static void offer(Object mbean, String objectName) {
        bean = mbean;
        name = objectName;
    }

    @Override
    public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
        MBeanServer server = super.newMBeanServer(defaultDomain, outer, delegate);
        Object mbean = bean;
        if (mbean != null && outer == null && platformServerBeingBuilt()) {
            try {
                server.registerMBean(mbean, new javax.management.ObjectName(name));
            } catch (Throwable ignored) {
                // the server works without our bean; never the host program's problem
            }
        }
        return server;
    }

    /** Applications may build private servers too; the bean belongs in the platform one only. */
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
