package dev.jdbcguard.sharing;

import dev.jdbcguard.bootstrap.Bridge;
import dev.jdbcguard.core.Counters;
import dev.jdbcguard.core.CreationSite;
import dev.jdbcguard.core.Events;
import dev.jdbcguard.core.Log;
import dev.jdbcguard.core.ThreadNames;
import dev.jdbcguard.core.Guard;
import dev.jdbcguard.core.ThreadChecks;
import dev.jdbcguard.core.ThreadPolicy;
import dev.jdbcguard.core.TrackedConnection;
import java.sql.SQLNonTransientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Catches one connection used by several threads: two threads inside it at once, a transaction
 * begun on one thread and continued on another, and (strict mode) any use by a thread other
 * than the one that opened it. Only runs when the cheap checks on the call path already saw
 * another thread, so a correctly used connection costs nothing here.
 */
public final class ThreadWatch implements ThreadChecks {

    private static final long REPORT_EVERY_MILLIS = 60_000;
    private static final int STACK_DEPTH = 14;

    private final ThreadPolicy policy;
    private final boolean strict;
    private final Counters counters;
    private final Map<String, Long> lastReports = new ConcurrentHashMap<>();

    public ThreadWatch(ThreadPolicy policy, boolean strict, Counters counters) {
        this.policy = policy;
        this.strict = strict;
        this.counters = counters;
    }

    /** Another thread is inside the connection: report; in fail mode, the exception to throw. */
    @Override
    public Throwable concurrentEntry(TrackedConnection t, Thread inside, Thread current, int op) {
        t.lastConcurrentMillis = System.currentTimeMillis();
        t.lastConcurrentThreads = "\"" + ThreadNames.of(inside) + "\" and \"" + ThreadNames.of(current) + "\"";
        if (policy == ThreadPolicy.OFF || op == Bridge.OP_CLOSE) {
            return null; // closing from another thread (abort, shutdown) is legitimate: kept only as evidence
        }
        counters.concurrentUse.increment();
        String what = "connection " + t.label() + " used by two threads at once: thread \"" + ThreadNames.of(current)
                + "\" entered it while thread \"" + ThreadNames.of(inside) + "\" was inside";
        report("concurrent", t, what, "Their statements and transactions interleave on one session; give each thread"
                + " its own connection, or borrow one from a pool per task.", current, ThreadNames.of(inside),
                inside.getStackTrace());
        return refusal(what);
    }

    /** The current thread has the connection to itself for this call: check whose it is. */
    @Override
    public Throwable ownedEntry(TrackedConnection t, Thread current, int op) {
        if (policy == ThreadPolicy.OFF) {
            return null;
        }
        long id = current.getId();
        if (t.inTransactionWithWork() && t.transactionThreadId != id && continuesTransaction(op)) {
            counters.crossThreadTransactions.increment();
            String owner = t.transactionThreadName;
            String what = "connection " + t.label() + ": a transaction begun on thread \"" + owner + "\" ("
                    + t.transactionStatements + " statement(s) so far) is " + (op == Bridge.OP_COMMIT ? "committed" : "continued")
                    + " on thread \"" + ThreadNames.of(current) + "\"";
            report("transaction", t, what, "One thread's commit commits the other's half-done work; keep each"
                    + " transaction on the thread that began it.", current, owner, stackOf(t.transactionThreadId));
            return refusal(what);
        }
        if (strict && t.pool == null && t.openerThreadId != id) {
            counters.foreignThreadUse.increment();
            String what = "connection " + t.label() + " opened by thread \"" + t.openedBy + "\" is used by thread \""
                    + ThreadNames.of(current) + "\"";
            report("foreign", t, what, "strictThreads=on expects each connection to stay with the thread that opened it.",
                    current, t.openedBy, stackOf(t.openerThreadId));
            return refusal(what);
        }
        return null;
    }

    private static boolean continuesTransaction(int op) {
        return op == Guard.OP_EXECUTE || op == Bridge.OP_COMMIT || op == Bridge.OP_USE || op == Bridge.OP_PREPARE
                || op == Bridge.OP_CREATE_STATEMENT;
    }

    private Throwable refusal(String what) {
        if (policy != ThreadPolicy.FAIL) {
            return null;
        }
        return new SQLNonTransientException("jdbc-guard: " + what + "; refused before it reached the server"
                + " (threads=fail)", "HY000");
    }

    private void report(String kind, TrackedConnection t, String what, String advice, Thread current,
                        String otherName, StackTraceElement[] otherStack) {
        StackTraceElement[] mine = new Throwable().getStackTrace();
        String key = kind + "#" + t.id + "@" + CreationSite.chainOf(mine);
        long now = System.currentTimeMillis();
        Long last = lastReports.get(key);
        if (last != null && now - last < REPORT_EVERY_MILLIS) {
            return;
        }
        lastReports.put(key, now);
        StringBuilder text = new StringBuilder(what).append(". ").append(advice)
                .append(" [threads=").append(policy.name().toLowerCase(java.util.Locale.ROOT))
                .append("; reported once a minute per connection and call site]");
        appendStack(text, "thread \"" + ThreadNames.of(current) + "\"", mine);
        appendStack(text, "thread \"" + otherName + "\" (sampled now)", otherStack);
        Log.warn(text.toString());
        Events.flight().threadClash(t, kind, what, ThreadNames.of(current), otherName, otherStack,
                policy.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static void appendStack(StringBuilder text, String title, StackTraceElement[] stack) {
        text.append("\n    ").append(title).append(':');
        if (stack == null || stack.length == 0) {
            text.append(" (no stack: the thread has ended)");
            return;
        }
        int shown = 0;
        for (StackTraceElement frame : stack) {
            if (CreationSite.isAgent(frame.getClassName())) {
                continue;
            }
            if (shown++ == STACK_DEPTH) {
                text.append("\n        ...");
                break;
            }
            text.append("\n        at ").append(frame);
        }
    }

    private static StackTraceElement[] stackOf(long threadId) {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getId() == threadId) {
                return e.getValue();
            }
        }
        return null;
    }
}
