package dev.jdbcguard.bench;

import static dev.jdbcguard.bench.Cells.minMax;
import static dev.jdbcguard.bench.Cells.num;
import static dev.jdbcguard.bench.Cells.signed;
import static dev.jdbcguard.bench.Children.classPathEntry;
import static dev.jdbcguard.bench.Children.copyResource;
import static dev.jdbcguard.bench.Children.javaCommand;
import static dev.jdbcguard.bench.Children.nullAgentJar;
import static dev.jdbcguard.bench.Children.progress;
import static dev.jdbcguard.bench.Children.runChild;

import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 4 of docs/PERFORMANCE.md: JVM start to the first query result of {@link FirstQuery},
 * each start-up variant in its own child process, the variants interleaved round by round.
 */
final class StartupSection {

    record StartVariant(String name, List<String> jvmArgs, String why, boolean jdbc) {
        StartVariant(String name, List<String> jvmArgs, String why) {
            this(name, jvmArgs, why, true);
        }
    }

    /** cpuMs: user + system CPU time of the whole process (from /usr/bin/time; NaN without it). */
    record StartRun(double toResultMs, double wallMs, double rssMiB, double jvmToResultMs, double allocatedMiB,
                    double cpuMs) {
    }

    private static final String PREVIOUS = "jdbc-guard, previous build";

    private final Bench bench;
    private final boolean quick;
    private final Path work;
    private final LocalMariaDb server;
    private final Path agentJar;
    private final Variant otel;
    private final List<String[]> acceptance;

    StartupSection(Bench bench) {
        this.bench = bench;
        this.quick = bench.quick;
        this.work = bench.work;
        this.server = bench.server;
        this.agentJar = bench.agentJar;
        this.otel = bench.otel;
        this.acceptance = bench.acceptance;
    }

