package dev.jdbcguard.instrument;

import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The field (and the {@code dev.jdbcguard.bootstrap.Tracked} methods around it) that a driver's
 * base connection class gains when it loads, so that the agent finds its state for a connection
 * with one field read. Only the base classes listed are given it; their subclasses inherit it.
 */
final class TrackedSlot {

    static final String INTERFACE = "dev/jdbcguard/bootstrap/Tracked";
    private static final String FIELD = "jdbcGuard$tracked";
    private static final String[] BASE_CONNECTIONS = {
        "com/mysql/cj/jdbc/ConnectionImpl", "org/mariadb/jdbc/Connection", "org/mariadb/jdbc/MariaDbConnection",
    };

    private TrackedSlot() {
    }

    /**
     * Whether the class gets the slot: a listed class being defined, or one being retransformed
     * that got it when it was defined (a retransformation must keep the shape the class has, and
     * one loaded before an attach has no slot and cannot gain one).
     */
    static boolean applies(String internalName, Class<?> redefined) {
        if (!isBaseConnection(internalName)) {
            return false;
        }
        if (redefined == null) {
            return true;
        }
        for (Class<?> type : redefined.getInterfaces()) {
            if (type.getName().equals(INTERFACE.replace('/', '.'))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBaseConnection(String internalName) {
        for (String type : BASE_CONNECTIONS) {
            if (type.equals(internalName)) {
                return true;
            }
        }
        return false;
    }

    static String[] withInterface(String[] interfaces) {
        String[] all = java.util.Arrays.copyOf(interfaces, interfaces.length + 1);
        all[interfaces.length] = INTERFACE;
        return all;
    }

    /** Methods {@link #addMembers} writes, which come after the class's own in the class file. */
    static final int METHODS = 2;

    static void addMembers(ClassVisitor cv, String owner) {
        int fieldAccess = Opcodes.ACC_PRIVATE | Opcodes.ACC_VOLATILE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC;
        cv.visitField(fieldAccess, FIELD, "Ljava/lang/Object;", null, null).visitEnd();
        int access = Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC;
        MethodVisitor get = cv.visitMethod(access, "jdbcGuard$tracked", "()Ljava/lang/Object;", null, null);
        get.visitCode();
        get.visitVarInsn(Opcodes.ALOAD, 0);
        get.visitFieldInsn(Opcodes.GETFIELD, owner, FIELD, "Ljava/lang/Object;");
        get.visitInsn(Opcodes.ARETURN);
        get.visitMaxs(1, 1);
        get.visitEnd();
        MethodVisitor set = cv.visitMethod(access, "jdbcGuard$track", "(Ljava/lang/Object;)V", null, null);
        set.visitCode();
        set.visitVarInsn(Opcodes.ALOAD, 0);
        set.visitVarInsn(Opcodes.ALOAD, 1);
        set.visitFieldInsn(Opcodes.PUTFIELD, owner, FIELD, "Ljava/lang/Object;");
        set.visitInsn(Opcodes.RETURN);
        set.visitMaxs(2, 2);
        set.visitEnd();
    }
}
