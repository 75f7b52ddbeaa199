package dev.jdbcguard.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The field in which a driver's statement keeps its connection. Woven {@code execute*} code reads
 * it with one {@code getfield} and hands it to the bridge, which would otherwise have to find the
 * connection by reflection on every statement. Only fields that the class file shows to exist,
 * non-static and visible to subclasses, are used: a wrong guess would break the driver's method.
 */
final class ConnectionField {

    /** Statement base classes and the name of their connection field. */
    private static final String[][] KNOWN = {
        {"com/mysql/cj/jdbc/StatementImpl", "connection"},
        {"org/mariadb/jdbc/Statement", "con"},
    };
    private static final int MAX_DEPTH = 8;

    final String owner;
    final String name;
    final String descriptor;

    private ConnectionField(String owner, String name, String descriptor) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
    }

    /** The field for the class being defined from {@code header}, or null: the bridge then asks the statement. */
    static ConnectionField of(ClassReader header, ClassFiles files) {
        ClassReader reader = header;
        for (int depth = 0; reader != null && depth < MAX_DEPTH; depth++) {
            String field = knownField(reader.getClassName());
            if (field != null) {
                return declared(reader, field, header.getClassName());
            }
            String superName = reader.getSuperName();
            if (superName == null || superName.startsWith("java/")) {
                return null;
            }
            byte[] bytes = files.read(superName);
            reader = bytes == null ? null : new ClassReader(bytes);
        }
        return null;
    }

    private static String knownField(String type) {
        for (String[] known : KNOWN) {
            if (known[0].equals(type)) {
                return known[1];
            }
        }
        return null;
    }

    private static ConnectionField declared(ClassReader owner, String field, String woven) {
        ConnectionField[] found = new ConnectionField[1];
        owner.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (name.equals(field) && visible(access, owner.getClassName(), woven) && (access & Opcodes.ACC_STATIC) == 0
                        && descriptor.startsWith("L")) {
                    found[0] = new ConnectionField(owner.getClassName(), name, descriptor);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }

    /** Whether code of {@code woven} may read the field of {@code owner} on its own instance. */
    private static boolean visible(int access, String owner, String woven) {
        if (owner.equals(woven) || (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0) {
            return true;
        }
        return (access & Opcodes.ACC_PRIVATE) == 0 && packageOf(owner).equals(packageOf(woven));
    }

    private static String packageOf(String internalName) {
        return internalName.substring(0, Math.max(0, internalName.lastIndexOf('/')));
    }

    /** Reads a class file by internal name, as the defining loader would find it. */
    interface ClassFiles {
        byte[] read(String internalName);
    }
}
