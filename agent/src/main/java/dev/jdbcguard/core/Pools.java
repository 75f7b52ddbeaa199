package dev.jdbcguard.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every connection pool object the JVM created, weakly held: its kind, its number among pools of
 * that kind, and the application line that created it. A pool opening a connection marks this
 * thread, so the driver's connection is attributed to that pool instance.
 */
final class Pools {

    /** One pool instance as tables and reports show it. */
    static final class Pool {
        final String name;
        final CreationSite site;

        Pool(String name, CreationSite site) {
            this.name = name;
            this.site = site;
        }
    }

    private final WeakIdentityMap<Pool> pools = new WeakIdentityMap<>();
    private final Map<String, AtomicInteger> numbers = new ConcurrentHashMap<>();
    private final ThreadLocal<Pool> opening = new ThreadLocal<>();

    void created(Object pool, String type) {
        if (pools.get(pool) != null) {
            return; // a subclass constructor ran the advice of its superclass too
        }
        String kind = kind(type);
        int number = numbers.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        pools.putIfAbsent(pool, new Pool(kind + " #" + number, CreationSite.here()));
    }

    Object begins(Object pool) {
        Pool previous = opening.get();
        Pool current = pools.get(pool);
        if (current == null) {
            created(pool, pool.getClass().getName()); // built before the agent was attached
            current = pools.get(pool);
        }
        opening.set(current);
        return previous;
    }

    void ends(Object previous) {
        if (previous == null) {
            opening.remove();
        } else {
            opening.set((Pool) previous);
        }
    }

    /** The pool opening a connection on this thread right now, or null. */
    Pool current() {
        return opening.get();
    }

    private static String kind(String type) {
        if (type.startsWith("com.zaxxer.hikari.")) {
            return "HikariCP";
        }
        if (type.startsWith("org.apache.commons.dbcp2.")) {
            return "DBCP2";
        }
        if (type.startsWith("com.mchange.")) {
            return "c3p0";
        }
        if (type.startsWith("org.apache.tomcat.jdbc.")) {
            return "Tomcat JDBC";
        }
        return type;
    }
}
