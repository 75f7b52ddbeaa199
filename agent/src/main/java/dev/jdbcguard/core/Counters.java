package dev.jdbcguard.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the agent did since it started; shown in logs, status and JMX. The rare events that
 * scrapers break down by cause are counted through {@link #healed}, {@link #refused} and
 * {@link #retried}, which keep the total and its cause in step; nothing here is on the path of a
 * call that the agent lets through untouched.
 */
public final class Counters {

    /** Why a connection was lost, as far as the agent knows it without guessing. */
    public static final String IDLE_TIMEOUT = "idle_timeout";
    public static final String KILLED = "killed";
    public static final String SERVER_RESTART = "server_restart";
    public static final String UNKNOWN = "unknown";
    /** Why running a statement again was safe. */
    public static final String NOT_SENT = "not_sent";
    public static final String PURE_READ = "pure_read";
    public static final String PREPARED_AGAIN = "prepared_again";

    private static final String[] LOSS_CAUSES = {IDLE_TIMEOUT, KILLED, SERVER_RESTART, UNKNOWN};
    private static final String[] RETRY_CAUSES = {NOT_SENT, PURE_READ, PREPARED_AGAIN};

    final LongAdder opened = new LongAdder();
    final LongAdder adopted = new LongAdder();
    public final LongAdder leaks = new LongAdder();
    public final LongAdder heldTooLong = new LongAdder();
    public final LongAdder pings = new LongAdder();
    public final LongAdder heals = new LongAdder();
    public final LongAdder healFailures = new LongAdder();
    public final LongAdder refusals = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder unknownOutcomes = new LongAdder();
    public final LongAdder concurrentUse = new LongAdder();
    public final LongAdder crossThreadTransactions = new LongAdder();
    public final LongAdder foreignThreadUse = new LongAdder();
    private final LongAdder[] healsBy = adders(LOSS_CAUSES.length);
    private final LongAdder[] refusalsBy = adders(LOSS_CAUSES.length);
    private final LongAdder[] retriesBy = adders(RETRY_CAUSES.length);

    /** A connection was reconnected in place; {@code cause} is one of the loss causes above. */
    public void healed(String cause) {
        heals.increment();
        healsBy[index(LOSS_CAUSES, cause)].increment();
    }

    /** A transaction was lost with its connection and the program was refused. */
    public void refused(String cause) {
        refusals.increment();
        refusalsBy[index(LOSS_CAUSES, cause)].increment();
    }

    /** A statement was run again; {@code cause} is one of the retry causes above. */
    public void retried(String cause) {
        retries.increment();
        retriesBy[index(RETRY_CAUSES, cause)].increment();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("connectionsOpened", opened.sum());
        values.put("connectionsAdopted", adopted.sum());
        values.put("leaked", leaks.sum());
        values.put("heldTooLong", heldTooLong.sum());
        values.put("pings", pings.sum());
        values.put("heals", heals.sum());
        values.put("healFailures", healFailures.sum());
        values.put("refusedInTransaction", refusals.sum());
        values.put("retries", retries.sum());
        values.put("unknownOutcomes", unknownOutcomes.sum());
        values.put("concurrentUse", concurrentUse.sum());
        values.put("crossThreadTransactions", crossThreadTransactions.sum());
        values.put("foreignThreadUse", foreignThreadUse.sum());
        return values;
    }

    /**
     * Event ("heals", "refusals", "retries", "leaks", "clashes") to cause to count; every cause
     * is present from the start, so that scrapers see a steady set of series.
     */
    public Map<String, Map<String, Long>> byCause() {
        Map<String, Map<String, Long>> events = new LinkedHashMap<>();
        events.put("heals", sums(LOSS_CAUSES, healsBy));
        events.put("refusals", sums(LOSS_CAUSES, refusalsBy));
        events.put("retries", sums(RETRY_CAUSES, retriesBy));
        Map<String, Long> leaked = new LinkedHashMap<>();
        leaked.put("unclosed", leaks.sum());
        events.put("leaks", leaked);
        Map<String, Long> clashes = new LinkedHashMap<>();
        clashes.put("concurrent", concurrentUse.sum());
        clashes.put("cross_thread_transaction", crossThreadTransactions.sum());
        clashes.put("foreign_thread", foreignThreadUse.sum());
        events.put("clashes", clashes);
        return events;
    }

    private static Map<String, Long> sums(String[] causes, LongAdder[] adders) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (int i = 0; i < causes.length; i++) {
            values.put(causes[i], adders[i].sum());
        }
        return values;
    }

    /** The cause's slot; anything not in the list counts as the last one ("unknown" for losses). */
    private static int index(String[] causes, String cause) {
        for (int i = 0; i < causes.length; i++) {
            if (causes[i].equals(cause)) {
                return i;
            }
        }
        return causes.length - 1;
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
