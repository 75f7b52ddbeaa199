package dev.jdbcguard.instrument;

import java.util.Arrays;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The locals of the stack map frames a woven method carries: the method's own slots as far as
 * the frame knows them, then the agent's slots after the original {@code maxLocals} (the token,
 * the copies of this and the arguments, the thrown throwable), in the expanded form ASM takes.
 */
final class FrameLocals {

    private final String owner;
    private final boolean isStatic;
    private final Type[] args;
    private final int originalMaxLocals;
    /** Slots the copies of this and the arguments take; 0 when there are none. */
    private final int copySlots;

    FrameLocals(String owner, boolean isStatic, Type[] args, int originalMaxLocals, int copySlots) {
        this.owner = owner;
        this.isStatic = isStatic;
        this.args = args;
        this.originalMaxLocals = originalMaxLocals;
        this.copySlots = copySlots;
    }

    /** The arguments only, as at the first instruction: for a jump target before the token exists. */
    Object[] entryLocals() {
        return argumentLocals();
    }

    /** The arguments as the method was called with them, then the agent's slots: the body's start. */
    Object[] withToken() {
        Object[] arguments = argumentLocals();
        return withToken(arguments, arguments.length);
    }

    /** Nothing of the original slots, the agent's slots, then the throwable: the handler after its store. */
    Object[] withThrown() {
        return agentLocals("java/lang/Throwable");
    }

    /**
     * The first {@code count} of {@code locals} (expanded: a long or double is one entry but two
     * slots), padded with TOP up to the original {@code maxLocals}, then the token and the copies.
     */
    Object[] withToken(Object[] locals, int count) {
        int slots = 0;
        for (int i = 0; i < count; i++) {
            slots += locals[i] == Opcodes.LONG || locals[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        int pad = Math.max(0, originalMaxLocals - slots);
        Object[] copies = copyLocals();
        Object[] result = new Object[count + pad + 1 + copies.length];
        System.arraycopy(locals, 0, result, 0, count);
        for (int i = 0; i < pad; i++) {
            result[count + i] = Opcodes.TOP;
        }
        result[count + pad] = "java/lang/Object";
        System.arraycopy(copies, 0, result, count + pad + 1, copies.length);
        return result;
    }

    /** TOP for every original slot, the token, the copies, and {@code last} if not null. */
    Object[] agentLocals(Object last) {
        Object[] withToken = withToken(new Object[0], 0);
        if (last == null) {
            return withToken;
        }
        Object[] locals = Arrays.copyOf(withToken, withToken.length + 1);
        locals[withToken.length] = last;
        return locals;
    }

    /** The frame types of the copies: those of this and the arguments, when there are copies. */
    private Object[] copyLocals() {
        return copySlots > 0 ? argumentLocals() : new Object[0];
    }

    private Object[] argumentLocals() {
        Object[] locals = new Object[args.length + (isStatic ? 0 : 1)];
        int i = 0;
        if (!isStatic) {
            locals[i++] = owner;
        }
        for (Type arg : args) {
            locals[i++] = frameType(arg);
        }
        return locals;
    }

    private static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.CHAR:
            case Type.BYTE:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return type.getInternalName();
        }
    }
}
