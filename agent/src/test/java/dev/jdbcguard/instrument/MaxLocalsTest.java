package dev.jdbcguard.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The method table read by hand gives the same woven methods and locals as ASM's own visit. */
class MaxLocalsTest {

    @ParameterizedTest
    @CsvSource({
        "com/mysql/cj/jdbc/ConnectionImpl, 2",
        "com/mysql/cj/jdbc/StatementImpl, 4",
        "com/mysql/cj/jdbc/ClientPreparedStatement, 4",
        "com/mysql/cj/jdbc/NonRegisteringDriver, 1",
        "org/mariadb/jdbc/Connection, 2",
        "org/mariadb/jdbc/Statement, 4",
        "org/mariadb/jdbc/NonRegisteringDriver, 1",
    })
    void matchesWhatAsmReads(String type, int roles) {
        ClassReader reader = new ClassReader(classFile(type));
        Plans plans = new Plans(type, roles);

        Map<String, Integer> byHand = ClassWeaver.maxLocalsOfWoven(MethodTable.of(reader), plans);

        assertThat(byHand).isNotEmpty().isEqualTo(visitedByAsm(reader, plans));
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

    private static byte[] classFile(String type) {
        try (InputStream in = MaxLocalsTest.class.getClassLoader().getResourceAsStream(type + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
