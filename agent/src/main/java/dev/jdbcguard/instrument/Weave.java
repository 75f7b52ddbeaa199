package dev.jdbcguard.instrument;

import dev.jdbcguard.bootstrap.Bridge;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * One kind of call into the bridge, and the bytecode that makes it. A guarded weave keeps a
 * token from enter to exit and sees the method's throwables; the others only add a call at the
 * start or before each return, and so can share a method with a guarded one.
 */
abstract class Weave {

    private static final String ENTER_CONNECTION = "(Ljava/lang/Object;ILjava/lang/Object;)Ljava/lang/Object;";
    private static final String EXIT_CONNECTION = "(Ljava/lang/Object;IJLjava/lang/Object;Ljava/lang/Throwable;)V";
    private static final String OBJECT_TO_VOID = "(Ljava/lang/Object;)V";
    private static final String OBJECT_OBJECT_TO_VOID = "(Ljava/lang/Object;Ljava/lang/Object;)V";
    private static final String OBJECT_STRING_TO_VOID = "(Ljava/lang/Object;Ljava/lang/String;)V";
    private static final String OBJECT_THROWABLE_TO_VOID = "(Ljava/lang/Object;Ljava/lang/Throwable;)V";
    private static final String THROWABLE_TO_THROWABLE = "(Ljava/lang/Throwable;)Ljava/lang/Throwable;";
    private static final String OBJECT_THROWABLE_TO_BOOLEAN = "(Ljava/lang/Object;Ljava/lang/Throwable;)Z";

    /** Code at the start of the method. */
    void enter(MethodWeaver m) {
    }

    /** Code before a normal return; the return value, if any, is on the stack and must stay there. */
    void exit(MethodWeaver m) {
    }

    /** A guarded weave must store a token (null will do) in {@code m.tokenSlot()} on enter. */
    boolean guards() {
        return false;
    }

    /** A guarded weave's handler; the throwable is in {@code m.thrownSlot()}. Must not fall through. */
    void thrown(MethodWeaver m) {
        m.var(Opcodes.ALOAD, m.thrownSlot());
        m.bridge("instead", THROWABLE_TO_THROWABLE);
        m.insn(Opcodes.ATHROW);
    }

    /** True when {@link #thrown} may jump back to the start of the body to run it again. */
    boolean repeats() {
        return false;
    }

    /**
     * A {@code java.sql.Connection} method: the agent may refuse it (the enter result is thrown
     * instead of running the body), and learns the outcome and the argument that changes state.
     */
    static final class ConnectionCall extends Weave {
        private final int op;
        private final int sqlArg;
        private final int longArg;
        private final int objectArg;
        private final boolean refusable;

        ConnectionCall(int op, int sqlArg, int longArg, int objectArg, boolean refusable) {
            this.op = op;
            this.sqlArg = sqlArg;
            this.longArg = longArg;
            this.objectArg = objectArg;
            this.refusable = refusable;
        }

        static ConnectionCall plain(int op) {
            return new ConnectionCall(op, -1, -1, -1, true);
        }

        @Override
        void enter(MethodWeaver m) {
            m.loadThis();
            m.push(op);
            loadOrNull(m, sqlArg);
            m.bridge("enterConnection", ENTER_CONNECTION);
            m.var(Opcodes.ASTORE, m.tokenSlot());
            if (refusable) {
                m.var(Opcodes.ALOAD, m.tokenSlot());
                m.bridge("refuse", OBJECT_TO_VOID);
            }
        }

        @Override
        void exit(MethodWeaver m) {
            report(m);
            m.insn(Opcodes.ACONST_NULL);
            m.bridge("exitConnection", EXIT_CONNECTION);
        }

        @Override
        boolean guards() {
            return true;
        }

        @Override
        void thrown(MethodWeaver m) {
            report(m);
            m.var(Opcodes.ALOAD, m.thrownSlot());
            m.bridge("exitConnection", EXIT_CONNECTION);
            super.thrown(m);
        }

        private void report(MethodWeaver m) {
            m.var(Opcodes.ALOAD, m.tokenSlot());
            m.push(op);
            if (longArg >= 0) {
                m.loadArgAsLong(longArg);
            } else {
                m.insn(Opcodes.LCONST_0);
            }
            loadOrNull(m, objectArg);
        }
    }