    String report() throws Exception {
        Path dir = work.resolve("startup");
        Files.createDirectories(dir);
        Path thin = dir.resolve("classes");
        Path classFile = thin.resolve("dev/jdbcguard/bench/FirstQuery.class");
        Files.createDirectories(classFile.getParent());
        copyResource("dev/jdbcguard/bench/FirstQuery.class", classFile);
        String cp = thin + ":" + classPathEntry("mysql-connector-j");
        Path nullAgent = nullAgentJar(dir);
        Path emptyJar = dir.resolve("empty.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(emptyJar), new Manifest())) {
            jar.putNextEntry(new JarEntry("empty.txt"));
            jar.closeEntry();
        }
        List<String> otelArgs = new ArrayList<>(otel.jvmArgs());
        otelArgs.remove("-Dbench.variant=otel");
        List<StartVariant> variants = new ArrayList<>(List.of(
                new StartVariant("none", List.of(), "the program alone"),
                new StartVariant("none, -Xshare:off", List.of("-Xshare:off"), "no class-data sharing at all"),
                new StartVariant("empty agent", List.of("-javaagent:" + nullAgent),
                        "a `premain` that does nothing: the cost of any -javaagent"),
                new StartVariant("empty agent + boot append", List.of("-javaagent:" + nullAgent + "=" + emptyJar),
                        "same, plus `appendToBootstrapClassLoaderSearch` of an empty jar, as jdbc-guard did before"
                                + " it defined its bridge in the boot loader (issue 25)"),
                new StartVariant("**jdbc-guard**", List.of("-javaagent:" + agentJar), "the agent, default options"),
                new StartVariant("OTel (JDBC only)", otelArgs, "OpenTelemetry agent " + bench.otelVersion()
                        + ", JDBC instrumentation only, exporters none"),
                new StartVariant("none, no JDBC", List.of(), "the same program told not to connect: the bare JVM",
                        false),
                new StartVariant("jdbc-guard, no JDBC", List.of("-javaagent:" + agentJar),
                        "the agent's `premain` alone: no driver class loaded", false)));
        if (bench.previousAgent != null) {
            variants.add(new StartVariant(PREVIOUS, List.of("-javaagent:" + bench.previousAgent),
                    "an earlier build of the agent (`--previous " + bench.previousAgent.getFileName() + "`)"));
        }
        List<StartVariant> logVariants = LogDestinationRows.variants(agentJar, dir);
        variants.addAll(logVariants);
        int runs = quick ? 2 : 15;
        Map<String, List<StartRun>> results = new LinkedHashMap<>();
        Map<String, String> stderrSample = new LinkedHashMap<>();
        boolean haveTime = Files.isExecutable(Paths.get("/usr/bin/time"));
        for (int round = -1; round < runs; round++) { // round -1 warms the file cache and is dropped
            for (int k = 0; k < variants.size(); k++) {
                StartVariant v = variants.get(Math.floorMod(k + round, variants.size()));
                StartRun r = firstQuery(v, cp, dir, haveTime, stderrSample, v.jdbc() ? firstQueryArgs()
                        : new String[] {"none"});
                if (round >= 0) {
                    results.computeIfAbsent(v.name(), x -> new ArrayList<>()).add(r);
                }
            }
            progress("  start-up round " + (round + 1) + "/" + runs + " done");
        }
        // Class loading, one extra run each (not timed).
        Map<String, int[]> classes = new LinkedHashMap<>();
        for (StartVariant v : List.of(variants.get(0), variants.get(3), variants.get(4), variants.get(5))) {
            Path log = dir.resolve("classload-" + classes.size() + ".log");
            List<String> args = new ArrayList<>(v.jvmArgs());
            args.add("-Xlog:class+load=info:file=" + log);
            runChild(javaCommand(args, cp, FirstQuery.class.getName(), firstQueryArgs()), dir.resolve("cl.out"),
                    dir.resolve("cl.err"), 120);
            classes.put(v.name(), ClassSources.count(log));
        }

        StringBuilder s = new StringBuilder();
        s.append("\n## 4. Start-up: JVM start to the first query result\n\n");
        s.append("`FirstQuery`: a small JDBC program (class path: its one class and `mysql-connector-j`): connect"
                + " with `DriverManager`, `SELECT 1`, print the result, exit. Each variant ran ").append(runs)
                .append(" times, all variants interleaved (plus one dropped warm-up round); medians. *Δ to result"
                        + " vs none*: the median of each round's difference to the same round's *none* run, with its"
                        + " 95 % interval, so that load on the machine that drifts over the rounds cancels out (the"
                        + " difference of the two medians is in parentheses). *To result*:"
                        + " from spawning the process to reading its result line on its stdout. *Whole process*: spawn"
                        + " to exit. *Peak RSS*: ")
                .append(haveTime ? "`/usr/bin/time` maximum resident set size of the process."
                        : "the JVM's own VmHWM at the end (no /usr/bin/time on this machine).")
                .append(" *JVM start → result*: the program's own count from `RuntimeMXBean.getStartTime()`.\n\n");
        s.append("| variant | what | to result ms | whole process ms | peak RSS MiB | JVM start → result ms | main thread"
                + " allocated MiB | Δ to result vs none [95 % interval] (Δ of medians) | Δ peak RSS vs none |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<StartRun> base = results.get("none");
        double baseTo = Stats.median(field(base, 0));
        double baseRss = Stats.median(field(base, 2));
        for (StartVariant v : variants) {
            List<StartRun> rs = results.get(v.name());
            double to = Stats.median(field(rs, 0));
            double rss = Stats.median(field(rs, 2));
            s.append("| ").append(v.name()).append(" | ").append(v.why())
                    .append(" | ").append(minMax(field(rs, 0)))
                    .append(" | ").append(num(Stats.median(field(rs, 1)), 0))
                    .append(" | ").append(num(rss, 1))
                    .append(" | ").append(num(Stats.median(field(rs, 3)), 0))
                    .append(" | ").append(num(Stats.median(field(rs, 4)), 1))
                    .append(" | ").append(v.name().equals("none") || !v.jdbc() ? "" : pairedDelta(rs, base, to - baseTo))
                    .append(" | ").append(v.name().equals("none") || !v.jdbc() ? "" : signed(rss - baseRss, 1) + " MiB")
                    .append(" |\n");
        }
        s.append("\n*to result* shows median (min–max). Class loading (one run each with `-Xlog:class+load`):\n\n");
        s.append("| variant | classes loaded | from the CDS archive | loaded from elsewhere | of them jdbc-guard's"
                + " (`dev.jdbcguard.*`, incl. the shaded ASM) |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, int[]> e : classes.entrySet()) {
            int[] c = e.getValue();
            s.append("| ").append(e.getKey()).append(" | ").append(c[0]).append(" | ").append(c[1]).append(" | ")
                    .append(c[0] - c[1]).append(" | ").append(c[6]).append(" |\n");
        }
        String warning = stderrSample.getOrDefault("**jdbc-guard**", "");
        s.append("\nThe JVM's `Sharing is only supported for boot loader classes because bootstrap classpath has been"
                + " appended` warning: printed by the *empty agent + boot append* run, ")
                .append(warning.contains("Sharing is only supported") ? "and by jdbc-guard's." : "not by jdbc-guard's.")
                .append(" Appending to the boot class path stops the archive from serving the platform's and the"
                        + " application's classes; *none, -Xshare:off* is the upper bound (no sharing even for boot"
                        + " classes).\n");
        List<Double> guardRounds = roundDifferences(results.get("**jdbc-guard**"), base);
        double guardTo = Stats.median(guardRounds);
        double[] guardInterval = Stats.medianInterval95(guardRounds);
        double guardRss = Stats.median(field(results.get("**jdbc-guard**"), 2)) - baseRss;
        double otelTo = Stats.median(roundDifferences(results.get("OTel (JDBC only)"), base));
        double otelRss = Stats.median(field(results.get("OTel (JDBC only)"), 2)) - baseRss;
        double emptyTo = Stats.median(roundDifferences(results.get("empty agent"), base));
        double appendTo = Stats.median(roundDifferences(results.get("empty agent + boot append"), base));
        double premain = Stats.median(roundDifferences(results.get("jdbc-guard, no JDBC"), results.get("none, no JDBC")));
        double premainAlloc = Stats.median(field(results.get("jdbc-guard, no JDBC"), 4))
                - Stats.median(field(results.get("none, no JDBC"), 4));
        double guardAlloc = Stats.median(field(results.get("**jdbc-guard**"), 4)) - Stats.median(field(base, 4));
        s.append(String.format(Locale.ROOT, "%nWhere jdbc-guard's %+.0f ms go (medians of the rounds' differences, so roughly):"
                + " any -javaagent %+.0f ms (appending to the boot class path, which jdbc-guard no longer does, would"
                + " cost %+.0f ms more); the agent's `premain` (bridge defined in the boot loader, options,"
                + " transformer installed; *no JDBC* rows) %+.0f ms in all; the rest, %+.0f ms, comes while the"
                + " program loads and uses the driver (the driver's JDBC classes are woven, each new connection is"
                + " registered and its server facts read). The main thread, which runs `premain` and every class"
                + " transformation, allocated"
                + " %+.1f MiB more with the agent (%+.1f MiB of it in `premain`); with the default heap sizing that"
                + " garbage is what raises peak RSS. For comparison the OpenTelemetry agent restricted to JDBC adds"
                + " %+.0f ms and %+.1f MiB.%n", guardTo, emptyTo, appendTo - emptyTo, premain, guardTo - premain,
                guardAlloc, premainAlloc, otelTo, otelRss));
        acceptance.add(new String[] {"4", "start-up: jdbc-guard adds ≤ 200 ms (median of the rounds' differences, to first"
                + " result)", signed(guardTo, 0) + " ms" + interval(guardInterval) + " (OTel " + signed(otelTo, 0) + " ms)",
                guardTo <= 200 ? "PASS" : "FAIL"});
        if (results.containsKey(PREVIOUS)) {
            List<Double> vsPrevious = roundDifferences(results.get("**jdbc-guard**"), results.get(PREVIOUS));
            double[] loHi = Stats.medianInterval95(vsPrevious);
            acceptance.add(new String[] {"25.2", "start-up without a cache: no worse than the previous build (median of"
                    + " the rounds' differences to it; worse only if its 95 % interval lies above 0)",
                    signed(Stats.median(vsPrevious), 0) + " ms" + interval(loHi) + "; this build " + signed(guardTo, 0)
                            + " ms vs none", !(loHi[0] > 0) ? "PASS" : "FAIL"});
        } else {
            acceptance.add(new String[] {"25.2", "start-up without a cache: no worse than the +136 ms measured before"
                    + " issue 25 (another run; `--previous <jar>` compares in the same rounds)",
                    signed(guardTo, 0) + " ms" + interval(guardInterval), guardTo <= 136 ? "PASS" : "FAIL"});
        }
        acceptance.add(new String[] {"25.1", "no `Sharing is only supported` warning with jdbc-guard",
                warning.contains("Sharing is only supported") ? "printed" : "not printed",
                warning.contains("Sharing is only supported") ? "FAIL" : "PASS"});
        acceptance.add(new String[] {"4", "start-up: jdbc-guard adds ≤ 25 MiB peak memory (median RSS)",
                String.format(Locale.ROOT, "%+.1f MiB (OTel %+.1f MiB)", guardRss, otelRss),
                guardRss <= 25 ? "PASS" : "FAIL"});
        s.append(new CacheStartupSection(bench, thin, classPathEntry("mysql-connector-j"), dir, haveTime).report());
        s.append(LogDestinationRows.report(logVariants, results));
        return s.toString();
    }

    private String[] firstQueryArgs() {
        return new String[] {server.url("mysql"), TestServer.USER, TestServer.PASSWORD};
    }

    private StartRun firstQuery(StartVariant v, String cp, Path dir, boolean haveTime,
                                Map<String, String> stderrSample, String[] programArgs) throws Exception {
        return timeFirstQuery(v.name(), javaCommand(v.jvmArgs(), cp, FirstQuery.class.getName(), programArgs), dir,
                haveTime, stderrSample);
    }

    /** One run of {@code javaCommand} (a FirstQuery), timed from spawn to its result line. */
    static StartRun timeFirstQuery(String name, List<String> javaCommand, Path dir, boolean haveTime,
                                   Map<String, String> stderrSample) throws Exception {
        List<String> command = new ArrayList<>();
        Path timeFile = dir.resolve("time.txt");
        Files.deleteIfExists(timeFile);
        if (haveTime) {
            command.addAll(List.of("/usr/bin/time", "-f", "%M %e %U %S", "-o", timeFile.toString()));
        }
        command.addAll(javaCommand);
        Path err = dir.resolve("firstquery.err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        double toResult = Double.NaN;
        double jvmToResult = Double.NaN;
        double hwmKb = Double.NaN;
        double allocatedKb = Double.NaN;
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.equals("result=1") && Double.isNaN(toResult)) {
                    toResult = (System.nanoTime() - start) / 1e6;
                }
                Matcher m = Pattern.compile("jvmStartToResultMs=(\\d+) vmHwmKb=(\\d+) mainThreadAllocatedKb=(\\d+)")
                        .matcher(line);
                if (m.find()) {
                    jvmToResult = Double.parseDouble(m.group(1));
                    hwmKb = Double.parseDouble(m.group(2));
                    allocatedKb = Double.parseDouble(m.group(3));
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("FirstQuery (" + name + ") did not exit");
        }
        double wall = (System.nanoTime() - start) / 1e6;
        String errText = Files.readString(err);
        stderrSample.putIfAbsent(name, errText + output);
        if (p.exitValue() != 0 || Double.isNaN(toResult)) {
            throw new IllegalStateException("FirstQuery (" + name + ") failed, exit " + p.exitValue() + ": "
                    + output + errText);
        }
        double rssMiB = hwmKb / 1024;
        double cpuMs = Double.NaN;
        if (haveTime && Files.exists(timeFile)) {
            for (String line : Files.readAllLines(timeFile)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 4 && parts[0].matches("\\d+")) {
                    rssMiB = Long.parseLong(parts[0]) / 1024.0;
                    cpuMs = (Double.parseDouble(parts[2]) + Double.parseDouble(parts[3])) * 1000;
                }
            }
        }
        return new StartRun(toResult, wall, rssMiB, jvmToResult, allocatedKb / 1024, cpuMs);
    }

