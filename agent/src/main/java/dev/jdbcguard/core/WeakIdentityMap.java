package dev.jdbcguard.core;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Identity map with weakly held keys, for per-object state of objects we do not own. A value
 * must never reference its key, or the key could never be collected.
 *
 * <p>{@link #get} runs on every JDBC call, so it takes no lock, allocates nothing and touches
 * few cache lines: an identity hash, one array slot and a short chain. The chains are immutable;
 * writers (rare: a connection opened, closed or collected) build a new chain under the lock and
 * publish it with one volatile store, so a reader always walks a complete chain.
 */
public final class WeakIdentityMap<V> {

    private static final int INITIAL_CAPACITY = 64;

    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private volatile AtomicReferenceArray<Node<V>> table = new AtomicReferenceArray<>(INITIAL_CAPACITY);
    private volatile int size;

    V get(Object key) {
        int hash = System.identityHashCode(key);
        AtomicReferenceArray<Node<V>> tab = table;
        for (Node<V> n = tab.get(hash & (tab.length() - 1)); n != null; n = n.next) {
            if (n.key.hash == hash && n.key.get() == key) {
                return n.key.value;
            }
        }
        return null;
    }

    /** Puts the value unless one is there; returns the value now in the map. */
    public synchronized V putIfAbsent(Object key, V value) {
        V existing = get(key);
        if (existing != null) {
            return existing;
        }
        if ((size + 1) * 4 > table.length() * 3) {
            grow();
        }
        Key<V> k = new Key<>(key, value, collected);
        AtomicReferenceArray<Node<V>> tab = table;
        int slot = k.hash & (tab.length() - 1);
        tab.set(slot, new Node<>(k, tab.get(slot)));
        size++;
        return value;
    }

    public synchronized V remove(Object key) {
        int hash = System.identityHashCode(key);
        for (Node<V> n = table.get(hash & (table.length() - 1)); n != null; n = n.next) {
            if (n.key.hash == hash && n.key.get() == key) {
                unlink(n.key);
                n.key.clear(); // never enqueued now: a removed entry is not "collected" later
                return n.key.value;
            }
        }
        return null;
    }

    /** Values whose keys were garbage-collected since the last call (and drops their entries). */
    List<V> drainCollected() {
        List<V> values = new ArrayList<>();
        for (Object ref; (ref = collected.poll()) != null; ) {
            dropCollected(ref, values);
        }
        return values;
    }

    /** Waits up to {@code millis} for a key to be collected, then drains as {@link #drainCollected}. */
    List<V> awaitCollected(long millis) throws InterruptedException {
        List<V> values = new ArrayList<>();
        Object first = collected.remove(millis);
        if (first != null) {
            dropCollected(first, values);
            values.addAll(drainCollected());
        }
        return values;
    }

    /** Every value, including those whose key was collected but not yet drained. */
    public Collection<V> values() {
        List<V> values = new ArrayList<>(size);
        AtomicReferenceArray<Node<V>> tab = table;
        for (int i = 0; i < tab.length(); i++) {
            for (Node<V> n = tab.get(i); n != null; n = n.next) {
                values.add(n.key.value);
            }
        }
        return values;
    }

    int size() {
        return size;
    }

    private void dropCollected(Object ref, List<V> values) {
        @SuppressWarnings("unchecked")
        Key<V> key = (Key<V>) ref;
        synchronized (this) {
            if (!unlink(key)) {
                return; // removed before it was collected: already accounted for
            }
        }
        values.add(key.value);
    }

    /** Replaces the chain holding {@code key} by one without it; false when it is not there. */
    private boolean unlink(Key<V> key) {
        AtomicReferenceArray<Node<V>> tab = table;
        int slot = key.hash & (tab.length() - 1);
        Node<V> head = tab.get(slot);
        Node<V> removed = head;
        while (removed != null && removed.key != key) {
            removed = removed.next;
        }
        if (removed == null) {
            return false;
        }
        Node<V> rebuilt = removed.next;
        for (Node<V> n = head; n != removed; n = n.next) {
            rebuilt = new Node<>(n.key, rebuilt); // the order within a chain does not matter
        }
        tab.set(slot, rebuilt);
        size--;
        return true;
    }

    private void grow() {
        AtomicReferenceArray<Node<V>> old = table;
        AtomicReferenceArray<Node<V>> bigger = new AtomicReferenceArray<>(old.length() * 2);
        for (int i = 0; i < old.length(); i++) {
            for (Node<V> n = old.get(i); n != null; n = n.next) {
                int slot = n.key.hash & (bigger.length() - 1);
                bigger.set(slot, new Node<>(n.key, bigger.get(slot)));
            }
        }
        table = bigger;
    }

    /** The one weak reference per entry; nodes that copy a chain share it. */
    private static final class Key<V> extends WeakReference<Object> {
        final int hash;
        final V value;

        Key(Object referent, V value, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
            this.value = value;
        }
    }

    private static final class Node<V> {
        final Key<V> key;
        final Node<V> next;

        Node(Key<V> key, Node<V> next) {
            this.key = key;
            this.next = next;
        }
    }
}
