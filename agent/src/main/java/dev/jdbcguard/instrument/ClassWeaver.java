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
 * Rewrites one class file: a first pass finds the methods to weave and their {@code maxLocals},
 * a second writes them. Methods without weaves are copied as they are. Nothing is added to the
 * class (no field, no method), so the same rewrite serves start-up and retransformation.
 */
final class ClassWeaver {

    private ClassWeaver() {
    }

    /** The rewritten class file, or null when no method of it is woven. */
    static byte[] weave(ClassReader reader, Plans plans) {
        Survey survey = new Survey(plans);
        reader.accept(survey, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (survey.maxLocals.isEmpty()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new Writer(writer, plans, survey.maxLocals, reader.getClassName()), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** The methods that get weaves, each with the locals its original code uses. */
    private static final class Survey extends ClassVisitor {
        private final Plans plans;
        final Map<String, Integer> maxLocals = new HashMap<>();

        Survey(Plans plans) {
            super(Opcodes.ASM9);
            this.plans = plans;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            if (plans.of(access, name, descriptor).isEmpty()) {
                return null;
            }
            final String key = name + descriptor;
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMaxs(int maxStack, int locals) {
                    maxLocals.put(key, locals);
                }
            };
        }
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
            if (locals == null) {
                return next;
            }
            List<Weave> weaves = plans.of(access, name, descriptor);
            return new MethodWeaver(next, owner, access, descriptor, weaves, locals, frames);
        }
    }
}
