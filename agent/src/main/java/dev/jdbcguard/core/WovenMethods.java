package dev.jdbcguard.core;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The methods the agent wove, by class and method name: a thread whose stack holds none of them
 * is not inside a JDBC call, whatever a connection's claim says. Written at weaving, read only
 * when a claim looks left behind.
 */
public final class WovenMethods {

    private static final ConcurrentHashMap<String, Boolean> NAMES = new ConcurrentHashMap<>();

    private WovenMethods() {
    }

    /** {@code className}: binary name, as stack traces give it. */
    public static void add(String className, String method) {
        NAMES.put(className + '#' + method, Boolean.TRUE);
    }

    /** How many frames of {@code stack} are in woven methods. */
    static int countOn(StackTraceElement[] stack) {
        int count = 0;
        for (StackTraceElement frame : stack) {
            if (NAMES.containsKey(frame.getClassName() + '#' + frame.getMethodName())) {
                count++;
            }
        }
        return count;
    }
}
