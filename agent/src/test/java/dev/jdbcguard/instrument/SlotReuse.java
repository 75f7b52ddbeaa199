package dev.jdbcguard.instrument;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Generated classes whose methods store values of other types in their parameters' slots and in
 * {@code this}'s, with branches so that stack map frames record the other type: legal bytecode
 * that javac does not write but optimisers and other compilers do.
 */
final class SlotReuse implements Opcodes {

    static final String STATEMENT = "org/example/odd/ReusingStatement";
    static final String CONNECTION = "org/example/odd/ReusingConnection";

    private SlotReuse() {
    }

    /**
     * {@code String executeQuery(String sql)}: fails with 08S01 while {@code failuresLeft > 0},
     * else puts {@code Integer.valueOf(sql.length())} into the sql slot and an int into slot 0,
     * loops over it, and returns {@code "result <length>"}.
     * {@code long executeLarge(long a, double b)}: keeps a double in the long's slots and a long in
     * the double's, then returns {@code a + (long) b}.
     */
    static byte[] statement() {
        ClassWriter cw = writer(STATEMENT, "java/sql/Statement");
        counters(cw);
        MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "executeQuery", "(Ljava/lang/String;)Ljava/lang/String;", null,
                new String[] {"java/sql/SQLException"});
        m.visitCode();
        countRun(m, STATEMENT);
        failIfAsked(m, STATEMENT);
        m.visitVarInsn(ALOAD, 1);
        m.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "length", "()I", false);
        m.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
        m.visitVarInsn(ASTORE, 1); // the String's slot now holds an Integer
        m.visitInsn(ICONST_0);
        m.visitVarInsn(ISTORE, 0); // and this's slot an int
        Label loop = new Label();
        Label done = new Label();
        m.visitLabel(loop);
        m.visitVarInsn(ILOAD, 0);
        m.visitVarInsn(ALOAD, 1);
        m.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Integer", "intValue", "()I", false);
        m.visitJumpInsn(IF_ICMPGE, done);
        m.visitIincInsn(0, 1);
        m.visitJumpInsn(GOTO, loop);
        m.visitLabel(done);
        m.visitLdcInsn("result ");
        m.visitVarInsn(ILOAD, 0);
        m.visitMethodInsn(INVOKESTATIC, "java/lang/String", "valueOf", "(I)Ljava/lang/String;", false);
        m.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
        m.visitInsn(ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();

        m = cw.visitMethod(ACC_PUBLIC, "executeLarge", "(JD)J", null, null);
        m.visitCode();
        m.visitVarInsn(LLOAD, 1);
        m.visitVarInsn(DLOAD, 3);
        m.visitVarInsn(DSTORE, 1); // the long's two slots now hold the double
        m.visitVarInsn(LSTORE, 3); // and the double's the long
        Label positive = new Label();
        m.visitVarInsn(DLOAD, 1);
        m.visitInsn(DCONST_0);
        m.visitInsn(DCMPL);
        m.visitJumpInsn(IFGT, positive);
        m.visitInsn(DCONST_0);
        m.visitVarInsn(DSTORE, 1);
        m.visitLabel(positive);
        m.visitVarInsn(LLOAD, 3);
        m.visitVarInsn(DLOAD, 1);
        m.visitInsn(D2L);
        m.visitInsn(LADD);
        m.visitInsn(LRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code void setAutoCommit(boolean on)}: records {@code on} in {@code autoCommit}, then keeps a
     * String in the boolean's slot on one branch and returns from both.
     * {@code PreparedStatement prepareStatement(String sql)}: returns null with an int in the sql slot.
     */
    static byte[] connection() {
        ClassWriter cw = writer(CONNECTION, "java/sql/Connection");
        cw.visitField(ACC_PUBLIC, "autoCommit", "Z", null, null).visitEnd();
        MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "setAutoCommit", "(Z)V", null, null);
        m.visitCode();
        m.visitVarInsn(ALOAD, 0);
        m.visitVarInsn(ILOAD, 1);
        m.visitFieldInsn(PUTFIELD, CONNECTION, "autoCommit", "Z");
        Label skip = new Label();
        m.visitVarInsn(ILOAD, 1);
        m.visitJumpInsn(IFNE, skip);
        m.visitLdcInsn("off");
        m.visitVarInsn(ASTORE, 1);
        m.visitVarInsn(ALOAD, 1);
        m.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "length", "()I", false);
        m.visitInsn(POP);
        m.visitInsn(RETURN);
        m.visitLabel(skip);
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();

        m = cw.visitMethod(ACC_PUBLIC, "prepareStatement", "(Ljava/lang/String;)Ljava/sql/PreparedStatement;", null, null);
        m.visitCode();
        m.visitIntInsn(BIPUSH, 7);
        m.visitVarInsn(ISTORE, 1);
        m.visitInsn(ACONST_NULL);
        m.visitInsn(ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * A Statement whose {@code executeQuery} calls {@code Integer.intValue} on its String: a class
     * the verifier refuses with or without the agent.
     */
    static byte[] unverifiable() {
        ClassWriter cw = writer(BROKEN, "java/sql/Statement");
        MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "executeQuery", "(Ljava/lang/String;)Ljava/sql/ResultSet;", null, null);
        m.visitCode();
        m.visitVarInsn(ALOAD, 1);
        m.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Integer", "intValue", "()I", false);
        m.visitInsn(POP);
        m.visitInsn(ACONST_NULL);
        m.visitInsn(ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    static final String BROKEN = "org/example/odd/UnverifiableStatement";

    /** Declares the JDBC interface without implementing all of it: the JVM checks that only at a call. */
    private static ClassWriter writer(String name, String jdbcInterface) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cw.visit(V1_8, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", new String[] {jdbcInterface});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        return cw;
    }

    private static void counters(ClassWriter cw) {
        cw.visitField(ACC_PUBLIC, "runs", "I", null, null).visitEnd();
        cw.visitField(ACC_PUBLIC, "failuresLeft", "I", null, null).visitEnd();
    }

    private static void countRun(MethodVisitor m, String owner) {
        m.visitVarInsn(ALOAD, 0);
        m.visitInsn(DUP);
        m.visitFieldInsn(GETFIELD, owner, "runs", "I");
        m.visitInsn(ICONST_1);
        m.visitInsn(IADD);
        m.visitFieldInsn(PUTFIELD, owner, "runs", "I");
    }

    private static void failIfAsked(MethodVisitor m, String owner) {
        Label go = new Label();
        m.visitVarInsn(ALOAD, 0);
        m.visitFieldInsn(GETFIELD, owner, "failuresLeft", "I");
        m.visitJumpInsn(IFLE, go);
        m.visitVarInsn(ALOAD, 0);
        m.visitInsn(DUP);
        m.visitFieldInsn(GETFIELD, owner, "failuresLeft", "I");
        m.visitInsn(ICONST_1);
        m.visitInsn(ISUB);
        m.visitFieldInsn(PUTFIELD, owner, "failuresLeft", "I");
        m.visitTypeInsn(NEW, "java/sql/SQLException");
        m.visitInsn(DUP);
        m.visitLdcInsn("Communications link failure");
        m.visitLdcInsn("08S01");
        m.visitMethodInsn(INVOKESPECIAL, "java/sql/SQLException", "<init>", "(Ljava/lang/String;Ljava/lang/String;)V", false);
        m.visitInsn(ATHROW);
        m.visitLabel(go);
    }
}
