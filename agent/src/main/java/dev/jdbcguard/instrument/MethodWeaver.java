package dev.jdbcguard.instrument;

import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves calls to the bootstrap {@code Bridge} into one method: enter code first, exit code
 * before every return and, for a guarded weave, a handler around the whole original body.
 *
 * <p>The agent's own locals go after the method's {@code maxLocals} (known from a first pass),
 * so the original instructions keep their slots; only the stack map frames learn about the
 * agent's slots. Frames arrive expanded ({@code ClassReader.EXPAND_FRAMES}) and leave compressed.
 *
 * <p>A guarded method's body may store anything into any slot, its parameters' and {@code this}'s
 * included (legal: optimisers and other compilers reuse them), so woven code never reads the
 * original slots after the enter code: it keeps copies of {@code this} and the arguments in slots
 * of its own, its handler's frame holds nothing of the original slots (TOP: every state of the
 * body is assignable to it), and a repeat restores the arguments from the copies.
 *
 * <p>Layout after {@code maxLocals}: the token, the copies, then the thrown throwable.
 */
final class MethodWeaver extends MethodVisitor {

    static final String BRIDGE = "dev/jdbcguard/bootstrap/Bridge";
    private static final int EXTRA_STACK = 8;

    private final String owner;
    private final boolean isStatic;
    private final Type[] args;
    private final Type returned;
    private final List<Weave> weaves;
    private final Weave guarded;
    private final int originalMaxLocals;
    private final boolean frames;
    /** Slots the copies of this and the arguments take (a long or double two); 0 when not guarded. */
    private final int copySlots;
    private final Label start = new Label();
    private final Label end = new Label();
    private final Label handler = new Label();
    private final FrameLocals frameLocals;
    /** The locals of the last frame written; null for the implicit frame at the method's start. */
    private Object[] previousLocals;

