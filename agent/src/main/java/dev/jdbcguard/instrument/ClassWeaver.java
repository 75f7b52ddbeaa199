package dev.jdbcguard.instrument;

import java.util.ArrayList;
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
 * {@code maxLocals}, one ASM pass writes them, and every other method is copied byte for byte.
 * Nothing else is added to the class, apart from the {@link TrackedSlot} of a driver's base
 * connection class, which a retransformation keeps only where the class was defined with it.
 */
final class ClassWeaver {

    private ClassWeaver() {
    }

    /**
     * The rewritten class file, or null when no method of it is woven; {@code slot}: the class
     * gets the {@link TrackedSlot}; {@code wovenNames} receives the name of each method woven.
     */
    static byte[] weave(byte[] original, ClassReader reader, Plans plans, boolean slot, List<String> wovenNames) {
        MethodTable methods = MethodTable.of(reader);
        Map<String, Integer> maxLocals = maxLocalsOfWoven(methods, plans);
        if (maxLocals.isEmpty()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        Writer woven = new Writer(writer, plans, maxLocals, reader.getClassName(), slot);
        reader.accept(woven, ClassReader.EXPAND_FRAMES);
        if (woven.written.isEmpty()) {
            return null;
        }
        for (String method : woven.written) {
            wovenNames.add(method.substring(0, method.indexOf('(')));
        }
        return withUntouchedMethods(original, methods, writer.toByteArray(), woven.written,
                slot ? TrackedSlot.METHODS : 0);
    }

    /** The methods that get weaves, each with the locals its original code uses. */
    static Map<String, Integer> maxLocalsOfWoven(MethodTable methods, Plans plans) {
        Map<String, Integer> maxLocals = new HashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            if (methods.maxLocals[i] >= 0 && !plans.of(methods.access[i], methods.names[i], methods.descriptors[i]).isEmpty()) {
                maxLocals.put(methods.key(i), methods.maxLocals[i]);
            }
        }
        return maxLocals;
    }

    /**
     * The class file ASM wrote, which holds only the woven methods, with every other method copied
     * back from the original in its place. ASM would copy an untouched method as raw bytes only
     * when its constant pool indices match its own: Connector/J's class files repeat constant pool
     * entries (java/sql/SQLException twice in ConnectionImpl), so ASM decoded and re-encoded half
     * of every driver class, which was most of the weaving time at start-up. The copy is valid
     * because a ClassWriter built on a ClassReader keeps the original constant pool, indices and
     * bootstrap methods unchanged and only appends to them. The last {@code added} methods ASM wrote
     * are new ones, and stay last.
     */
    static byte[] withUntouchedMethods(byte[] original, MethodTable originals, byte[] woven, List<String> written,
                                       int added) {
        MethodTable wovenMethods = MethodTable.of(new ClassReader(woven));
        // which original method each of ASM's stands for; -1 where the original is copied back
        int[] wovenIndex = new int[originals.size()];
        int next = 0;
        int untouched = 0;
        for (int i = 0; i < originals.size(); i++) {
            if (next < wovenMethods.size() && wovenMethods.key(next).equals(originals.key(i))) {
                wovenIndex[i] = next++;
            } else {
                wovenIndex[i] = -1;
                untouched += originals.ends[i] - originals.starts[i];
            }
        }
        if (next + added != wovenMethods.size() || next != written.size()) {
            throw new IllegalStateException("ASM wrote " + wovenMethods.size() + " methods, " + next
                    + " of them in the original order; expected " + written);
        }
        byte[] out = new byte[woven.length + untouched];
        int at = copy(woven, 0, wovenMethods.countOffset, out, 0);
        int count = originals.size() + added;
        out[at++] = (byte) (count >>> 8);
        out[at++] = (byte) count;
        for (int i = 0; i < originals.size(); i++) {
            int w = wovenIndex[i];
            at = w >= 0 ? copy(woven, wovenMethods.starts[w], wovenMethods.ends[w], out, at)
                    : copy(original, originals.starts[i], originals.ends[i], out, at);
        }
        if (added > 0) {
            at = copy(woven, wovenMethods.starts[next], wovenMethods.end, out, at);
        }
        copy(woven, wovenMethods.end, woven.length, out, at);
        return out;
    }

    private static int copy(byte[] from, int start, int end, byte[] to, int at) {
        System.arraycopy(from, start, to, at, end - start);
        return at + end - start;
    }

    private static final class Writer extends ClassVisitor {
        private final Plans plans;
        private final Map<String, Integer> maxLocals;
        private final String owner;
        private final boolean slot;
        private boolean frames;
        /** Name and descriptor of each method written, in class file order: only the woven ones. */
        final List<String> written = new ArrayList<>();

        Writer(ClassVisitor next, Plans plans, Map<String, Integer> maxLocals, String owner, boolean slot) {
            super(Opcodes.ASM9, next);
            this.plans = plans;
            this.maxLocals = maxLocals;
            this.owner = owner;
            this.slot = slot;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            // Before Java 6 there are no stack map frames; the verifier infers the types.
            frames = (version & 0xFFFF) >= Opcodes.V1_6;
            super.visit(version, access, name, signature, superName,
                    slot ? TrackedSlot.withInterface(interfaces) : interfaces);
        }

        @Override
        public void visitEnd() {
            if (slot) {
                TrackedSlot.addMembers(cv, owner);
            }
            super.visitEnd();
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            Integer locals = maxLocals.get(name + descriptor);
            List<Weave> weaves = locals == null ? null : plans.of(access, name, descriptor);
            if (weaves == null || weaves.isEmpty()) {
                return null; // left out here, copied back from the original bytes
            }
            written.add(name + descriptor);
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return new MethodWeaver(next, owner, access, descriptor, weaves, locals, frames);
        }
    }
}
