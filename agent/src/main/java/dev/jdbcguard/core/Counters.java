package dev.jdbcguard.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the agent did since it started; shown in logs, status and JMX. */
public final class Counters {

    final LongAdder opened = new LongAdder();
    final LongAdder adopted = new LongAdder();
    public final LongAdder leaks = new LongAdder();
    public final LongAdder pings = new LongAdder();
    public final LongAdder heals = new LongAdder();
    public final LongAdder healFailures = new LongAdder();
    public final LongAdder refusals = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder unknownOutcomes = new LongAdder();
    public final LongAdder concurrentUse = new LongAdder();
    public final LongAdder crossThreadTransactions = new LongAdder();
    public final LongAdder foreignThreadUse = new LongAdder();

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