    /**
     * {@code isValid(int)}: a connection call that is never refused and whose answer the agent
     * needs. When it says false and the agent heals the connection, the body runs once more on the
     * new session, so the pool gets the new session's answer.
     */
    static final class Validate extends Weave {
        private final ConnectionCall call = new ConnectionCall(Bridge.OP_VALIDATE, -1, -1, -1, false);

        @Override
        void enter(MethodWeaver m) {
            call.enter(m);
        }

        /** The boolean answer is on the stack: a copy goes to the bridge with the token. */
        @Override
        void exit(MethodWeaver m) {
            m.insn(Opcodes.DUP);
            m.var(Opcodes.ALOAD, m.tokenSlot());
            m.bridge("validated", "(ZLjava/lang/Object;)V");
        }

        @Override
        boolean guards() {
            return true;
        }

        @Override
        boolean repeats() {
            return true;
        }

        @Override
        void thrown(MethodWeaver m) {
            Label rethrow = new Label();
            m.var(Opcodes.ALOAD, m.thrownSlot());
            m.bridge("again", "(Ljava/lang/Throwable;)Z");
            m.jump(Opcodes.IFEQ, rethrow);
            m.restoreArguments();
            m.jump(Opcodes.GOTO, m.start());
            m.label(rethrow);
            m.frameHere(m.withThrown(), new Object[0]);
            call.thrown(m);
        }
    }

    /**
     * Before {@code prepareStatement}/{@code prepareCall} returns: hands the new statement, which
     * is on the stack, to the bridge and leaves it there.
     */
    static final class Prepared extends Weave {
        @Override
        void exit(MethodWeaver m) {
            m.insn(Opcodes.DUP);
            m.loadThis();
            m.insn(Opcodes.SWAP);
            m.bridge("prepared", OBJECT_OBJECT_TO_VOID);
        }
    }

    /**
     * A statement's {@code execute*}: when the link died under it and the agent healed it, and
     * the statement provably did not run (or is a read in autocommit), the body runs once more
     * under the same token.
     */
    static final class StatementExecute extends Weave {
        private final ConnectionField connectionField;

        /** {@code connectionField}: read it and pass the connection along; null: the bridge asks. */
        StatementExecute(ConnectionField connectionField) {
            this.connectionField = connectionField;
        }

        @Override
        void enter(MethodWeaver m) {
            m.loadThis();
            if (connectionField != null) {
                m.loadThis();
                m.getField(connectionField.owner, connectionField.name, connectionField.descriptor);
            } else {
                m.insn(Opcodes.ACONST_NULL);
            }
            loadOrNull(m, m.argIsReference(0) ? 0 : -1);
            m.bridge("enterStatement", "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;");
            m.var(Opcodes.ASTORE, m.tokenSlot());
            m.var(Opcodes.ALOAD, m.tokenSlot());
            m.bridge("refuse", OBJECT_TO_VOID);
        }

        @Override
        void exit(MethodWeaver m) {
            m.var(Opcodes.ALOAD, m.tokenSlot());
            m.insn(Opcodes.ACONST_NULL);
            m.bridge("exitStatement", OBJECT_THROWABLE_TO_BOOLEAN);
            m.insn(Opcodes.POP);
        }

        @Override
        boolean guards() {
            return true;
        }

        @Override
        boolean repeats() {
            return true;
        }

        @Override
        void thrown(MethodWeaver m) {
            Label rethrow = new Label();
            m.var(Opcodes.ALOAD, m.tokenSlot());
            m.var(Opcodes.ALOAD, m.thrownSlot());
            m.bridge("exitStatement", OBJECT_THROWABLE_TO_BOOLEAN);
            m.jump(Opcodes.IFEQ, rethrow);
            m.restoreArguments();
            m.jump(Opcodes.GOTO, m.start());
            m.label(rethrow);
            m.frameHere(m.withThrown(), new Object[0]);
            super.thrown(m);
        }
    }

