package dev.jdbcguard.core;

import java.lang.reflect.Method;

/**
 * A name for every thread a log line mentions. Virtual threads have none by default ("" from
 * getName()), which made lines read "on thread : idle 3.0 s"; they are named "virtual thread #42"
 * after their id (what jcmd Thread.dump_to_file prints too). The agent is Java 8 bytecode, so
 * whether a thread is virtual is asked through Thread.isVirtual found once by reflection (absent
 * before Java 19: then such a thread is only "unnamed").
 */
public final class ThreadNames {

    private static final Method IS_VIRTUAL = isVirtualMethod();
    /** The current thread's label when it has no name: the call path asks on every call. */
    private static final ThreadLocal<String> UNNAMED = new ThreadLocal<>();

    private ThreadNames() {
    }

    /** The current thread's name, or its label: no allocation after its first call. */
    public static String current() {
        Thread t = Thread.currentThread();
        String name = t.getName();
        if (!name.isEmpty()) {
            return name;
        }
        String label = UNNAMED.get();
        if (label == null) {
            label = label(t);
            UNNAMED.set(label);
        }
        return label;
    }

    /** Any thread's name, or its label when it has none. */
    public static String of(Thread t) {
        String name = t.getName();
        return name.isEmpty() ? label(t) : name;
    }

    @SuppressWarnings("deprecation") // getId: threadId() is Java 19+, and they agree
    private static String label(Thread t) {
        return (isVirtual(t) ? "virtual thread #" : "unnamed thread #") + t.getId();
    }

    static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (Boolean) IS_VIRTUAL.invoke(t);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Method isVirtualMethod() {
        try {
            return Thread.class.getMethod("isVirtual");
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }
}
