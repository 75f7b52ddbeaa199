package dev.jdbcguard.bench;

import static dev.jdbcguard.bench.Children.progress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/** JMH runs in forks with a variant's JVM arguments, and their iteration scores gathered per benchmark. */
final class Jmh {

    /** Iteration scores of one benchmark in one variant, over all its forks. */
    static final class Agg {
        final ListStatistics score = new ListStatistics();
        final ListStatistics allocNorm = new ListStatistics();
        String unit = "";

        void add(RunResult run) {
            for (BenchmarkResult br : run.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    score.addValue(ir.getPrimaryResult().getScore());
                    unit = ir.getPrimaryResult().getScoreUnit();
                    for (Map.Entry<String, Result> e : ir.getSecondaryResults().entrySet()) {
                        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                            allocNorm.addValue(e.getValue().getScore());
                        }
                    }
                }
            }
        }

        double mean() {
            return score.getMean();
        }

        double error() {
            return score.getN() > 2 ? score.getMeanErrorAt(0.999) : Double.NaN;
        }

        double bytes() {
            return allocNorm.getN() > 0 ? allocNorm.getMean() : Double.NaN;
        }

        double median() {
            return score.getPercentile(50);
        }
    }

    private final boolean quick;
    private final Path work;

    Jmh(Bench bench) {
        this.quick = bench.quick;
        this.work = bench.work;
    }

    /** Warm-up iterations: the fake driver's code compiles within a second or two. */
    int warmups() {
        return quick ? 1 : 3;
    }

    int iterations() {
        return quick ? 2 : 5;
    }

    Collection<RunResult> run(String include, Variant v, List<String> extra, String tag) throws Exception {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        jvmArgs.addAll(v.jvmArgs());
        jvmArgs.addAll(extra);
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(warmups())
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations())
                .measurementTime(TimeValue.seconds(1))
                .jvm(Children.JAVA_BIN)
                .jvmArgs(jvmArgs.toArray(new String[0]))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .output(work.resolve("jmh-" + tag + ".log").toString())
                .result(work.resolve("jmh-" + tag + ".json").toString())
                .resultFormat(ResultFormatType.JSON);
        long t = System.nanoTime();
        Collection<RunResult> results = new Runner(b.build()).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH produced no result for " + include + " (" + v.name()
                    + "); see " + work.resolve("jmh-" + tag + ".log"));
        }
        StringBuilder line = new StringBuilder();
        for (RunResult r : results) {
            line.append(String.format(Locale.ROOT, " %s=%.1f %s", shortName(r.getParams()),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit()));
        }
        progress(String.format(Locale.ROOT, "  %-10s %4.0f s%s", v.name(), (System.nanoTime() - t) / 1e9, line));
        return results;
    }

    private static String shortName(BenchmarkParams params) {
        String name = params.getBenchmark();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    static void collect(Map<String, Map<String, Agg>> into, String variant, Collection<RunResult> results) {
        for (RunResult r : results) {
            into.computeIfAbsent(shortName(r.getParams()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(variant, k -> new Agg()).add(r);
        }
    }

    String settings() {
        return String.format(Locale.ROOT, "JMH 1.37: %d warm-up + %d measured iterations of 1 s per fork,"
                + " -Xms1g -Xmx1g, Java %s.", warmups(), iterations(), System.getProperty("java.version"));
    }

}
