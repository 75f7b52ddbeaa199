package dev.jdbcguard.compat.corpus;

import static org.objectweb.asm.Opcodes.*;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * JDBC classes written with ASM in shapes that javac never emits but the JVM accepts, and that
 * optimisers, obfuscators and other compilers do emit: a method that stores a value of another
 * type (a reference, an int, a long or a double spanning two slots) into the slot of one of its
 * arguments or of {@code this}, with loops and branches so that the class's stack map frames hold
 * the other type at jump targets, at returns and inside exception ranges; a class file of Java 5
 * (version 49: no frames, a {@code jsr} subroutine) and two of Java 6 (version 50: with frames,
 * and without). Each is a minimal but working implementation: it extends a stub whose other
 * methods throw {@code SQLFeatureNotSupportedException}, and records what its method computed in
 * the stub's {@code observed} field, which {@code toString} shows. Each method declares
 * {@code throws SQLException}, as javac writes it, but one: a class file that names no java.sql
 * type at all. {@link #expectedCalls} is what
 * {@link GeneratedCalls} must print for them, with the agent as without it.
 *
 * <p>The package is not dev.jdbcguard: the agent never weaves its own classes.
 */
final class OddJdbcClasses {

    static final String PACKAGE = "oddjdbc/";
    /** Not a JDBC class: a method that returns an int as an Object, so linking must fail. */
    static final String CANARY = PACKAGE + "BrokenOnPurpose";

    private static final String STUB_DRIVER = PACKAGE + "StubDriver";
    private static final String STUB_CONNECTION = PACKAGE + "StubConnection";
    private static final String STUB_STATEMENT = PACKAGE + "StubStatement";
    private static final String STUB_PREPARED = PACKAGE + "StubPreparedStatement";
    private static final String STUB_CALLABLE = PACKAGE + "StubCallableStatement";
    private static final String STRING = "java/lang/String";
    private static final String INTEGER = "java/lang/Integer";
    private static final String[] THROWS_SQL_EXCEPTION = {"java/sql/SQLException"};

    /** Whether ASM computes the frames (class files of version 50 and later) or only the maxima. */
    private enum Frames { COMPUTED, NONE }

    private final Map<String, byte[]> classes = new LinkedHashMap<>();
    private final List<String> expected = new ArrayList<>();

    private OddJdbcClasses() {
    }

    static OddJdbcClasses build() {
        OddJdbcClasses odd = new OddJdbcClasses();
        odd.stubs();
        odd.statements();
        odd.preparedAndCallable();
        odd.connections();
        odd.drivers();
        odd.classes.put(CANARY, canary());
        return odd;
    }

    /** Internal name to class file, stubs first. */
    Map<String, byte[]> classes() {
        return classes;
    }

    /**
     * The binary names of the classes the agent must weave: all but the canary and the callable
     * stub, which declares no method the agent weaves (its execute methods are the prepared
     * stub's).
     */
    Set<String> expectedWoven() {
        Set<String> names = new java.util.TreeSet<>();
        for (String name : classes.keySet()) {
            if (!name.equals(CANARY) && !name.equals(STUB_CALLABLE)) {
                names.add(name.replace('/', '.'));
            }
        }
        return names;
    }

    /** The {@code call} lines GeneratedCalls prints for the methods the shapes override. */
    List<String> expectedCalls() {
        return expected;
    }

    // ---- the stubs

    private void stubs() {
        classes.put(STUB_DRIVER, stub(STUB_DRIVER, null, Driver.class));
        classes.put(STUB_CONNECTION, stub(STUB_CONNECTION, null, Connection.class));
        classes.put(STUB_STATEMENT, stub(STUB_STATEMENT, null, Statement.class));
        classes.put(STUB_PREPARED, stub(STUB_PREPARED, STUB_STATEMENT, PreparedStatement.class, Statement.class));
        classes.put(STUB_CALLABLE, stub(STUB_CALLABLE, STUB_PREPARED, CallableStatement.class, PreparedStatement.class));
    }

    /**
     * A public class implementing {@code type} whose every method throws, except {@code toString}:
     * a root stub (no {@code superName}) has the {@code observed} field. Methods of {@code inherited}
     * come from the superclass stub.
     */
    private static byte[] stub(String name, String superName, Class<?> type, Class<?>... inherited) {
        boolean root = superName == null;
        String parent = root ? "java/lang/Object" : superName;
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, parent, new String[] {Type.getInternalName(type)});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, parent, "<init>", "()V", false);
        if (root) {
            init.visitVarInsn(ALOAD, 0);
            init.visitLdcInsn("");
            init.visitFieldInsn(PUTFIELD, name, "observed", "L" + STRING + ";");
        }
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        if (root) {
            cw.visitField(ACC_PUBLIC, "observed", "L" + STRING + ";", null, null).visitEnd();
            MethodVisitor show = cw.visitMethod(ACC_PUBLIC, "toString", "()L" + STRING + ";", null, null);
            show.visitCode();
            show.visitVarInsn(ALOAD, 0);
            show.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;", false);
            show.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Class", "getSimpleName", "()L" + STRING + ";", false);
            show.visitLdcInsn("[");
            concat(show);
            show.visitVarInsn(ALOAD, 0);
            show.visitFieldInsn(GETFIELD, name, "observed", "L" + STRING + ";");
            concat(show);
            show.visitLdcInsn("]");
            concat(show);
            show.visitInsn(ARETURN);
            show.visitMaxs(0, 0);
            show.visitEnd();
        }
        Set<String> done = new HashSet<>();
        for (Class<?> i : inherited) {
            for (Method m : i.getMethods()) {
                done.add(m.getName() + Type.getMethodDescriptor(m));
            }
        }
        for (Method m : type.getMethods()) {
            String descriptor = Type.getMethodDescriptor(m);
            if (!Modifier.isAbstract(m.getModifiers()) || !done.add(m.getName() + descriptor)) {
                continue;
            }
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, m.getName(), descriptor, null, null);
            mv.visitCode();
            mv.visitTypeInsn(NEW, "java/sql/SQLFeatureNotSupportedException");
            mv.visitInsn(DUP);
            mv.visitLdcInsn(m.getName());
            mv.visitMethodInsn(INVOKESPECIAL, "java/sql/SQLFeatureNotSupportedException", "<init>",
                    "(L" + STRING + ";)V", false);
            mv.visitInsn(ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    // ---- Statement

    private void statements() {
        // execute(String): an Integer in the String's slot, a loop, a try/catch and two returns with it there
        shape("IntegerInSqlSlot", STUB_STATEMENT, V17, Frames.COMPUTED, "execute", "(L" + STRING + ";)Z",
                OddJdbcClasses::integerInSqlSlot, "IntegerInSqlSlot.execute(select 12345) = true ; state IntegerInSqlSlot[12]");
        // executeUpdate(String): an int in the String's slot, counted down in a loop, a division by it caught
        shape("IntInSqlSlot", STUB_STATEMENT, V17, Frames.COMPUTED, "executeUpdate", "(L" + STRING + ";)I", mv -> {
            Label loop = new Label();
            Label done = new Label();
            Label tryStart = new Label();
            Label tryEnd = new Label();
            Label handler = new Label();
            Label after = new Label();
            mv.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/ArithmeticException");
            mv.visitVarInsn(ALOAD, 1);
            length(mv);
            mv.visitVarInsn(ISTORE, 1);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, 2);
            mv.visitLabel(loop);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitJumpInsn(IFLE, done);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitInsn(IADD);
            mv.visitVarInsn(ISTORE, 2);
            mv.visitIincInsn(1, -1);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
            mv.visitLabel(tryStart);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitInsn(IDIV);
            mv.visitVarInsn(ISTORE, 2);
            mv.visitLabel(tryEnd);
            mv.visitJumpInsn(GOTO, after);
            mv.visitLabel(handler);
            mv.visitInsn(POP);
            mv.visitIincInsn(2, 1000);
            mv.visitLabel(after);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitMethodInsn(INVOKESTATIC, STRING, "valueOf", "(I)L" + STRING + ";", false);
            observe(mv, STUB_STATEMENT);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitInsn(IRETURN);
        }, "IntInSqlSlot.executeUpdate(update t set a=1) = 1136 ; state IntInSqlSlot[1136]");
        // executeLargeUpdate(String): a long over slots 1 and 2, halved in a loop inside a try range
        shape("LongAcrossSqlSlot", STUB_STATEMENT, V17, Frames.COMPUTED, "executeLargeUpdate", "(L" + STRING + ";)J", mv -> {
            Label loop = new Label();
            Label done = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(loop, done, handler, "java/lang/RuntimeException");
            mv.visitVarInsn(ALOAD, 1);
            length(mv);
            mv.visitInsn(I2L);
            mv.visitLdcInsn(1000L);
            mv.visitInsn(LMUL);
            mv.visitVarInsn(LSTORE, 1);
            mv.visitLabel(loop);
            mv.visitVarInsn(LLOAD, 1);
            mv.visitLdcInsn(4096L);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFLE, done);
            mv.visitVarInsn(LLOAD, 1);
            mv.visitLdcInsn(2L);
            mv.visitInsn(LDIV);
            mv.visitVarInsn(LSTORE, 1);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(handler);
            mv.visitInsn(POP);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LRETURN);
            mv.visitLabel(done);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(LLOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, STRING, "valueOf", "(J)L" + STRING + ";", false);
            observe(mv, STUB_STATEMENT);
            mv.visitVarInsn(LLOAD, 1);
            mv.visitInsn(LRETURN);
        }, "LongAcrossSqlSlot.executeLargeUpdate(delete from t) = 3250 ; state LongAcrossSqlSlot[3250]");
        // executeUpdate(String, int): one long over both arguments' slots
        shape("LongOverSqlAndInt", STUB_STATEMENT, V17, Frames.COMPUTED, "executeUpdate", "(L" + STRING + ";I)I", mv -> {
            Label loop = new Label();
            Label done = new Label();
            mv.visitVarInsn(ALOAD, 1);
            length(mv);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitInsn(IADD);
            mv.visitInsn(I2L);
            mv.visitVarInsn(LSTORE, 1);
            mv.visitLabel(loop);
            mv.visitVarInsn(LLOAD, 1);
            mv.visitLdcInsn(100L);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFGE, done);
            mv.visitVarInsn(LLOAD, 1);
            mv.visitLdcInsn(3L);
            mv.visitInsn(LMUL);
            mv.visitVarInsn(LSTORE, 1);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(LLOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, STRING, "valueOf", "(J)L" + STRING + ";", false);
            observe(mv, STUB_STATEMENT);
            mv.visitVarInsn(LLOAD, 1);
            mv.visitInsn(L2I);
            mv.visitInsn(IRETURN);
        }, "LongOverSqlAndInt.executeUpdate(insert into t values (1), 1) = 225 ; state LongOverSqlAndInt[225]");
        // execute(String): a double over slots 1 and 2, doubled in a loop, compared at the returns
        shape("DoubleInSqlSlot", STUB_STATEMENT, V17, Frames.COMPUTED, "execute", "(L" + STRING + ";)Z", mv -> {
            Label loop = new Label();
            Label done = new Label();
            Label no = new Label();
            mv.visitVarInsn(ALOAD, 1);
            length(mv);
            mv.visitInsn(I2D);
            mv.visitLdcInsn(0.5);
            mv.visitInsn(DMUL);
            mv.visitVarInsn(DSTORE, 1);
            mv.visitLabel(loop);
            mv.visitVarInsn(DLOAD, 1);
            mv.visitLdcInsn(100.0);
            mv.visitInsn(DCMPG);
            mv.visitJumpInsn(IFGE, done);
            mv.visitVarInsn(DLOAD, 1);
            mv.visitVarInsn(DLOAD, 1);
            mv.visitInsn(DADD);
            mv.visitVarInsn(DSTORE, 1);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(DLOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, STRING, "valueOf", "(D)L" + STRING + ";", false);
            observe(mv, STUB_STATEMENT);
            mv.visitVarInsn(DLOAD, 1);
            mv.visitLdcInsn(150.0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(IFLE, no);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IRETURN);
            mv.visitLabel(no);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
        }, "DoubleInSqlSlot.execute(select 12345) = true ; state DoubleInSqlSlot[192.0]");
        // execute(String): an Integer in slot 0, where `this` was
        shape("IntegerInThisSlot", STUB_STATEMENT, V17, Frames.COMPUTED, "execute", "(L" + STRING + ";)Z", mv -> {
            Label loop = new Label();
            Label done = new Label();
            Label no = new Label();
            Label tryStart = new Label();
            Label tryEnd = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/IllegalStateException");
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            observe(mv, STUB_STATEMENT);
            mv.visitVarInsn(ALOAD, 1);
            length(mv);
            mv.visitMethodInsn(INVOKESTATIC, INTEGER, "valueOf", "(I)L" + INTEGER + ";", false);
            mv.visitVarInsn(ASTORE, 0);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, 2);
            mv.visitLabel(loop);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKEVIRTUAL, INTEGER, "intValue", "()I", false);
            mv.visitJumpInsn(IF_ICMPGE, done);
            mv.visitIincInsn(2, 3);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
            mv.visitLabel(tryStart);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKEVIRTUAL, INTEGER, "hashCode", "()I", false);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitJumpInsn(IF_ICMPNE, no);
            mv.visitLabel(tryEnd);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IRETURN);
            mv.visitLabel(handler);
            mv.visitInsn(POP);
            mv.visitLabel(no);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
        }, "IntegerInThisSlot.execute(select 12345) = true ; state IntegerInThisSlot[select 12345]");
        // The control: the same kind of method, slots used as declared (javac's shape)
        shape("PlainStatement", STUB_STATEMENT, V17, Frames.COMPUTED, "execute", "(L" + STRING + ";)Z", mv -> {
            Label loop = new Label();
            Label done = new Label();
            Label no = new Label();
            mv.visitVarInsn(ALOAD, 1);
            length(mv);
            mv.visitVarInsn(ISTORE, 2);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, 3);
            mv.visitLabel(loop);
            mv.visitVarInsn(ILOAD, 3);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitJumpInsn(IF_ICMPGE, done);
            mv.visitIincInsn(3, 4);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ILOAD, 3);
            mv.visitMethodInsn(INVOKESTATIC, STRING, "valueOf", "(I)L" + STRING + ";", false);
            observe(mv, STUB_STATEMENT);
            mv.visitVarInsn(ILOAD, 3);
            mv.visitIntInsn(BIPUSH, 12);
            mv.visitJumpInsn(IF_ICMPNE, no);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IRETURN);
            mv.visitLabel(no);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
        }, "PlainStatement.execute(select 12345) = true ; state PlainStatement[12]");
        // The first instruction is a loop head: a frame of the original at offset 0
        shape("LoopAtFirstInstruction", STUB_STATEMENT, V17, Frames.COMPUTED, "execute", "(L" + STRING + ";)Z",
                mv -> loopAtFirstInstruction(mv, STUB_STATEMENT, true),
                "LoopAtFirstInstruction.execute(select 12345) = true ; state LoopAtFirstInstruction[xxx]");
        // An override whose class file names no java.sql type (no throws clause, as Kotlin or a
        // method that throws nothing checked): the method is the statement's own, not inherited
        shape("OverrideNamingNoJdbcType", STUB_STATEMENT, V17, Frames.COMPUTED, "executeUpdate", "(L" + STRING + ";)I",
                null, mv -> {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            observe(mv, STUB_STATEMENT);
            mv.visitVarInsn(ALOAD, 1);
            length(mv);
            mv.visitInsn(IRETURN);
        }, "OverrideNamingNoJdbcType.executeUpdate(update t set a=1) = 16 ; state OverrideNamingNoJdbcType[update t set a=1]");
        // Java 5 (version 49): no stack map frames; the Integer in the String's slot, a jsr subroutine in a try range
        shape("Version49Subroutine", STUB_STATEMENT, V1_5, Frames.NONE, "execute", "(L" + STRING + ";)Z", mv -> {
            Label sub = new Label();
            Label no = new Label();
            Label tryStart = new Label();
            Label tryEnd = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/RuntimeException");
            mv.visitVarInsn(ALOAD, 1);
            length(mv);
            mv.visitMethodInsn(INVOKESTATIC, INTEGER, "valueOf", "(I)L" + INTEGER + ";", false);
            mv.visitVarInsn(ASTORE, 1);
            mv.visitLabel(tryStart);
            mv.visitJumpInsn(JSR, sub);
            mv.visitLabel(tryEnd);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, INTEGER, "intValue", "()I", false);
            mv.visitIntInsn(BIPUSH, 10);
            mv.visitJumpInsn(IF_ICMPLE, no);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IRETURN);
            mv.visitLabel(handler);
            mv.visitInsn(POP);
            mv.visitLabel(no);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
            mv.visitLabel(sub);
            mv.visitVarInsn(ASTORE, 3);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Object", "toString", "()L" + STRING + ";", false);
            observe(mv, STUB_STATEMENT);
            mv.visitVarInsn(RET, 3);
        }, "Version49Subroutine.execute(select 12345) = true ; state Version49Subroutine[12]");
        // Java 6 (version 50), with frames: a failed type check falls back to the old verifier
        shape("Version50Frames", STUB_STATEMENT, V1_6, Frames.COMPUTED, "execute", "(L" + STRING + ";)Z",
                OddJdbcClasses::integerInSqlSlot, "Version50Frames.execute(select 12345) = true ; state Version50Frames[12]");
        // Java 6 (version 50) without a StackMapTable, which that version allows
        shape("Version50NoFrames", STUB_STATEMENT, V1_6, Frames.NONE, "execute", "(L" + STRING + ";)Z",
                OddJdbcClasses::integerInSqlSlot, "Version50NoFrames.execute(select 12345) = true ; state Version50NoFrames[12]");
    }

    /** execute(String) that keeps an Integer in the String's slot 1; "select 12345" gives true and observes 12. */
    private static void integerInSqlSlot(MethodVisitor mv) {
        Label loop = new Label();
        Label done = new Label();
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        Label after = new Label();
        Label no = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/NumberFormatException");
        mv.visitVarInsn(ALOAD, 1);
        length(mv);
        mv.visitMethodInsn(INVOKESTATIC, INTEGER, "valueOf", "(I)L" + INTEGER + ";", false);
        mv.visitVarInsn(ASTORE, 1);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, 2);
        mv.visitLabel(loop);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKEVIRTUAL, INTEGER, "intValue", "()I", false);
        mv.visitVarInsn(ILOAD, 2);
        mv.visitJumpInsn(IF_ICMPLE, done);
        mv.visitIincInsn(2, 1);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(done);
        mv.visitLabel(tryStart);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKEVIRTUAL, INTEGER, "toString", "()L" + STRING + ";", false);
        mv.visitMethodInsn(INVOKESTATIC, INTEGER, "parseInt", "(L" + STRING + ";)I", false);
        mv.visitVarInsn(ISTORE, 2);
        mv.visitLabel(tryEnd);
        mv.visitJumpInsn(GOTO, after);
        mv.visitLabel(handler);
        mv.visitInsn(POP);
        mv.visitInsn(ICONST_M1);
        mv.visitVarInsn(ISTORE, 2);
        mv.visitLabel(after);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Object", "toString", "()L" + STRING + ";", false);
        observe(mv, STUB_STATEMENT);
        mv.visitVarInsn(ILOAD, 2);
        mv.visitInsn(ICONST_5);
        mv.visitJumpInsn(IF_ICMPLE, no);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IRETURN);
        mv.visitLabel(no);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(IRETURN);
    }

    /** Appends "x" to {@code observed} until it has three characters, in a loop that starts at offset 0. */
    private static void loopAtFirstInstruction(MethodVisitor mv, String rootStub, boolean returnsTrue) {
        Label loop = new Label();
        Label done = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, rootStub, "observed", "L" + STRING + ";");
        length(mv);
        mv.visitInsn(ICONST_3);
        mv.visitJumpInsn(IF_ICMPGE, done);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, rootStub, "observed", "L" + STRING + ";");
        mv.visitLdcInsn("x");
        concat(mv);
        observe(mv, rootStub);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(done);
        if (returnsTrue) {
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IRETURN);
        } else {
            mv.visitInsn(RETURN);
        }
    }

    // ---- PreparedStatement and CallableStatement

    private void preparedAndCallable() {
        // executeLargeUpdate(): a long over slots 0 and 1, `this` gone for the rest of the method
        shape("LongInThisSlotPrepared", STUB_PREPARED, V17, Frames.COMPUTED, "executeLargeUpdate", "()J", mv -> {
            Label loop = new Label();
            Label done = new Label();
            mv.visitVarInsn(ALOAD, 0);
            mv.visitLdcInsn("large");
            observe(mv, STUB_STATEMENT);
            mv.visitLdcInsn(7L);
            mv.visitVarInsn(LSTORE, 0);
            mv.visitLabel(loop);
            mv.visitVarInsn(LLOAD, 0);
            mv.visitLdcInsn(1000L);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFGE, done);
            mv.visitVarInsn(LLOAD, 0);
            mv.visitLdcInsn(7L);
            mv.visitInsn(LMUL);
            mv.visitVarInsn(LSTORE, 0);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
            mv.visitVarInsn(LLOAD, 0);
            mv.visitInsn(LRETURN);
        }, "LongInThisSlotPrepared.executeLargeUpdate() = 2401 ; state LongInThisSlotPrepared[large]");
        // executeQuery(): a String in slot 0, a branch on it, one return and one throw
        shape("StringInThisSlotCallable", STUB_CALLABLE, V17, Frames.COMPUTED, "executeQuery", "()Ljava/sql/ResultSet;", mv -> {
            Label no = new Label();
            mv.visitVarInsn(ALOAD, 0);
            mv.visitLdcInsn("query");
            observe(mv, STUB_STATEMENT);
            mv.visitLdcInsn("replaced");
            mv.visitVarInsn(ASTORE, 0);
            mv.visitVarInsn(ALOAD, 0);
            length(mv);
            mv.visitIntInsn(BIPUSH, 8);
            mv.visitJumpInsn(IF_ICMPNE, no);
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(ARETURN);
            mv.visitLabel(no);
            mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
            mv.visitInsn(DUP);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(L" + STRING + ";)V", false);
            mv.visitInsn(ATHROW);
        }, "StringInThisSlotCallable.executeQuery() = null ; state StringInThisSlotCallable[query]");
    }

    // ---- Connection

    private void connections() {
        // setAutoCommit(boolean): a String in the boolean's slot, inside a try range
        shape("StringInAutoCommitSlot", STUB_CONNECTION, V17, Frames.COMPUTED, "setAutoCommit", "(Z)V", mv -> {
            Label off = new Label();
            Label store = new Label();
            Label tryStart = new Label();
            Label tryEnd = new Label();
            Label handler = new Label();
            Label done = new Label();
            mv.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/RuntimeException");
            mv.visitVarInsn(ILOAD, 1);
            mv.visitJumpInsn(IFEQ, off);
            mv.visitLdcInsn("on");
            mv.visitJumpInsn(GOTO, store);
            mv.visitLabel(off);
            mv.visitLdcInsn("off");
            mv.visitLabel(store);
            mv.visitVarInsn(ASTORE, 1);
            mv.visitLabel(tryStart);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, STUB_CONNECTION, "observed", "L" + STRING + ";");
            mv.visitVarInsn(ALOAD, 1);
            concat(mv);
            observe(mv, STUB_CONNECTION);
            mv.visitLabel(tryEnd);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(handler);
            mv.visitInsn(POP);
            mv.visitLabel(done);
            mv.visitInsn(RETURN);
        }, "StringInAutoCommitSlot.setAutoCommit(false) = null ; state StringInAutoCommitSlot[off]",
                "StringInAutoCommitSlot.setAutoCommit(true) = null ; state StringInAutoCommitSlot[offon]");
        // prepareStatement(String): an Integer in the String's slot; returns a statement that shows it
        shape("IntegerInPrepareSlot", STUB_CONNECTION, V17, Frames.COMPUTED, "prepareStatement",
                "(L" + STRING + ";)Ljava/sql/PreparedStatement;", mv -> {
            Label empty = new Label();
            mv.visitVarInsn(ALOAD, 1);
            length(mv);
            mv.visitMethodInsn(INVOKESTATIC, INTEGER, "valueOf", "(I)L" + INTEGER + ";", false);
            mv.visitVarInsn(ASTORE, 1);
            newStub(mv, STUB_PREPARED);
            mv.visitVarInsn(ASTORE, 2);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, INTEGER, "intValue", "()I", false);
            mv.visitJumpInsn(IFLE, empty);
            mv.visitVarInsn(ALOAD, 2);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Object", "toString", "()L" + STRING + ";", false);
            observe(mv, STUB_STATEMENT);
            mv.visitLabel(empty);
            mv.visitVarInsn(ALOAD, 2);
            mv.visitInsn(ARETURN);
        }, "IntegerInPrepareSlot.prepareStatement(select 7) = StubPreparedStatement[8] ; state IntegerInPrepareSlot[]");
        // setNetworkTimeout(Executor, int): an int in the Executor's slot, a String in the int's
        shape("SwappedNetworkTimeoutSlots", STUB_CONNECTION, V17, Frames.COMPUTED, "setNetworkTimeout",
                "(Ljava/util/concurrent/Executor;I)V", mv -> {
            Label loop = new Label();
            Label done = new Label();
            mv.visitVarInsn(ILOAD, 2);
            mv.visitInsn(ICONST_2);
            mv.visitInsn(IMUL);
            mv.visitVarInsn(ISTORE, 1);
            mv.visitLdcInsn("ms");
            mv.visitVarInsn(ASTORE, 2);
            mv.visitLabel(loop);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitIntInsn(SIPUSH, 1000);
            mv.visitJumpInsn(IF_ICMPGE, done);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitInsn(ICONST_2);
            mv.visitInsn(IMUL);
            mv.visitVarInsn(ISTORE, 1);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, STRING, "valueOf", "(I)L" + STRING + ";", false);
            mv.visitVarInsn(ALOAD, 2);
            concat(mv);
            observe(mv, STUB_CONNECTION);
            mv.visitInsn(RETURN);
        }, "SwappedNetworkTimeoutSlots.setNetworkTimeout(null, 250) = null ; state SwappedNetworkTimeoutSlots[1000ms]");
        // commit(): an Integer in slot 0, counted down in a loop
        shape("IntegerInThisSlotConnection", STUB_CONNECTION, V17, Frames.COMPUTED, "commit", "()V", mv -> {
            Label loop = new Label();
            Label done = new Label();
            mv.visitVarInsn(ALOAD, 0);
            mv.visitLdcInsn("committed");
            observe(mv, STUB_CONNECTION);
            mv.visitInsn(ICONST_3);
            mv.visitMethodInsn(INVOKESTATIC, INTEGER, "valueOf", "(I)L" + INTEGER + ";", false);
            mv.visitVarInsn(ASTORE, 0);
            mv.visitLabel(loop);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKEVIRTUAL, INTEGER, "intValue", "()I", false);
            mv.visitJumpInsn(IFLE, done);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKEVIRTUAL, INTEGER, "intValue", "()I", false);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(ISUB);
            mv.visitMethodInsn(INVOKESTATIC, INTEGER, "valueOf", "(I)L" + INTEGER + ";", false);
            mv.visitVarInsn(ASTORE, 0);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
            mv.visitInsn(RETURN);
        }, "IntegerInThisSlotConnection.commit() = null ; state IntegerInThisSlotConnection[committed]");
        // prepareCall(String): a long over slots 0 and 1 (`this` and the SQL) before the return
        shape("LongInThisSlotConnection", STUB_CONNECTION, V17, Frames.COMPUTED, "prepareCall",
                "(L" + STRING + ";)Ljava/sql/CallableStatement;", mv -> {
            Label loop = new Label();
            Label done = new Label();
            newStub(mv, STUB_CALLABLE);
            mv.visitVarInsn(ASTORE, 2);
            mv.visitVarInsn(ALOAD, 2);
            mv.visitVarInsn(ALOAD, 1);
            observe(mv, STUB_STATEMENT);
            mv.visitLdcInsn(5L);
            mv.visitVarInsn(LSTORE, 0);
            mv.visitLabel(loop);
            mv.visitVarInsn(LLOAD, 0);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFLE, done);
            mv.visitVarInsn(LLOAD, 0);
            mv.visitInsn(LCONST_1);
            mv.visitInsn(LSUB);
            mv.visitVarInsn(LSTORE, 0);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
            mv.visitVarInsn(ALOAD, 2);
            mv.visitInsn(ARETURN);
        }, "LongInThisSlotConnection.prepareCall(call p(?)) = StubCallableStatement[call p(?)] ; state LongInThisSlotConnection[]");
        // commit() whose first instruction is a loop head
        shape("LoopAtFirstInstructionConnection", STUB_CONNECTION, V17, Frames.COMPUTED, "commit", "()V",
                mv -> loopAtFirstInstruction(mv, STUB_CONNECTION, false),
                "LoopAtFirstInstructionConnection.commit() = null ; state LoopAtFirstInstructionConnection[xxx]");
        // The control: a connection whose methods use their slots as declared
        shape("PlainConnection", STUB_CONNECTION, V17, Frames.COMPUTED, "setAutoCommit", "(Z)V", mv -> {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, STUB_CONNECTION, "observed", "L" + STRING + ";");
            mv.visitVarInsn(ILOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, STRING, "valueOf", "(Z)L" + STRING + ";", false);
            concat(mv);
            observe(mv, STUB_CONNECTION);
            mv.visitInsn(RETURN);
        }, "PlainConnection.setAutoCommit(false) = null ; state PlainConnection[false]",
                "PlainConnection.setAutoCommit(true) = null ; state PlainConnection[falsetrue]");
    }

    // ---- Driver

    private void drivers() {
        // connect(String, Properties): an Integer in the URL's slot, a String in the Properties'
        shape("IntegerInUrlSlotDriver", STUB_DRIVER, V17, Frames.COMPUTED, "connect",
                "(L" + STRING + ";Ljava/util/Properties;)Ljava/sql/Connection;", mv -> {
            Label loop = new Label();
            Label done = new Label();
            newStub(mv, STUB_CONNECTION);
            mv.visitVarInsn(ASTORE, 3);
            mv.visitVarInsn(ALOAD, 3);
            mv.visitVarInsn(ALOAD, 1);
            observe(mv, STUB_CONNECTION);
            mv.visitVarInsn(ALOAD, 1);
            length(mv);
            mv.visitMethodInsn(INVOKESTATIC, INTEGER, "valueOf", "(I)L" + INTEGER + ";", false);
            mv.visitVarInsn(ASTORE, 1);
            mv.visitLdcInsn("x");
            mv.visitVarInsn(ASTORE, 2);
            mv.visitLabel(loop);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, INTEGER, "intValue", "()I", false);
            mv.visitIntInsn(BIPUSH, 10);
            mv.visitJumpInsn(IF_ICMPLE, done);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, INTEGER, "intValue", "()I", false);
            mv.visitInsn(ICONST_2);
            mv.visitInsn(IDIV);
            mv.visitMethodInsn(INVOKESTATIC, INTEGER, "valueOf", "(I)L" + INTEGER + ";", false);
            mv.visitVarInsn(ASTORE, 1);
            mv.visitJumpInsn(GOTO, loop);
            mv.visitLabel(done);
            mv.visitVarInsn(ALOAD, 3);
            mv.visitInsn(ARETURN);
        }, "IntegerInUrlSlotDriver.connect(jdbc:odd:corpus) = StubConnection[jdbc:odd:corpus] ; state IntegerInUrlSlotDriver[]");
        // The control: a driver that hands out the plain connection, which the agent then tracks
        shape("PlainDriver", STUB_DRIVER, V17, Frames.COMPUTED, "connect",
                "(L" + STRING + ";Ljava/util/Properties;)Ljava/sql/Connection;", mv -> {
            newStub(mv, PACKAGE + "PlainConnection");
            mv.visitInsn(ARETURN);
        }, "PlainDriver.connect(jdbc:odd:corpus) = PlainConnection[] ; state PlainDriver[]",
                "PlainDriver->PlainConnection.setAutoCommit(false) = null ; state PlainConnection[false]");
    }

    // ---- writing

    /**
     * A public class {@code simpleName} extending {@code stub} with a public no-argument
     * constructor and one method, whose code {@code body} writes; {@code calls} are lines
     * GeneratedCalls prints for it (after "call ").
     */
    private void shape(String simpleName, String stub, int version, Frames frames, String method, String descriptor,
                       Consumer<MethodVisitor> body, String... calls) {
        shape(simpleName, stub, version, frames, method, descriptor, THROWS_SQL_EXCEPTION, body, calls);
    }

    /** {@code exceptions}: the method's throws clause (javac writes one where the source declares it). */
    private void shape(String simpleName, String stub, int version, Frames frames, String method, String descriptor,
                       String[] exceptions, Consumer<MethodVisitor> body, String... calls) {
        String name = PACKAGE + simpleName;
        ClassWriter cw = frames == Frames.COMPUTED ? new FramesWriter() : new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(version, ACC_PUBLIC | ACC_SUPER, name, null, stub, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, stub, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, method, descriptor, null, exceptions);
        mv.visitCode();
        body.accept(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        classes.put(name, cw.toByteArray());
        for (String call : calls) {
            expected.add("call " + call);
        }
    }

    /** A class that loads (its format is fine) but cannot link: an int returned as an Object. */
    private static byte[] canary() {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, CANARY, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "broken", "()Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitInsn(ICONST_0);
        mv.visitInsn(ARETURN);
        mv.visitMaxs(1, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void newStub(MethodVisitor mv, String type) {
        mv.visitTypeInsn(NEW, type);
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, type, "<init>", "()V", false);
    }

    /** Stores the String on the stack into the {@code observed} field of the object under it. */
    private static void observe(MethodVisitor mv, String rootStub) {
        mv.visitFieldInsn(PUTFIELD, rootStub, "observed", "L" + STRING + ";");
    }

    private static void length(MethodVisitor mv) {
        mv.visitMethodInsn(INVOKEVIRTUAL, STRING, "length", "()I", false);
    }

    private static void concat(MethodVisitor mv) {
        mv.visitMethodInsn(INVOKEVIRTUAL, STRING, "concat", "(L" + STRING + ";)L" + STRING + ";", false);
    }

    /**
     * Computes frames without loading the generated classes: the only merges of two different
     * reference types in these methods are of JDK types whose common supertype is Object.
     */
    private static final class FramesWriter extends ClassWriter {
        FramesWriter() {
            super(ClassWriter.COMPUTE_FRAMES);
        }

        @Override
        protected String getCommonSuperClass(String type1, String type2) {
            return type1.equals(type2) ? type1 : "java/lang/Object";
        }
    }
}