    /**
     * Where a driver builds a physical connection: {@code Driver.connect(String, Properties)}
     * ({@code urlArg} 0) or a static factory the data sources call ({@code urlArg} -1).
     */
    static final class DriverConnect extends Weave {
        private final boolean hasUrl;

        DriverConnect(boolean hasUrl) {
            this.hasUrl = hasUrl;
        }

        /** No token, but every guarded body starts with the token slot set: the frames say so. */
        @Override
        void enter(MethodWeaver m) {
            m.insn(Opcodes.ACONST_NULL);
            m.var(Opcodes.ASTORE, m.tokenSlot());
        }

        @Override
        void exit(MethodWeaver m) {
            m.insn(Opcodes.DUP);
            loadOrNull(m, hasUrl ? 0 : -1);
            m.bridge("connected", OBJECT_STRING_TO_VOID);
        }

        @Override
        boolean guards() {
            return true;
        }

        @Override
        void thrown(MethodWeaver m) {
            loadOrNull(m, m.argIsReference(0) ? 0 : -1);
            m.var(Opcodes.ALOAD, m.thrownSlot());
            m.bridge("connectFailed", OBJECT_THROWABLE_TO_VOID);
            super.thrown(m);
        }
    }

    /**
     * Connector/J's {@code ConnectionImpl.handleCleanup(Throwable)}: after a lost link it closes
     * every statement of the connection. While the agent heals, it force-closes the session
     * instead (inside the hook) and the driver's teardown is skipped.
     */
    static final class Cleanup extends Weave {
        @Override
        void enter(MethodWeaver m) {
            Label teardown = new Label();
            m.loadThis();
            m.loadArg(0);
            m.bridge("linkLost", OBJECT_THROWABLE_TO_BOOLEAN);
            m.jump(Opcodes.IFEQ, teardown);
            m.returnDefault();
            m.label(teardown);
            m.frameHere(m.entryLocals(), new Object[0]);
        }
    }

    /** The pool's method that opens a physical connection: what the driver builds inside belongs to it. */
    static final class PoolOpens extends Weave {
        @Override
        void enter(MethodWeaver m) {
            m.loadThis();
            m.bridge("poolWorkBegins", "(Ljava/lang/Object;)Ljava/lang/Object;");
            m.var(Opcodes.ASTORE, m.tokenSlot());
        }

        @Override
        void exit(MethodWeaver m) {
            m.var(Opcodes.ALOAD, m.tokenSlot());
            m.bridge("poolWorkEnds", OBJECT_TO_VOID);
        }

        @Override
        boolean guards() {
            return true;
        }

        @Override
        void thrown(MethodWeaver m) {
            exit(m);
            super.thrown(m);
        }
    }

    /** A pool's constructor: it runs on the application thread that created the pool. */
    static final class PoolCreated extends Weave {
        @Override
        void exit(MethodWeaver m) {
            m.loadThis();
            m.ldc(m.owner().replace('/', '.'));
            m.bridge("poolCreated", OBJECT_STRING_TO_VOID);
        }
    }

    /** The proxy a pool hands out per checkout is constructed, or (Tomcat) the borrow returns it. */
    static final class CheckedOut extends Weave {
        private final boolean returned;

        CheckedOut(boolean returned) {
            this.returned = returned;
        }

        @Override
        void exit(MethodWeaver m) {
            if (returned) {
                m.insn(Opcodes.DUP);
            } else {
                m.loadThis();
            }
            m.bridge("checkedOut", OBJECT_TO_VOID);
        }
    }

    /** The program closes the proxy, or (Tomcat) the pool takes its argument back. */
    static final class CheckedIn extends Weave {
        private final boolean argument;

        CheckedIn(boolean argument) {
            this.argument = argument;
        }

        @Override
        void enter(MethodWeaver m) {
            if (argument) {
                m.loadArg(0);
            } else {
                m.loadThis();
            }
            m.bridge("checkedIn", OBJECT_TO_VOID);
        }
    }

    private static void loadOrNull(MethodWeaver m, int arg) {
        if (arg >= 0) {
            m.loadArg(arg);
        } else {
            m.insn(Opcodes.ACONST_NULL);
        }
    }
}
