package dev.jdbcguard.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real drivers' classes woven as at load time: every method is still there in its place,
 * the methods without weaves are the original bytes, and the JVM's verifier accepts the result.
 */
class DriverClassWeavingTest {

    @ParameterizedTest
    @CsvSource({
        "com/mysql/cj/jdbc/ConnectionImpl, 2",
        "com/mysql/cj/jdbc/StatementImpl, 4",
        "com/mysql/cj/jdbc/ClientPreparedStatement, 4",
        "com/mysql/cj/jdbc/NonRegisteringDriver, 1",
        "org/mariadb/jdbc/Connection, 2",
        "org/mariadb/jdbc/Statement, 4",
        "org/mariadb/jdbc/ClientPreparedStatement, 4",
        "org/mariadb/jdbc/NonRegisteringDriver, 1",
    })
    void wovenClassKeepsEveryMethodAndVerifies(String type, int roles) throws Exception {
        byte[] original = classFile(type);
        ClassReader reader = new ClassReader(original);

        byte[] woven = ClassWeaver.weave(original, reader, new Plans(type, roles));

        assertThat(woven).isNotNull();
        MethodTable before = MethodTable.of(reader);
        MethodTable after = MethodTable.of(new ClassReader(woven));
        assertThat(after.keys).containsExactly(before.keys);
        int untouched = 0;
        for (int i = 0; i < before.size(); i++) {
            byte[] was = Arrays.copyOfRange(original, before.starts[i], before.ends[i]);
            byte[] is = Arrays.copyOfRange(woven, after.starts[i], after.ends[i]);
            if (Arrays.equals(was, is)) {
                untouched++;
            }
        }
        assertThat(untouched).as("methods copied byte for byte").isGreaterThan(0).isLessThan(before.size());
        Class<?> defined = new ChildFirst(type.replace('/', '.'), woven).loadClass(type.replace('/', '.'));
        assertThat(defined.getClassLoader()).isInstanceOf(ChildFirst.class);
        // linking runs the verifier over every method, copied and woven
        Class.forName(defined.getName(), true, defined.getClassLoader());
        assertThat(defined.getDeclaredMethods()).hasSize((int) Arrays.stream(before.keys).filter(k -> !k.startsWith("<")).count());
    }

    private static byte[] classFile(String type) throws IOException {
        try (InputStream in = DriverClassWeavingTest.class.getClassLoader().getResourceAsStream(type + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the one woven class itself; everything else comes from the test class path. */
    private static final class ChildFirst extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        ChildFirst(String name, byte[] bytes) {
            super(DriverClassWeavingTest.class.getClassLoader());
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (className.equals(name)) {
                synchronized (getClassLoadingLock(className)) {
                    Class<?> loaded = findLoadedClass(className);
                    return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
                }
            }
            return super.loadClass(className, resolve);
        }
    }
}
