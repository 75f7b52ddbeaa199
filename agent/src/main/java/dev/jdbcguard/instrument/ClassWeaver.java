package dev.jdbcguard.instrument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites one class file: the method table gives the methods to weave and their
 * {@code maxLocals}, one ASM pass writes them. Methods without weaves are copied as they are. Nothing is added to the
 * class (no field, no method), so the same rewrite serves start-up and retransformation.
 */
final class ClassWeaver {

    private ClassWeaver() {
    }

    /** The rewritten class file, or null when no method of it is woven. */
    static byte[] weave(ClassReader reader, Plans plans) {
        Map<String, Integer> maxLocals = maxLocalsOfWoven(reader, plans);
        if (maxLocals.isEmpty()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new Writer(writer, plans, maxLocals, reader.getClassName()), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /**
     * The methods that get weaves, each with the locals its original code uses. Read from the
     * class file's method table directly: visiting their code with ASM for this one number was
     * a third of the weaving time at start-up.
     */
    static Map<String, Integer> maxLocalsOfWoven(ClassReader reader, Plans plans) {
        Map<String, Integer> maxLocals = new HashMap<>();
        char[] buffer = new char[reader.getMaxStringLength()];
        int offset = reader.header + 6; // access_flags, this_class, super_class
        offset += 2 + 2 * reader.readUnsignedShort(offset); // interfaces
        int fields = reader.readUnsignedShort(offset);
        offset += 2;
        for (int i = 0; i < fields; i++) {
            offset = skipAttributes(reader, offset + 6);
        }
        int methods = reader.readUnsignedShort(offset);
        offset += 2;
        for (int i = 0; i < methods; i++) {
            int access = reader.readUnsignedShort(offset);
            String name = reader.readUTF8(offset + 2, buffer);
            String descriptor = reader.readUTF8(offset + 4, buffer);
            int attributes = reader.readUnsignedShort(offset + 6);
            offset += 8;
            for (int a = 0; a < attributes; a++) {
                if ("Code".equals(reader.readUTF8(offset, buffer)) && !plans.of(access, name, descriptor).isEmpty()) {
                    maxLocals.put(name + descriptor, reader.readUnsignedShort(offset + 8)); // after max_stack
                }
                offset += 6 + reader.readInt(offset + 2);
            }
        }
        return maxLocals;
    }

    /** The offset after a field's or method's attributes, given the offset of their count. */
    private static int skipAttributes(ClassReader reader, int offset) {
        int attributes = reader.readUnsignedShort(offset);
        offset += 2;
        for (int a = 0; a < attributes; a++) {
            offset += 6 + reader.readInt(offset + 2);
        }
        return offset;
    }

    private static final class Writer extends ClassVisitor {
        private final Plans plans;
        private final Map<String, Integer> maxLocals;
        private final String owner;
        private boolean frames;

        Writer(ClassVisitor next, Plans plans, Map<String, Integer> maxLocals, String owner) {
            super(Opcodes.ASM9, next);
            this.plans = plans;
            this.maxLocals = maxLocals;
            this.owner = owner;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            // Before Java 6 there are no stack map frames; the verifier infers the types.
            frames = (version & 0xFFFF) >= Opcodes.V1_6;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            Integer locals = maxLocals.get(name + descriptor);
            List<Weave> weaves = locals == null ? null : plans.of(access, name, descriptor);
            if (weaves == null || weaves.isEmpty()) {
                return next;
            }
            return new MethodWeaver(next, owner, access, descriptor, weaves, locals, frames);
        }
    }
}
