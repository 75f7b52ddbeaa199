package dev.jdbcguard.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.bootstrap.Tracked;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drivers' base connection classes, woven as when they load with the agent present, carry
 * the agent's state in a field of their own; classes retransformed after an attach keep the
 * shape they were loaded with.
 */
class TrackedSlotTest {

    @ParameterizedTest
    @ValueSource(strings = {"com/mysql/cj/jdbc/ConnectionImpl", "org/mariadb/jdbc/Connection"})
    void baseConnectionClassGainsTheSlotAndKeepsItsMethods(String type) throws Exception {
        byte[] original;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type + ".class")) {
            original = in.readAllBytes();
        }
        ClassReader reader = new ClassReader(original);
        assertThat(TrackedSlot.applies(type, null)).isTrue();

        byte[] woven = ClassWeaver.weave(original, reader, new Plans(type, Hierarchy.CONNECTION), true, new ArrayList<>());

        MethodTable before = MethodTable.of(reader);
        MethodTable after = MethodTable.of(new ClassReader(woven));
        assertThat(after.size()).isEqualTo(before.size() + TrackedSlot.METHODS);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.key(i)).isEqualTo(before.key(i));
        }
        String name = type.replace('/', '.');
        Class<?> defined = Class.forName(name, true, new OneClassLoader(name, woven)); // verifies every method
        assertThat(Tracked.class.isAssignableFrom(defined)).isTrue();

        Tracked connection = (Tracked) unsafe().allocateInstance(defined);
        Object state = new Object();
        assertThat(connection.jdbcGuard$tracked()).isNull();
        connection.jdbcGuard$track(state);
        assertThat(connection.jdbcGuard$tracked()).isSameAs(state);
    }

    @Test
    void onlyTheBaseClassesAndOnlyWhenDefinedOrDefinedWithIt() {
        assertThat(TrackedSlot.applies("com/mysql/cj/jdbc/StatementImpl", null)).isFalse();
        assertThat(TrackedSlot.applies("com/example/MyConnection", null)).isFalse();
        // loaded before an attach: retransformation may not add a member
        assertThat(TrackedSlot.applies("com/mysql/cj/jdbc/ConnectionImpl", Object.class)).isFalse();
        assertThat(TrackedSlot.applies("com/mysql/cj/jdbc/ConnectionImpl", WithSlot.class)).isTrue();
    }

    private static sun.misc.Unsafe unsafe() throws ReflectiveOperationException {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return (sun.misc.Unsafe) f.get(null);
    }

    /** Stands for a driver class that was defined with the slot. */
    private abstract static class WithSlot implements Tracked {
    }
}
