package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

    @Test
    void keysAreComparedByIdentityNotEquals() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        String a = new String("key");
        String b = new String("key");

        map.putIfAbsent(a, "for a");
        map.putIfAbsent(b, "for b");

        assertThat(map.get(a)).isEqualTo("for a");
        assertThat(map.get(b)).isEqualTo("for b");
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.get(new String("key"))).isNull();
    }

    @Test
    void putIfAbsentKeepsAndReturnsTheExistingValue() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        Object key = new Object();

        assertThat(map.putIfAbsent(key, "first")).isEqualTo("first");
        assertThat(map.putIfAbsent(key, "second")).isEqualTo("first");

        assertThat(map.get(key)).isEqualTo("first");
        assertThat(map.size()).isEqualTo(1);
    }

    @Test
    void getOfAMissingKeyIsNull() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        map.putIfAbsent(new Object(), "other");

        assertThat(map.get(new Object())).isNull();
    }

    @Test
    void collectedKeyIsDrainedWithItsValueAndLeavesTheMap_whileAReachableKeyStays() throws InterruptedException {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        Object kept = new Object();
        map.putIfAbsent(kept, "kept");
        putUnreachableKey(map, "dropped");
        assertThat(map.size()).isEqualTo(2);

        List<String> drained = drainUntil(map, "dropped");

        assertThat(drained).containsExactly("dropped");
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.get(kept)).isEqualTo("kept");
        assertThat(map.drainCollected()).isEmpty();
        Reference.reachabilityFence(kept);
    }

    @Test
    void valueOfAStronglyReachableKeyIsNeverDrained() throws InterruptedException {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        Object key = new Object();
        map.putIfAbsent(key, "value");

        List<String> drained = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(10);
            drained.addAll(map.drainCollected());
        }

        assertThat(drained).isEmpty();
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.get(key)).isEqualTo("value");
        Reference.reachabilityFence(key);
    }

    @Test
    void keyCollectedToEmptyMap() throws InterruptedException {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        putUnreachableKey(map, "only");

        List<String> drained = drainUntil(map, "only");

        assertThat(drained).containsExactly("only");
        assertThat(map.size()).isZero();
    }

    @Test
    void thousandsOfKeysStayFindableAsTheTableGrows_andRemovedOnesAreGone() {
        WeakIdentityMap<Integer> map = new WeakIdentityMap<>();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Object key = new Object();
            keys.add(key);
            map.putIfAbsent(key, i);
        }
        for (int i = 0; i < keys.size(); i += 2) {
            assertThat(map.remove(keys.get(i))).isEqualTo(i);
        }

        assertThat(map.size()).isEqualTo(2_500);
        assertThat(map.values()).hasSize(2_500);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(map.get(keys.get(i))).isEqualTo(i % 2 == 0 ? null : i);
        }
        assertThat(map.remove(keys.get(0))).isNull();
    }

    @Test
    void aKeyRemovedBeforeItIsCollectedIsNotDrainedLater() throws InterruptedException {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        Object key = new Object();
        map.putIfAbsent(key, "removed");
        putUnreachableKey(map, "dropped");
        map.remove(key);
        key = null;

        List<String> drained = drainUntil(map, "dropped");
        System.gc();
        Thread.sleep(50);
        drained.addAll(map.drainCollected());

        assertThat(drained).containsExactly("dropped");
        assertThat(map.size()).isZero();
    }

    /** Collects garbage and drains until {@code expected} comes out, for at most 5 s. */
    private static List<String> drainUntil(WeakIdentityMap<String> map, String expected) throws InterruptedException {
        List<String> drained = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!drained.contains(expected) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            drained.addAll(map.drainCollected());
        }
        return drained;
    }

    /** In its own frame so that no local variable of the test keeps the key alive. */
    private static void putUnreachableKey(WeakIdentityMap<String> map, String value) {
        map.putIfAbsent(new Object(), value);
    }
}
