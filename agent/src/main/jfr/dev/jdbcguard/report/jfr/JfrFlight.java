package dev.jdbcguard.report.jfr;

import dev.jdbcguard.core.CreationSite;
import dev.jdbcguard.core.Events;
import dev.jdbcguard.core.Flight;
import dev.jdbcguard.core.Servers;
import dev.jdbcguard.core.TrackedConnection;
import dev.jdbcguard.mask.TextMask;
import java.sql.SQLException;

/**
 * The agent's facts as JDK Flight Recorder events ({@code dev.jdbcguard.*}, docs/EVENTS.md).
 *
 * <p>Compiled apart from the main sources, to Java 8 bytecode against the running JDK's API (the
 * agent's {@code --release 8} has no jdk.jfr), and loaded only after start-up found
 * {@code jdk.jfr.Event}: initializing this class installs it ({@link #install}), so start-up
 * needs no reflective constructor call. Each event class is loaded at its first event, and
 * {@code shouldCommit()} comes before any field is built, so without a recording an event costs
 * one small allocation and one check. Every text is masked as the log's lines are: a
 * driver's message may echo its URL, password and all.
 */
public final class JfrFlight implements Flight {

    /** Deeper than the log's 14 frames: a thread inside a driver call shows a dozen frames of socket reads first. */
    private static final int STACK_DEPTH = 64;

    static {
        Events.install(new JfrFlight());
    }

    private JfrFlight() {
    }

