package dev.jdbcguard.bench;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
 * release store that gives it back, a volatile store for comparison, and a lookup shaped like the
 * agent's weak identity table (identity hash, one array slot, a weak key compared by identity).
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
    private final AtomicReferenceArray<WeakReference<Object>> slots = new AtomicReferenceArray<>(64);
    private Object key;

    @Setup(Level.Trial)
    public void fill() {
        key = new Object();
        slots.set(System.identityHashCode(key) & 63, new WeakReference<>(key));
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    /** The claim and release of a connection: one CAS, one release store. */
    @Benchmark
    public boolean casThenRelease() {
        boolean claimed = INSIDE.compareAndSet(this, null, Thread.currentThread());
        INSIDE.lazySet(this, null);
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
    public boolean weakIdentityLookup() {
        WeakReference<Object> slot = slots.get(System.identityHashCode(key) & 63);
        return slot != null && slot.get() == key;
    }
}
