package dev.jdbcguard.apps;

import java.lang.instrument.Instrumentation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassReloadingStrategy;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Errors inside the agent, then the questions of issue 21: does another thread use the
 * connection without a clash report, and does it still heal after an idle period?
 *
 * <p>{@code stack}: thread "deep" (512 KB of stack) recurses one frame at a time, making JDBC calls
 * at every level and catching the StackOverflowError there, so the overflow lands at every depth
 * of the call path: in the program, the driver, the woven code and the agent. {@code stack-own}:
 * the same, then "deep" itself makes the next call.
 * {@code oom} / {@code linkage}: the agent's healer is redefined to throw an OutOfMemoryError or a
 * NoClassDefFoundError at the start of the next call on thread "deep".
 *
 * <p>Then, while "deep" waits elsewhere, thread "other" runs a query; the session is killed and
 * idles past validateAfter; "deep" runs a query. Prints each outcome. Usage:
 * {@code AgentErrorApp <url> <user> <password> stack|stack-own|oom|linkage}.
 */
public final class AgentErrorApp {

    private static int overflows;
    private static int calls;

    private AgentErrorApp() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[3];
        Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
        long firstSession = session(c);
        CountDownLatch deepDone = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        Thread deep = new Thread(null, () -> {
            try {
                if (mode.startsWith("stack")) {
                    for (int round = 0; round < 3; round++) {
                        descend(c, 0);
                    }
                    System.out.println("deep: " + overflows + " overflows caught, " + calls + " calls completed");
                    if (mode.equals("stack-own")) {
                        Thread.sleep(200); // a program's next job, not a call nested in the last one
                        System.out.println("deep: its own next call " + query(c));
                    }
                } else {
                    InjectedError.arm(mode);
                    System.out.println("deep: the call after the injected " + mode + " got " + query(c));
                }
            } catch (Throwable e) {
                System.out.println("deep: " + e);
            }
            deepDone.countDown();
            await(goOn);
            System.out.println("deep after idle: " + query(c));
        }, "deep", 512 * 1024);
        if (!mode.startsWith("stack")) {
            InjectedError.install();
        }
        deep.start();
        deepDone.await();

        Thread other = new Thread(() -> System.out.println("other: " + query(c)), "other");
        other.setDaemon(true);
        other.start();
        other.join(30_000);
        if (other.isAlive()) {
            // an overflow inside the driver between its lock and its unlock leaves the driver's own
            // lock held by "deep": "other" waits for it forever, with or without an agent
            System.out.println("other: stuck, waiting at:");
            for (StackTraceElement frame : other.getStackTrace()) {
                System.out.println("    at " + frame);
            }
            System.exit(3);
        }

        try (Connection admin = DriverManager.getConnection(args[0], args[1], args[2]);
             Statement s = admin.createStatement()) {
            s.execute("KILL " + firstSession);
        }
        Thread.sleep(2_500); // past validateAfter (2 s by default): the next use is checked
        goOn.countDown();
        deep.join(30_000);
        System.out.println("session before " + firstSession + ", now " + session(c));
        c.close();
    }

    /** One frame deeper each time: the overflow moves through every depth of the JDBC calls. */
    private static void descend(Connection c, int depth) {
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT " + depth)) {
                r.next();
            }
            calls++;
        } catch (StackOverflowError e) {
            overflows++;
        } catch (SQLException e) {
            System.out.println("deep: at depth " + depth + ": " + e);
        }
        if (overflows < 2_000) {
            try {
                descend(c, depth + 1);
            } catch (StackOverflowError e) {
                overflows++; // the recursion itself ran out: this round is over
            }
        }
    }

    private static String query(Connection c) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT CONNECTION_ID()")) {
            r.next();
            return "ok on server thread " + r.getLong(1);
        } catch (Throwable e) {
            return "failed: " + e;
        }
    }

    private static long session(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT CONNECTION_ID()")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Redefines the agent's Healer.beforeUse so that it throws once when armed. The advice is
     * inlined into the agent's class and uses only JDK classes, so it needs nothing from this loader.
     */
    static final class InjectedError {
        private static final String ARMED = "jdbcguard.test.injectError";

        static void arm(String kind) {
            System.setProperty(ARMED, kind);
        }

        static void install() throws Exception {
            Instrumentation inst = ByteBuddyAgent.install();
            Class<?> healer = Class.forName("dev.jdbcguard.heal.Healer", false, ClassLoader.getSystemClassLoader());
            new ByteBuddy().redefine(healer)
                    .visit(Advice.to(Throws.class).on(ElementMatchers.named("beforeUse")))
                    .make()
                    .load(healer.getClassLoader(), ClassReloadingStrategy.of(inst));
        }

        static final class Throws {
            @Advice.OnMethodEnter
            static void enter() {
                String kind = System.getProperty("jdbcguard.test.injectError");
                if (kind != null) {
                    System.clearProperty("jdbcguard.test.injectError");
                    if (kind.equals("oom")) {
                        throw new OutOfMemoryError("injected into the agent's healer");
                    }
                    throw new NoClassDefFoundError("injected into the agent's healer");
                }
            }
        }
    }
}
