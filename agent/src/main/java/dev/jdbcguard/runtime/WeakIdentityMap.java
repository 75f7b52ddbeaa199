package dev.jdbcguard.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identity map with weakly held keys, for per-object state of objects we do not own. Lookups
 * allocate nothing (a per-thread probe object is reused); a value must never reference its key,
 * or the key could never be collected.
 */
final class WeakIdentityMap<V> {

    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final ThreadLocal<Probe> probes = new ThreadLocal<Probe>() {
        @Override
        protected Probe initialValue() {
            return new Probe();
        }
    };

    V get(Object key) {
        Probe probe = probes.get();
        probe.target = key;
        probe.hash = System.identityHashCode(key);
        try {
            return map.get(probe);
        } finally {
            probe.target = null;
        }
    }

    /** Puts the value unless one is there; returns the value now in the map. */
    V putIfAbsent(Object key, V value) {
        V existing = map.putIfAbsent(new Key<>(key, value, collected), value);
        return existing == null ? value : existing;
    }

    V remove(Object key) {
        Probe probe = probes.get();
        probe.target = key;
        probe.hash = System.identityHashCode(key);
        try {
            return map.remove(probe);
        } finally {
            probe.target = null;
        }
    }

    /** Values whose keys were garbage-collected since the last call (and drops their entries). */
    List<V> drainCollected() {
        List<V> values = new ArrayList<>();
        for (Object ref; (ref = collected.poll()) != null; ) {
            @SuppressWarnings("unchecked")
            Key<V> key = (Key<V>) ref;
            map.remove(key);
            values.add(key.value);
        }
        return values;
    }

    /** Waits up to {@code millis} for a key to be collected, then drains as {@link #drainCollected}. */
    List<V> awaitCollected(long millis) throws InterruptedException {
        List<V> values = new ArrayList<>();
        Object first = collected.remove(millis);
        if (first != null) {
            @SuppressWarnings("unchecked")
            Key<V> key = (Key<V>) first;
            map.remove(key);
            values.add(key.value);
            values.addAll(drainCollected());
        }
        return values;
    }

    Collection<V> values() {
        return map.values();
    }

    int size() {
        return map.size();
    }

    private static final class Key<V> extends WeakReference<Object> {
        private final int hash;
        final V value;

        Key(Object referent, V value, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
            this.value = value;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            if (other instanceof Key) {
                Object mine = get();
                return mine != null && mine == ((Key<?>) other).get();
            }
            return other instanceof Probe && ((Probe) other).target == get();
        }
    }

    private static final class Probe {
        Object target;
        int hash;

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key<?>) other).get() == target;
        }
    }
}
