package dev.jdbcguard.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the agent did since it started; shown in logs, status and JMX. */
public final class Counters {

    final LongAdder opened = new LongAdder();
    final LongAdder adopted = new LongAdder();
    final LongAdder leaks = new LongAdder();
    final LongAdder pings = new LongAdder();
    final LongAdder heals = new LongAdder();
    final LongAdder healFailures = new LongAdder();
    final LongAdder refusals = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder unknownOutcomes = new LongAdder();
    final LongAdder concurrentUse = new LongAdder();
    final LongAdder crossThreadTransactions = new LongAdder();
    final LongAdder foreignThreadUse = new LongAdder();

    public Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("connectionsOpened", opened.sum());
        values.put("connectionsAdopted", adopted.sum());
        values.put("leaked", leaks.sum());
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
}
