package dev.jdbcguard.bench;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the building blocks of a tracked JDBC call cost on this machine (no agent involved), to
 * read the hot-path numbers against: the clock reads, the atomic claim of a connection and the
 * volatile stores that publish idle time and release, and the weak identity lookup of the
 * connection's state (a thread-local probe into a ConcurrentHashMap of weak keys).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PrimitivesBench {

    private static final AtomicReferenceFieldUpdater<PrimitivesBench, Thread> INSIDE =
            AtomicReferenceFieldUpdater.newUpdater(PrimitivesBench.class, Thread.class, "inside");

    private volatile Thread inside;
    private volatile long lastUsed;
    private long plain;
    private final ConcurrentHashMap<Object, Object> map = new ConcurrentHashMap<>();
    private final ThreadLocal<Probe> probes = ThreadLocal.withInitial(Probe::new);
    private Object key;

    @Setup(Level.Trial)
    public void fill() {
        for (int i = 0; i < 16; i++) {
            Object k = new Object();
            map.put(new Key(k), "v" + i);
            if (i == 7) {
                key = k;
            }
        }
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    /** The claim and release of a connection: one CAS, one volatile store. */
    @Benchmark
    public boolean casThenVolatileRelease() {
        boolean claimed = INSIDE.compareAndSet(this, null, Thread.currentThread());
        inside = null;
        return claimed;
    }

    @Benchmark
    public void volatileLongStore() {
        lastUsed = ++plain;
    }

    /** A plain store: what a release store (setRelease / lazySet) costs on x86, where it needs no fence. */
    @Benchmark
    public void plainLongStore() {
        plain++;
    }

    @Benchmark
    public Object weakIdentityLookup() {
        Probe probe = probes.get();
        probe.target = key;
        probe.hash = System.identityHashCode(key);
        try {
            return map.get(probe);
        } finally {
            probe.target = null;
        }
    }

    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent) {
            super(referent);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other == this || other instanceof Probe && ((Probe) other).target == get();
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
            return other instanceof Key && ((Key) other).get() == target;
        }
    }
}