    MethodWeaver(MethodVisitor next, String owner, int access, String descriptor, List<Weave> weaves,
                 int originalMaxLocals, boolean frames) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.args = Type.getArgumentTypes(descriptor);
        this.returned = Type.getReturnType(descriptor);
        this.weaves = weaves;
        this.guarded = guardedOf(weaves);
        this.originalMaxLocals = originalMaxLocals;
        this.frames = frames;
        this.copySlots = guarded == null ? 0 : argumentSlots();
        this.frameLocals = new FrameLocals(owner, isStatic, args, originalMaxLocals, copySlots);
    }

    private static Weave guardedOf(List<Weave> weaves) {
        Weave found = null;
        for (Weave weave : weaves) {
            if (weave.guards()) {
                if (found != null) {
                    throw new IllegalStateException("two guarded weaves on one method");
                }
                found = weave;
            }
        }
        return found;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (copySlots > 0) {
            copyArguments();
        }
        for (Weave weave : weaves) {
            weave.enter(this);
        }
        if (guarded != null) {
            super.visitLabel(start);
            if (guarded.repeats()) {
                frameHere(withToken(), new Object[0]);
            }
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            for (Weave weave : weaves) {
                weave.exit(this);
            }
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitFrame(int type, int localCount, Object[] locals, int stackCount, Object[] stack) {
        if (type != Opcodes.F_NEW) {
            super.visitFrame(type, localCount, locals, stackCount, stack); // not read with EXPAND_FRAMES
            return;
        }
        Object[] current = guarded == null ? copy(locals, localCount) : frameLocals.withToken(locals, localCount);
        emitFrame(current, copy(stack, stackCount));
    }

    /**
     * Writes a frame in the class file's compressed form itself: handing ASM expanded frames made
     * it convert every type of every frame back from descriptors, half the weaving time at start-up.
     * Same locals as the frame before (and at most one stack item) is the common case.
     */
    private void emitFrame(Object[] locals, Object[] stack) {
        if (previousLocals != null && stack.length <= 1 && Arrays.equals(locals, previousLocals)) {
            super.visitFrame(stack.length == 0 ? Opcodes.F_SAME : Opcodes.F_SAME1, 0, null, stack.length, stack);
        } else {
            super.visitFrame(Opcodes.F_FULL, locals.length, locals, stack.length, stack);
        }
        previousLocals = locals;
    }

    /** ASM reuses its frame arrays for the next frame, so the one kept for comparison is a copy. */
    private static Object[] copy(Object[] values, int count) {
        return count == 0 ? new Object[0] : Arrays.copyOf(values, count);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (guarded != null) {
            super.visitLabel(end);
            super.visitLabel(handler);
            if (frames) {
                emitFrame(frameLocals.agentLocals(null), new Object[] {"java/lang/Throwable"});
            }
            super.visitVarInsn(Opcodes.ASTORE, thrownSlot());
            guarded.thrown(this);
            super.visitTryCatchBlock(start, end, handler, null);
        }
        super.visitMaxs(maxStack + EXTRA_STACK, Math.max(maxLocals, originalMaxLocals) + 2 + copySlots);
    }

    /** At the start, before any weave's code: the copies of this and the arguments. */
    private void copyArguments() {
        int from = 0;
        if (!isStatic) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitVarInsn(Opcodes.ASTORE, copySlot(0));
            from = 1;
        }
        for (Type arg : args) {
            super.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), from);
            super.visitVarInsn(arg.getOpcode(Opcodes.ISTORE), copySlot(from));
            from += arg.getSize();
        }
    }

    /**
     * Before a repeat jumps back to the body's start: the body may have stored other values, even
     * of other types, in its parameters' slots; it runs again with the arguments it was called with.
     */
    void restoreArguments() {
        int to = 0;
        if (!isStatic) {
            super.visitVarInsn(Opcodes.ALOAD, copySlot(0));
            super.visitVarInsn(Opcodes.ASTORE, 0);
            to = 1;
        }
        for (Type arg : args) {
            super.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), copySlot(to));
            super.visitVarInsn(arg.getOpcode(Opcodes.ISTORE), to);
            to += arg.getSize();
        }
    }

    /** The copy of the original slot {@code slot} (0: this, when not static). */
    private int copySlot(int slot) {
        return originalMaxLocals + 1 + slot;
    }

    private int argumentSlots() {
        int slots = isStatic ? 0 : 1;
        for (Type arg : args) {
            slots += arg.getSize();
        }
        return slots;
    }

    // ---- what weaves emit with ----

    int tokenSlot() {
        return originalMaxLocals;
    }

    int thrownSlot() {
        return originalMaxLocals + 1 + copySlots;
    }

    Label start() {
        return start;
    }

    String owner() {
        return owner;
    }

    Type returned() {
        return returned;
    }

    int argCount() {
        return args.length;
    }

    boolean argIsReference(int index) {
        return index < args.length && args[index].getSort() >= Type.ARRAY;
    }

    /** From the copy where there is one: the body may have stored something else in slot 0. */
    void loadThis() {
        super.visitVarInsn(Opcodes.ALOAD, copySlots > 0 ? copySlot(0) : 0);
    }

    void loadArg(int index) {
        int slot = argSlot(index);
        super.visitVarInsn(args[index].getOpcode(Opcodes.ILOAD), copySlots > 0 ? copySlot(slot) : slot);
    }

    /** An int or boolean argument widened to the long the hook takes. */
    void loadArgAsLong(int index) {
        loadArg(index);
        if (args[index].getSize() == 1) {
            super.visitInsn(Opcodes.I2L);
        }
    }

    void getField(String fieldOwner, String name, String descriptor) {
        super.visitFieldInsn(Opcodes.GETFIELD, fieldOwner, name, descriptor);
    }

    void push(int value) {
        if (value >= -1 && value <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + value);
        } else {
            super.visitIntInsn(Opcodes.BIPUSH, value);
        }
    }

    void insn(int opcode) {
        super.visitInsn(opcode);
    }

    void var(int opcode, int slot) {
        super.visitVarInsn(opcode, slot);
    }

    void ldc(Object constant) {
        super.visitLdcInsn(constant);
    }

    void jump(int opcode, Label target) {
        super.visitJumpInsn(opcode, target);
    }

    void label(Label label) {
        super.visitLabel(label);
    }

    void bridge(String method, String descriptor) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, method, descriptor, false);
    }

    /** Returns the zero value of the method's return type: the body is skipped. */
    void returnDefault() {
        switch (returned.getSort()) {
            case Type.VOID:
                break;
            case Type.LONG:
                super.visitInsn(Opcodes.LCONST_0);
                break;
            case Type.FLOAT:
                super.visitInsn(Opcodes.FCONST_0);
                break;
            case Type.DOUBLE:
                super.visitInsn(Opcodes.DCONST_0);
                break;
            case Type.ARRAY:
            case Type.OBJECT:
                super.visitInsn(Opcodes.ACONST_NULL);
                break;
            default:
                super.visitInsn(Opcodes.ICONST_0);
        }
        super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
    }

    /** The arguments only, as at the first instruction: for a jump target before the token exists. */
    Object[] entryLocals() {
        return frameLocals.entryLocals();
    }

    /** The arguments as the method was called with them, then the agent's slots: the body's start. */
    Object[] withToken() {
        return frameLocals.withToken();
    }

    /** Nothing of the original slots, the agent's slots, then the throwable: the handler after its store. */
    Object[] withThrown() {
        return frameLocals.withThrown();
    }

    /**
     * A frame at a jump target of woven code, then a no-op so that an original frame at the
     * body's first instruction can never share its offset.
     */
    void frameHere(Object[] locals, Object[] stack) {
        if (frames) {
            emitFrame(locals, stack);
        }
        super.visitInsn(Opcodes.NOP);
    }

    private int argSlot(int index) {
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < index; i++) {
            slot += args[i].getSize();
        }
        return slot;
    }
}
