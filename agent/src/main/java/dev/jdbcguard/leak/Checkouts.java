package dev.jdbcguard.leak;

import dev.jdbcguard.core.ConnectionRegistry;
import dev.jdbcguard.core.Counters;
import dev.jdbcguard.core.CreationSite;
import dev.jdbcguard.core.Events;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.ThreadNames;
import dev.jdbcguard.core.TrackedConnection;
import dev.jdbcguard.core.WeakIdentityMap;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * "Held too long", across every pool in the JVM: a connection checked out of a pool (or open
 * without one) for longer than {@code heldTooLong} is reported once with who took it and where,
 * and "returned after N s" follows when it comes back. Off by default: tracking a checkout costs
 * a stack capture per borrow, as it does in the pools that offer it.
 */
final class Checkouts {

    /** One borrow of a pooled connection. */
    static final class Checkout {
        final TrackedConnection connection;
        final long startMillis = System.currentTimeMillis();
        final String thread = ThreadNames.current();
        final StackTraceElement[] stack = new Throwable().getStackTrace();
        volatile boolean reported;

        Checkout(TrackedConnection connection) {
            this.connection = connection;
        }
    }

    private final long thresholdMillis;
    private final ConnectionRegistry registry;
    private final Counters counters;
    private final WeakIdentityMap<Checkout> open = new WeakIdentityMap<>();

    Checkouts(long thresholdMillis, ConnectionRegistry registry, Counters counters) {
        this.thresholdMillis = thresholdMillis;
        this.registry = registry;
        this.counters = counters;
    }

    boolean enabled() {
        return thresholdMillis > 0;
    }

    void checkedOut(Object proxy) {
        if (!enabled()) {
            return;
        }
        TrackedConnection t = registry.find(physical(proxy));
        if (t != null) {
            open.putIfAbsent(proxy, new Checkout(t));
        }
    }

    void checkedIn(Object proxy) {
        if (!enabled()) {
            return;
        }
        Checkout c = open.remove(proxy);
        if (c != null && c.reported) {
            Log.info("connection " + c.connection.label() + " returned to " + c.connection.pool + " after "
                    + seconds(System.currentTimeMillis() - c.startMillis) + " (taken by thread \"" + c.thread
                    + "\", reported as held too long)");
        }
    }

    /** Connections open without a pool are "held" from open to close. */
    void closedUnpooled(TrackedConnection t) {
        if (enabled() && t.heldReported) {
            Log.info("connection " + t.label() + " closed after " + seconds(System.currentTimeMillis() - t.openedAtMillis)
                    + " (opened by thread \"" + t.openedBy + "\", reported as held too long)");
        }
    }

    /** Runs once a second on the agent's background thread. */
    void scan() {
        if (!enabled()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Checkout c : open.values()) {
            if (!c.reported && now - c.startMillis > thresholdMillis) {
                c.reported = true;
                counters.heldTooLong.increment();
                Log.warn("connection " + c.connection.label() + " checked out of " + c.connection.pool + " by thread \""
                        + c.thread + "\" " + seconds(now - c.startMillis) + " ago and not returned (heldTooLong="
                        + seconds(thresholdMillis) + "); taken at " + CreationSite.chainOf(c.stack)
                        + stackText(c.stack));
                Events.flight().heldTooLong(c.connection, c.connection.pool, c.thread, now - c.startMillis,
                        CreationSite.chainOf(c.stack));
            }
        }
        for (TrackedConnection t : registry.live()) {
            if (t.pool == null && !t.heldReported && now - t.openedAtMillis > thresholdMillis) {
                t.heldReported = true;
                counters.heldTooLong.increment();
                Log.warn("connection " + t.label() + " open without a pool for " + seconds(now - t.openedAtMillis)
                        + " (heldTooLong=" + seconds(thresholdMillis) + "), opened by thread \"" + t.openedBy + "\" at "
                        + t.site.chain());
                Events.flight().heldTooLong(t, null, t.openedBy, now - t.openedAtMillis, t.site.chain());
            }
        }
    }

    /** The physical connection inside a pool's proxy (HikariCP, DBCP2, c3p0). */
    private static Object physical(Object proxy) {
        Object inner = proxy;
        for (int depth = 0; depth < 5 && inner != null; depth++) {
            Object next = delegateOf(inner);
            if (next == null) {
                return inner;
            }
            inner = next;
        }
        return inner;
    }

    private static Object delegateOf(Object wrapper) {
        for (Class<?> c = wrapper.getClass(); c != null; c = c.getSuperclass()) {
            String name = c.getName();
            try {
                if (name.equals("com.zaxxer.hikari.pool.ProxyConnection")) {
                    return field(c, "delegate").get(wrapper);
                }
                if (name.equals("com.mchange.v2.c3p0.impl.NewProxyConnection")) {
                    return field(c, "inner").get(wrapper);
                }
                if (name.equals("org.apache.tomcat.jdbc.pool.PooledConnection")) {
                    return c.getMethod("getConnection").invoke(wrapper);
                }
                if (name.equals("org.apache.commons.dbcp2.DelegatingConnection")) {
                    Method innermost = c.getDeclaredMethod("getInnermostDelegateInternal");
                    innermost.setAccessible(true);
                    Object found = innermost.invoke(wrapper);
                    return found == wrapper ? null : found;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static String stackText(StackTraceElement[] stack) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (StackTraceElement frame : stack) {
            if (CreationSite.isAgent(frame.getClassName())) {
                continue;
            }
            if (shown++ == 12) {
                break;
            }
            text.append("\n        at ").append(frame);
        }
        return text.toString();
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
