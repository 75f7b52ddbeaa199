package dev.jdbcguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, two ways: {@code cpu.ns/op}, the whole benchmark JVM (all threads: JIT
 * compiler, GC, pool housekeeping); {@code cpu.worker.ns/op}, the benchmark threads only (the
 * JDBC calls themselves, including everything an agent inlines into them). On a shared 2-core
 * machine the throughput of a client-server loop swings with scheduling; the CPU an operation
 * costs its own thread does not, and that is exactly where an agent's per-call cost lands.
 */
public final class CpuProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long processAtStart;
    private Map<Long, Long> workersAtStart = new HashMap<>();

    @Override
    public String getDescription() {
        return "CPU time per operation: process and benchmark threads";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        processAtStart = os.getProcessCpuTime();
        workersAtStart = workerCpu();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long process = os.getProcessCpuTime() - processAtStart;
        long workers = 0;
        for (Map.Entry<Long, Long> e : workerCpu().entrySet()) {
            workers += e.getValue() - workersAtStart.getOrDefault(e.getKey(), 0L);
        }
        long ops = result.getMetadata().getMeasuredOps();
        return List.of(
                new ScalarResult("cpu.ns/op", ops > 0 ? (double) process / ops : Double.NaN, "ns/op",
                        AggregationPolicy.AVG),
                new ScalarResult("cpu.worker.ns/op", ops > 0 ? (double) workers / ops : Double.NaN, "ns/op",
                        AggregationPolicy.AVG));
    }

    private Map<Long, Long> workerCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                }
            }
        }
        return cpu;
    }
}