    /**
     * Each round's time to result minus the same round's for {@code base}: the variants of a
     * round ran back to back, so load on the machine that drifts over the rounds cancels out.
     */
    static List<Double> roundDifferences(List<StartRun> runs, List<StartRun> base) {
        List<Double> differences = new ArrayList<>();
        for (int round = 0; round < runs.size(); round++) {
            differences.add(runs.get(round).toResultMs() - base.get(round).toResultMs());
        }
        return differences;
    }

    static String pairedDelta(List<StartRun> runs, List<StartRun> base, double ofMedians) {
        List<Double> differences = roundDifferences(runs, base);
        return signed(Stats.median(differences), 0) + " ms" + interval(Stats.medianInterval95(differences)) + " ("
                + signed(ofMedians, 0) + ")";
    }

    /** " [lo to hi]" in ms, or nothing when there were too few rounds for an interval. */
    static String interval(double[] loHi) {
        return Double.isNaN(loHi[0]) ? "" : " [" + signed(loHi[0], 0) + " to " + signed(loHi[1], 0) + "]";
    }

    static List<Double> field(List<StartRun> runs, int which) {
        List<Double> values = new ArrayList<>();
        for (StartRun r : runs) {
            values.add(switch (which) {
                case 0 -> r.toResultMs();
                case 1 -> r.wallMs();
                case 2 -> r.rssMiB();
                case 3 -> r.jvmToResultMs();
                case 5 -> r.cpuMs();
                default -> r.allocatedMiB();
            });
        }
        return values;
    }
}