    @Override
    public void healed(TrackedConnection t, long oldServerThread, String cause, long idleNanos, long reconnectNanos,
                       int failedConnects, String restored) {
        try {
            HealEvent e = new HealEvent();
            if (e.shouldCommit()) {
                e.connectionId = t.id;
                e.server = server(t);
                e.oldServerThread = oldServerThread;
                e.newServerThread = t.serverThreadId;
                e.cause = masked(cause);
                e.idle = idleNanos;
                e.reconnect = reconnectNanos;
                e.failedConnectAttempts = failedConnects;
                e.restored = masked(restored);
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // an event is never worth the host program's call
        }
    }

    @Override
    public void healFailed(TrackedConnection t, String cause, String outcome) {
        try {
            HealFailureEvent e = new HealFailureEvent();
            if (e.shouldCommit()) {
                e.connectionId = t.id;
                e.server = server(t);
                e.serverThread = t.serverThreadId;
                e.cause = masked(cause);
                e.outcome = masked(outcome);
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        }
    }

    @Override
    public void transactionLost(TrackedConnection t, String cause) {
        try {
            TransactionLostEvent e = new TransactionLostEvent();
            if (e.shouldCommit()) {
                e.connectionId = t.id;
                e.server = server(t);
                e.serverThread = t.serverThreadId;
                e.cause = masked(cause);
                e.statements = t.transactionStatements;
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        }
    }

    @Override
    public void refused(TrackedConnection t, String lostCause, String sql) {
        try {
            RefusalEvent e = new RefusalEvent();
            if (e.shouldCommit()) {
                e.connectionId = t.id;
                e.server = server(t);
                e.serverThread = t.serverThreadId;
                e.lostTransaction = masked(lostCause);
                e.sql = sql == null ? "" : masked(sql);
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        }
    }

    @Override
    public void unknownOutcome(TrackedConnection t, long lostSession, String what, Throwable error) {
        try {
            UnknownOutcomeEvent e = new UnknownOutcomeEvent();
            if (e.shouldCommit()) {
                e.connectionId = t.id;
                e.server = server(t);
                e.serverThread = lostSession;
                e.what = masked(what);
                e.error = describe(error);
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        }
    }

    @Override
    public void retried(TrackedConnection t, String reason) {
        try {
            RetryEvent e = new RetryEvent();
            if (e.shouldCommit()) {
                e.connectionId = t.id;
                e.server = server(t);
                e.serverThread = t.serverThreadId;
                e.reason = masked(reason);
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        }
    }

    @Override
    public void lossDiagnosed(TrackedConnection t, String server, String cause, Throwable error) {
        try {
            LossEvent e = new LossEvent();
            if (e.shouldCommit()) {
                e.connectionId = t == null ? 0 : t.id;
                e.server = masked(server);
                e.serverThread = t == null ? -1 : t.serverThreadId;
                e.cause = masked(cause);
                e.error = describe(error);
                e.idle = t == null ? 0 : t.idleAtEntryNanos;
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        }
    }

    @Override
    public void leaked(TrackedConnection t) {
        try {
            LeakEvent e = new LeakEvent();
            if (e.shouldCommit()) {
                e.connectionId = t.id;
                e.server = server(t);
                e.serverThread = t.serverThreadId;
                e.pool = t.pool == null ? "" : masked(t.pool);
                e.openedBy = masked(t.openedBy);
                e.openedAt = masked(t.site.chain());
                e.age = System.currentTimeMillis() - t.openedAtMillis;
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        }
    }

    @Override
    public void threadClash(TrackedConnection t, String kind, String what, String thread, String other,
                            StackTraceElement[] otherStack, String policy) {
        try {
            ThreadClashEvent e = new ThreadClashEvent();
            if (e.shouldCommit()) {
                e.connectionId = t.id;
                e.server = server(t);
                e.serverThread = t.serverThreadId;
                e.kind = kind;
                e.thread = masked(thread);
                e.otherThread = masked(other);
                e.otherStack = masked(stackText(otherStack));
                e.message = masked(what);
                e.policy = policy;
                e.refused = "fail".equals(policy);
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        }
    }

    @Override
    public void pressure(String server, int open, long maxConnections, int warnAtPercent, String summary) {
        try {
            ConnectionPressureEvent e = new ConnectionPressureEvent();
            if (e.shouldCommit()) {
                e.server = masked(server);
                e.open = open;
                e.maxConnections = maxConnections;
                e.warnAtPercent = warnAtPercent;
                e.summary = masked(summary);
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        }
    }

    @Override
    public void heldTooLong(TrackedConnection t, String pool, String thread, long heldMillis, String takenAt) {
        try {
            HeldTooLongEvent e = new HeldTooLongEvent();
            if (e.shouldCommit()) {
                e.connectionId = t.id;
                e.server = server(t);
                e.serverThread = t.serverThreadId;
                e.pool = pool == null ? "" : masked(pool);
                e.thread = masked(thread);
                e.held = heldMillis;
                e.takenAt = masked(takenAt);
                e.commit();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // as above
        }
    }

    private static String server(TrackedConnection t) {
        return masked(Servers.hostPort(t.url));
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "";
        }
        String state = error instanceof SQLException ? " " + ((SQLException) error).getSQLState() : "";
        String message = error.getMessage();
        if (message != null) {
            int end = message.indexOf('\n');
            message = end < 0 ? message : message.substring(0, end).trim();
        }
        return masked(error.getClass().getName() + state + ": " + message);
    }

    private static String stackText(StackTraceElement[] stack) {
        if (stack == null || stack.length == 0) {
            return "(no stack: the thread has ended)";
        }
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (StackTraceElement frame : stack) {
            if (CreationSite.isAgent(frame.getClassName())) {
                continue;
            }
            if (shown++ == STACK_DEPTH) {
                text.append("...\n");
                break;
            }
            text.append("at ").append(frame).append('\n');
        }
        return text.toString();
    }

    /** As the log masks its lines; a text that cannot be masked is withheld. */
    private static String masked(String text) {
        if (text == null) {
            return null;
        }
        try {
            return TextMask.mask(text);
        } catch (RuntimeException | StackOverflowError e) {
            return "(withheld: masking its secrets failed with " + e.getClass().getSimpleName() + ")";
        }
    }
}
