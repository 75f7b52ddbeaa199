package dev.jdbcguard.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real drivers' classes woven as at load time: the method table read by hand gives the same
 * woven methods and locals as ASM's own visit, every method is still there in its place, the
 * methods without weaves are the original bytes, and the JVM's verifier accepts the result.
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

        Plans plans = new Plans(type, roles);
        assertThat(ClassWeaver.maxLocalsOfWoven(MethodTable.of(reader), plans)).isNotEmpty().isEqualTo(visitedByAsm(reader, plans));

        byte[] woven = ClassWeaver.weave(original, reader, plans, false, new ArrayList<>());

        assertThat(woven).isNotNull();
        MethodTable before = MethodTable.of(reader);
        MethodTable after = MethodTable.of(new ClassReader(woven));
        assertThat(keys(after)).containsExactly(keys(before));
        int untouched = 0;
        for (int i = 0; i < before.size(); i++) {
            byte[] was = Arrays.copyOfRange(original, before.starts[i], before.ends[i]);
            byte[] is = Arrays.copyOfRange(woven, after.starts[i], after.ends[i]);
            if (Arrays.equals(was, is)) {
                untouched++;
            }
        }
        assertThat(untouched).as("methods copied byte for byte").isGreaterThan(0).isLessThan(before.size());
        Class<?> defined = new OneClassLoader(type.replace('/', '.'), woven).loadClass(type.replace('/', '.'));
        assertThat(defined.getClassLoader()).isInstanceOf(OneClassLoader.class);
        // linking runs the verifier over every method, copied and woven
        Class.forName(defined.getName(), true, defined.getClassLoader());
        assertThat(defined.getDeclaredMethods()).hasSize((int) Arrays.stream(before.names).filter(n -> !n.startsWith("<")).count());
    }

    private static String[] keys(MethodTable methods) {
        String[] keys = new String[methods.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = methods.key(i);
        }
        return keys;
    }

    private static Map<String, Integer> visitedByAsm(ClassReader reader, Plans plans) {
        Map<String, Integer> maxLocals = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (plans.of(access, name, descriptor).isEmpty()) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        maxLocals.put(name + descriptor, locals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return maxLocals;
    }

    private static byte[] classFile(String type) throws IOException {
        try (InputStream in = DriverClassWeavingTest.class.getClassLoader().getResourceAsStream(type + ".class")) {
            return in.readAllBytes();
        }
    }
}
