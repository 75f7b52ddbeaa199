package dev.jdbcguard.bench;

import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * The whole benchmark run behind {@code ./bench.sh}: starts one embedded MariaDB, runs every
 * measurement (JMH forks and child JVMs) without an agent, with jdbc-guard and with the
 * OpenTelemetry agent, and writes {@code docs/PERFORMANCE.md} from what it measured.
 *
 * <p>Usage: {@code Suite --agent <jar> --otel <jar> --out <md> [--work <dir>] [--only hot,real,startup,healing,memory]
 * [--quick]}; {@code ../bench.sh} is the documented way to run it.
 */
public final class Suite {

    static final List<String> OTEL_FLAGS = List.of(
            "-Dotel.instrumentation.common.default-enabled=false",
            "-Dotel.instrumentation.jdbc.enabled=true",
            "-Dotel.traces.exporter=none",
            "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none",
            "-Dotel.javaagent.logging=none",
            "-Dotel.service.name=bench");

    private static final List<String> SECTIONS = List.of("hot", "real", "startup", "healing", "memory");

    record Variant(String name, List<String> jvmArgs) {
    }

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

    private final Path root;
    /** The agent as built; every run uses a copy taken at start ({@link #agentJar}), so a rebuild meanwhile changes nothing. */
    private final Path builtAgentJar;
    private Path agentJar;
    private final Path otelJar;
    private final Path out;
    private final Path work;
    private final Set<String> only;
    private final boolean quick;
    private final String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    private Variant none;
    private Variant guard;
    private Variant otel;
    private String agentIdentity = "";

    private LocalMariaDb server;
    private final StringBuilder md = new StringBuilder();
    private final List<String[]> acceptance = new ArrayList<>();
    private final Map<String, String> sectionTimes = new LinkedHashMap<>();
    private final Map<String, String> sectionLoads = new LinkedHashMap<>();

    private Suite(Path root, Path agentJar, Path otelJar, Path out, Path work, Set<String> only, boolean quick) {
        this.root = root;
        this.builtAgentJar = agentJar.toAbsolutePath();
        this.otelJar = otelJar.toAbsolutePath();
        this.out = out;
        this.work = work;
        this.only = only;
        this.quick = quick;
    }

    private static JarFile copyOf(Path from, Path to) throws IOException {
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new JarFile(to.toFile());
    }

    /** Copies the agent jar aside (retrying while a concurrent build is rewriting it) and builds the variants. */
    private void snapshotAgent() throws Exception {
        Path copy = work.resolve("agent-under-test/jdbc-guard-agent.jar");
        Files.createDirectories(copy.getParent());
        for (int attempt = 1; ; attempt++) {
            try (JarFile jar = copyOf(builtAgentJar, copy)) {
                if (jar.getManifest().getMainAttributes().getValue("Premain-Class") == null) {
                    throw new IOException("no Premain-Class");
                }
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                byte[] digest = sha.digest(Files.readAllBytes(copy));
                agentIdentity = String.format(Locale.ROOT, "%,d KiB, built %s, sha-256 %s", Files.size(copy) / 1024,
                        Files.getLastModifiedTime(builtAgentJar).toInstant().toString().replaceAll("\\.\\d+Z$", "Z"),
                        String.format("%064x", new java.math.BigInteger(1, digest)).substring(0, 12));
                break;
            } catch (IOException e) { // missing, or half-written by a build running meanwhile
                if (attempt == 20) {
                    throw new IllegalStateException(builtAgentJar + " is not a usable agent jar (run ./bench.sh,"
                            + " which builds it): " + e, e);
                }
                progress("waiting for " + builtAgentJar + " (" + e + ")");
                Thread.sleep(3_000);
            }
        }
        agentJar = copy;
        none = new Variant("none", List.of("-Dbench.variant=none"));
        guard = new Variant("jdbc-guard", List.of("-javaagent:" + agentJar, "-Dbench.variant=jdbc-guard"));
        List<String> o = new ArrayList<>();
        o.add("-javaagent:" + otelJar);
        o.addAll(OTEL_FLAGS);
        o.add("-Dbench.variant=otel");
        otel = new Variant("otel", o);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                a.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path root = Paths.get(a.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Set<String> only = new HashSet<>(Arrays.asList(a.getOrDefault("only", String.join(",", SECTIONS)).split(",")));
        Suite suite = new Suite(root, root.resolve(a.getOrDefault("agent", "agent/target/jdbc-guard-agent.jar")),
                root.resolve(a.getOrDefault("otel", "benchmarks/target/otel/opentelemetry-javaagent.jar")),
                root.resolve(a.getOrDefault("out", "docs/PERFORMANCE.md")),
                root.resolve(a.getOrDefault("work", "benchmarks/target/bench-results")), only, quick);
        suite.run();
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        Files.createDirectories(work);
        if (!Files.isRegularFile(otelJar)) {
            throw new IllegalStateException(otelJar + " is missing: run ./bench.sh, which downloads it");
        }
        snapshotAgent();
        progress("agent under test: " + agentIdentity);
        progress("starting the embedded MariaDB");
        server = TestServers.startPrivate();
        StringBuilder body = new StringBuilder();
        try {
            seed();
            progress("server: " + server.description());
            for (String section : SECTIONS) {
                if (!only.contains(section)) {
                    continue;
                }
                long t = System.nanoTime();
                MachineLoad.Sample loadBefore = MachineLoad.now();
                progress("== " + section);
                try {
                    switch (section) {
                        case "hot" -> body.append(hotPath());
                        case "real" -> body.append(realServer());
                        case "startup" -> body.append(startup());
                        case "healing" -> body.append(healing());
                        case "memory" -> body.append(memory());
                        default -> throw new IllegalStateException(section);
                    }
                } catch (Exception e) {
                    progress(section + " FAILED: " + e);
                    e.printStackTrace();
                    body.append("\n## ").append(section).append(": FAILED\n\n```\n").append(e).append("\n```\n");
                    acceptance.add(new String[] {section, "section ran", e.toString(), "FAILED"});
                }
                double foreign = MachineLoad.foreignCores(loadBefore, MachineLoad.now());
                sectionTimes.put(section, String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t) / 1e9));
                sectionLoads.put(section, String.format(Locale.ROOT, "%.2f", foreign));
                progress(String.format(Locale.ROOT, "   (other processes kept %.2f of %d cores busy meanwhile)", foreign,
                        Runtime.getRuntime().availableProcessors()));
            }
        } finally {
            server.stop();
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        writeDocument(body, minutes);
        progress(String.format(Locale.ROOT, "wrote %s (suite ran %.1f min)", root.relativize(out), minutes));
    }

    // ---------------------------------------------------------------- real server set-up

    private static final int ROWS = 10_000;

    private void seed() throws Exception {
        try (Connection c = server.connect("mysql"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS items");
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, qty INT NOT NULL)");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, name, qty) VALUES (?, ?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "item-" + i);
                    ps.setInt(3, i % 100);
                    ps.addBatch();
                    if (i % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            c.commit();
        }
    }

    private List<String> serverProps() {
        return List.of("-Dbench.url=" + server.url("mysql"), "-Dbench.user=" + TestServer.USER,
                "-Dbench.password=" + TestServer.PASSWORD, "-Dbench.rows=" + ROWS);
    }

    private String adminUrl() {
        return "jdbc:mariadb://127.0.0.1:" + server.port() + "/?user=root";
    }

    // ---------------------------------------------------------------- JMH

    /** Warm-up iterations: the fake driver's code compiles within a second or two. */
    private int warmups() {
        return quick ? 1 : 3;
    }

    private int iterations() {
        return quick ? 2 : 5;
    }

    private Collection<RunResult> jmh(String include, Variant v, List<String> extra, String tag) throws Exception {
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
                .jvm(javaBin)
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

    private static void collect(Map<String, Map<String, Agg>> into, String variant, Collection<RunResult> results) {
        for (RunResult r : results) {
            into.computeIfAbsent(shortName(r.getParams()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(variant, k -> new Agg()).add(r);
        }
    }

    private String hotPath() throws Exception {
        Map<String, Map<String, Agg>> results = new LinkedHashMap<>();
        for (Variant v : List.of(none, guard, otel)) {
            collect(results, v.name(), jmh("HotPathBench", v, List.of(), "hotpath-" + v.name()));
        }
        StringBuilder s = new StringBuilder();
        s.append("\n## 1. Hot path on an in-memory driver (JMH)\n\n");
        s.append("`HotPathBench`: JDBC calls on `fakedb.FakeDriver`, a driver in the benchmarks module whose calls do a"
                + " few field writes and allocate nothing (`prepareStatement` allocates its statement object in every"
                + " variant). What a variant adds is the agent's own cost per call. The connection is opened through"
                + " `Driver.connect(String, Properties)`; in the jdbc-guard forks the benchmark's set-up checks that the"
                + " agent's JMX bean lists exactly that one connection. Average time per op, ± JMH error (99.9 %);"
                + " bytes per op from `-prof gc` (`gc.alloc.rate.norm`). " + jmhSettings() + "\n\n");
        s.append("| call | none ns/op | jdbc-guard ns/op | OTel ns/op | jdbc-guard − none | none B/op | jdbc-guard B/op"
                + " | OTel B/op | **jdbc-guard − none B/op** |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, String> labels = Map.of(
                "statementExecuteQuery", "`Statement.executeQuery(\"SELECT 1\")`",
                "statementExecuteQueryPkRead", "`Statement.executeQuery(\"SELECT name, qty FROM items WHERE id = 42\")`",
                "preparedExecuteUpdate", "`PreparedStatement.executeUpdate()`",
                "connectionPrepareStatement", "`Connection.prepareStatement(sql)`");
        double worstExtraBytes = 0;
        String worstCall = "";
        for (String bench : List.of("statementExecuteQuery", "statementExecuteQueryPkRead", "preparedExecuteUpdate",
                "connectionPrepareStatement")) {
            Map<String, Agg> row = results.get(bench);
            if (row == null) {
                continue;
            }
            Agg n = row.get("none");
            Agg g = row.get("jdbc-guard");
            Agg o = row.get("otel");
            double extraBytes = g.bytes() - n.bytes();
            if (extraBytes > worstExtraBytes) {
                worstExtraBytes = extraBytes;
                worstCall = labels.get(bench);
            }
            s.append("| ").append(labels.get(bench))
                    .append(" | ").append(pm(n.mean(), n.error(), 1))
                    .append(" | ").append(pm(g.mean(), g.error(), 1))
                    .append(" | ").append(pm(o.mean(), o.error(), 1))
                    .append(" | ").append(signed(g.mean() - n.mean(), 1)).append(" ns")
                    .append(" | ").append(num(n.bytes(), 1))
                    .append(" | ").append(num(g.bytes(), 1))
                    .append(" | ").append(num(o.bytes(), 1))
                    .append(" | **").append(signed(extraBytes, 1)).append("** |\n");
        }
        boolean zero = worstExtraBytes < 0.5;
        acceptance.add(new String[] {"2", "bytes allocated per op by the agent on the hot path: 0 (agent − none)",
                zero ? "largest difference " + signed(worstExtraBytes, 2) + " B/op"
                        : signed(worstExtraBytes, 1) + " B/op on " + worstCall,
                zero ? "PASS" : "FAIL"});
        s.append("\nA difference under 0.5 B/op is measurement noise of `-prof gc` (the JVM's allocation counters"
                + " include JMH's own occasional allocations); a real allocation shows as a multiple of 8 bytes.\n");
        s.append(primitives(results));
        return s.toString();
    }

    /** The price of the primitives a tracked call is made of, to read the jdbc-guard − none column against. */
    private String primitives(Map<String, Map<String, Agg>> hot) throws Exception {
        Map<String, Map<String, Agg>> results = new LinkedHashMap<>();
        collect(results, "none", jmh("PrimitivesBench", none, List.of(), "primitives"));
        StringBuilder s = new StringBuilder();
        s.append("\nWhat the building blocks of a tracked call cost on this machine (`PrimitivesBench`, no agent):\n\n"
                + "| primitive | ns/op |\n|---|---:|\n");
        String[][] rows = {
            {"nanoTime", "`System.nanoTime()`"},
            {"currentTimeMillis", "`System.currentTimeMillis()`"},
            {"casThenRelease", "claim + release: one CAS and one release store"},
            {"volatileLongStore", "one volatile `long` store"},
            {"plainLongStore", "one plain store (what a release store costs on x86)"},
            {"weakIdentityLookup", "identity hash + one slot of the weak identity table + the weak key's referent"},
        };
        for (String[] row : rows) {
            Agg a = results.get(row[0]).get("none");
            s.append("| ").append(row[1]).append(" | ").append(pm(a.mean(), a.error(), 1)).append(" |\n");
        }
        double model = 2 * results.get("nanoTime").get("none").mean()
                + results.get("casThenRelease").get("none").mean()
                + 2 * results.get("plainLongStore").get("none").mean()
                + results.get("weakIdentityLookup").get("none").mean();
        Map<String, Agg> update = hot.get("preparedExecuteUpdate");
        s.append(String.format(Locale.ROOT, "%nA tracked call on a connection it already owns reads the clock twice (idle"
                + " check on entry, last use on exit), claims and releases the connection (CAS + release store),"
                + " publishes the last-use and last-round-trip times (two release stores) and looks the connection up"
                + " once: %.1f ns in sum on"
                + " this machine, against the %.1f ns measured for `PreparedStatement.executeUpdate()` (jdbc-guard −"
                + " none).%n", model, update.get("jdbc-guard").mean() - update.get("none").mean()));
        return s.toString();
    }

    /** The four real-server loops: {loop, threads}. */
    private static final String[][] REAL_LOOPS = {{"select1", "1"}, {"pkRead", "1"}, {"select1", "8"}, {"pkRead", "8"}};

    /**
     * Rounds per loop, over all forks: single rounds of the 8-thread loops tend to scatter more than
     * those of the 1-thread loops (8 client threads and their server threads on 2 cores; up to half
     * as much again in the runs so far), so they get more, for a similar width of the median's interval.
     */
    private int rounds(int threads) {
        return forks() * (quick ? 3 : threads == 1 ? 10 : 25);
    }

    /**
     * Fresh JVMs per variant for the real-server loops. One JVM keeps what its JIT happened to
     * decide for its whole life: in two runs of one JVM per variant, the same agent code measured
     * 1.001 and then 0.972 in one cell, each with an interval too narrow to cover the other, so a
     * single JVM per variant measures its luck along with the agent. As in JMH, forks average that out.
     */
    private int forks() {
        return quick ? 1 : 4;
    }

    private int warmupRounds() {
        return quick ? 2 : 6;
    }

    private String realServer() throws Exception {
        long sliceMillis = 1_000;
        Map<String, List<String>> commands = new LinkedHashMap<>();
        Variant empty = new Variant("empty agent", List.of("-javaagent:" + nullAgentJar(work), "-Dbench.variant=none"));
        for (Variant v : List.of(none, empty, guard, otel)) {
            List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
            jvm.addAll(v.jvmArgs());
            jvm.addAll(serverProps());
            commands.put(v.name(), javaCommand(jvm, System.getProperty("java.class.path"), SliceLoop.class.getName()));
        }
        // loop -> variant -> slices, fork after fork
        Map<String, Map<String, List<SliceRun.Slice>>> slices = new LinkedHashMap<>();
        for (String[] loop : REAL_LOOPS) {
            Map<String, List<SliceRun.Slice>> byVariant = new LinkedHashMap<>();
            commands.keySet().forEach(v -> byVariant.put(v, new ArrayList<>()));
            slices.put(loop[0] + " " + loop[1], byVariant);
        }
        for (int fork = 1; fork <= forks(); fork++) {
            progress("  fork " + fork + " of " + forks() + ": fresh JVMs, " + warmupRounds()
                    + " warm-up rounds of every loop in every variant");
            try (SliceRun run = new SliceRun(commands, work)) {
                warmUp(run, sliceMillis);
                for (String[] loop : REAL_LOOPS) {
                    int threads = Integer.parseInt(loop[1]);
                    measure(run, loop[0], threads, rounds(threads) / forks(), sliceMillis,
                            slices.get(loop[0] + " " + loop[1]));
                }
            }
        }
        for (Map.Entry<String, Map<String, List<SliceRun.Slice>>> e : slices.entrySet()) {
            Map<String, List<SliceRun.Slice>> byVariant = e.getValue();
            progress(String.format(Locale.ROOT, "  %-12s thread(s): jdbc-guard/none %.3f, empty agent/none %.3f,"
                    + " otel/none %.3f (medians of %d rounds in %d fork(s))", e.getKey(), medianRatio(byVariant, "jdbc-guard"),
                    medianRatio(byVariant, "empty agent"), medianRatio(byVariant, "otel"),
                    byVariant.get("none").size(), forks()));
        }
        return realServerReport(slices, sliceMillis);
    }

    private void warmUp(SliceRun run, long sliceMillis) throws IOException {
        for (int round = 0; round < warmupRounds(); round++) {
            for (String[] loop : REAL_LOOPS) {
                for (String v : run.variants()) {
                    run.run(v, loop[0], Integer.parseInt(loop[1]), sliceMillis / 2);
                }
            }
        }
    }

    /** {@code rounds} rounds of one loop in every variant, appended to {@code byVariant}. */
    private static void measure(SliceRun run, String loop, int threads, int rounds, long sliceMillis,
                                Map<String, List<SliceRun.Slice>> byVariant) throws IOException {
        List<String> variants = run.variants();
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>();
            for (int k = 0; k < variants.size(); k++) {
                order.add(variants.get((k + round) % variants.size())); // rotate the order each round
            }
            // A B C D, then D C B A: each variant's two half slices sit symmetrically around the
            // round's middle, so a drift that is linear over the round cancels out of its ratios
            Map<String, SliceRun.Slice> halves = new LinkedHashMap<>();
            for (String v : order) {
                halves.put(v, run.run(v, loop, threads, sliceMillis / 2));
            }
            for (int k = order.size() - 1; k >= 0; k--) {
                String v = order.get(k);
                byVariant.get(v).add(halves.get(v).plus(run.run(v, loop, threads, sliceMillis / 2)));
            }
        }
    }

    /** Median over rounds of (variant's ops in its slice) / (none's ops in the same round). */
    private static double medianRatio(Map<String, List<SliceRun.Slice>> byVariant, String variant) {
        return Stats.median(ratios(byVariant, variant));
    }

    private static List<Double> ratios(Map<String, List<SliceRun.Slice>> byVariant, String variant) {
        List<SliceRun.Slice> base = byVariant.get("none");
        List<SliceRun.Slice> other = byVariant.get(variant);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            ratios.add(other.get(i).opsPerSecond() / base.get(i).opsPerSecond());
        }
        return ratios;
    }

    private static double median(List<SliceRun.Slice> slices, java.util.function.ToDoubleFunction<SliceRun.Slice> f) {
        List<Double> values = new ArrayList<>();
        slices.forEach(sl -> values.add(f.applyAsDouble(sl)));
        return Stats.median(values);
    }

    private String realServerReport(Map<String, Map<String, List<SliceRun.Slice>>> slices, long sliceMillis) {
        StringBuilder s = new StringBuilder();
        s.append("\n## 2. Real server loop: HikariCP + MySQL Connector/J + MariaDB on loopback\n\n");
        s.append("One op = borrow a connection from a HikariCP pool of 8, run the statement, read the row, close"
                + " statement and connection (back to the pool). `SELECT 1`, and a primary-key read (`SELECT name, qty"
                + " FROM items WHERE id = ?`, prepared, random id in 10,000 rows). The server is the embedded MariaDB "
                + server.description().replace("MariaDB ", "") + ", on the same 2 cores as the client.\n\n"
                + "**How it is measured** (`SliceLoop`, `SliceRun`): in each of " + forks() + " fork(s), one fresh"
                + " JVM per variant, all four started at once (-Xms1g -Xmx1g, Java " + System.getProperty("java.version")
                + "), each with its own pool. They take"
                + " turns: one runs the loop for a " + sliceMillis / 2 + " ms half slice while the others wait, then the"
                + " next, and then the same four again in reverse order (A B C D D C B A), so that each variant's"
                + " round of " + sliceMillis + " ms sits symmetrically around the round's middle; the order is rotated"
                + " every round. In each fork, after " + warmupRounds() + " warm-up rounds of every loop, the 1-thread"
                + " loops get " + rounds(1) / forks() + " rounds and the 8-thread loops, whose single rounds scatter"
                + " more, " + rounds(8) / forks() + ": " + rounds(1) + " and " + rounds(8) + " rounds per loop in all."
                + " Fresh JVMs per fork, as JMH does it, because a JVM keeps what its JIT happened to decide for its whole"
                + " life: with one JVM per variant, two runs of the same agent code measured one cell at 1.001 and at"
                + " 0.972, each with an interval that excluded the other."
                + " A round's ratio compares work done within the same four seconds, and a drift of this"
                + " shared machine that is linear over those seconds cancels out of it (its speed moves by tens of"
                + " percent from one minute to the next, which slices run minutes apart cannot separate from a 2 %"
                + " cost, so variants are compared within a round and never across rounds). The"
                + " figure that counts is the **median of the per-round ratios**. Its 95 % interval is distribution-free"
                + " (the order statistics a binomial count puts around the median, whatever the shape of the scatter):"
                + " where it is narrow, the median is what a second run would find too; the 25th–75th percentile of"
                + " the ratios shows how much single rounds scatter. *empty agent* is a `-javaagent` whose `premain` does"
                + " nothing: what the JVM itself charges for running with any agent.\n\n");
        s.append("| loop | threads | none ops/s | jdbc-guard ops/s | OTel ops/s | **jdbc-guard / none** (median of"
                + " rounds) | its 95 % interval | rounds' 25th–75th pct | forks' medians | empty agent / none |"
                + " OTel / none |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder cpu = new StringBuilder("\n**CPU and allocation per op of the loop's own threads** (thread CPU"
                + " time and allocated bytes, `ThreadMXBean`; medians over the measured slices): everything an agent"
                + " inlines into a JDBC call lands here, whatever the scheduler does with the server's threads.\n\n"
                + "| loop | threads | none µs/op | empty agent µs/op | jdbc-guard µs/op | OTel µs/op | **jdbc-guard − none** |"
                + " none B/op | empty agent B/op | jdbc-guard B/op | OTel B/op |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double worst = Double.MAX_VALUE;
        String worstLoop = "";
        for (Map.Entry<String, Map<String, List<SliceRun.Slice>>> e : slices.entrySet()) {
            String[] key = e.getKey().split(" ");
            String loop = key[0].equals("select1") ? "`SELECT 1`" : "primary-key read";
            Map<String, List<SliceRun.Slice>> row = e.getValue();
            List<Double> guardRatios = ratios(row, "jdbc-guard");
            double ratio = Stats.median(guardRatios);
            double[] interval = Stats.medianInterval95(guardRatios);
            if (ratio < worst) {
                worst = ratio;
                worstLoop = loop + ", " + key[1] + " thread(s)";
            }
            s.append("| ").append(loop).append(" | ").append(key[1])
                    .append(" | ").append(num(median(row.get("none"), SliceRun.Slice::opsPerSecond), 0))
                    .append(" | ").append(num(median(row.get("jdbc-guard"), SliceRun.Slice::opsPerSecond), 0))
                    .append(" | ").append(num(median(row.get("otel"), SliceRun.Slice::opsPerSecond), 0))
                    .append(" | **").append(num(ratio, 3)).append("**")
                    .append(" | ").append(Double.isNaN(interval[0]) ? "too few rounds"
                            : num(interval[0], 3) + "–" + num(interval[1], 3))
                    .append(" | ").append(num(Stats.percentile(guardRatios, 25), 3)).append("–")
                    .append(num(Stats.percentile(guardRatios, 75), 3))
                    .append(" | ").append(forkMedians(guardRatios))
                    .append(" | ").append(num(medianRatio(row, "empty agent"), 3))
                    .append(" | ").append(num(medianRatio(row, "otel"), 3)).append(" |\n");
            double noneCpu = median(row.get("none"), SliceRun.Slice::cpuMicrosPerOp);
            double guardCpu = median(row.get("jdbc-guard"), SliceRun.Slice::cpuMicrosPerOp);
            cpu.append("| ").append(loop).append(" | ").append(key[1])
                    .append(" | ").append(num(noneCpu, 1))
                    .append(" | ").append(num(median(row.get("empty agent"), SliceRun.Slice::cpuMicrosPerOp), 1))
                    .append(" | ").append(num(guardCpu, 1))
                    .append(" | ").append(num(median(row.get("otel"), SliceRun.Slice::cpuMicrosPerOp), 1))
                    .append(" | **").append(signed(guardCpu - noneCpu, 1)).append(" µs**")
                    .append(" | ").append(num(median(row.get("none"), SliceRun.Slice::bytesPerOp), 0))
                    .append(" | ").append(num(median(row.get("empty agent"), SliceRun.Slice::bytesPerOp), 0))
                    .append(" | ").append(num(median(row.get("jdbc-guard"), SliceRun.Slice::bytesPerOp), 0))
                    .append(" | ").append(num(median(row.get("otel"), SliceRun.Slice::bytesPerOp), 0)).append(" |\n");
        }
        s.append("\nOps/s cells: median over the measured slices. The agent's connections idle while the other"
                + " variants take their turns, so each of its slices begins with the pings that an idle period of more"
                + " than `validateAfter` (2 s) earns: the figures include them.\n");
        s.append(cpu);
        s.append("\nThe driver and the pool allocate on their own; jdbc-guard's hot path allocates nothing (section"
                + " 1). Where the *empty agent* column allocates as much more as jdbc-guard's, the difference is the"
                + " JVM's: with any java agent loaded, some of the driver's short-lived objects (a lambda and an"
                + " iterator in Connector/J's result-set close, as an allocation profile of the two showed) are no"
                + " longer optimised away.\n");
        acceptance.add(new String[] {"3", "real-server throughput ratio jdbc-guard / none ≥ 0.98 (both loops, 1 and 8 threads)",
                String.format(Locale.ROOT, "lowest median of per-round ratios %.3f (%s), %d (1 thread) and %d"
                        + " (8 threads) paired rounds per loop in %d fork(s)", worst, worstLoop, rounds(1), rounds(8),
                        forks()),
                worst >= 0.98 ? "PASS" : "FAIL"});
        return s.toString();
    }

    /** Lowest and highest of the forks' own medians: how far one JVM per variant could have strayed. */
    private String forkMedians(List<Double> ratios) {
        int perFork = ratios.size() / forks();
        List<Double> medians = new ArrayList<>();
        for (int fork = 0; fork < forks(); fork++) {
            medians.add(Stats.median(ratios.subList(fork * perFork, (fork + 1) * perFork)));
        }
        return forks() == 1 ? num(medians.get(0), 3) : num(Stats.min(medians), 3) + "–" + num(Stats.max(medians), 3);
    }

    private String jmhSettings() {
        return String.format(Locale.ROOT, "JMH 1.37: %d warm-up + %d measured iterations of 1 s per fork,"
                + " -Xms1g -Xmx1g, Java %s.", warmups(), iterations(), System.getProperty("java.version"));
    }


    // ---------------------------------------------------------------- start-up

    record StartVariant(String name, List<String> jvmArgs, String why, boolean jdbc) {
        StartVariant(String name, List<String> jvmArgs, String why) {
            this(name, jvmArgs, why, true);
        }
    }

    record StartRun(double toResultMs, double wallMs, double rssMiB, double jvmToResultMs, double allocatedMiB) {
    }

    /** A jar whose premain does nothing ({@link NullAgent}): what any -javaagent costs. */
    private static Path nullAgentJar(Path dir) throws IOException {
        Path nullAgent = dir.resolve("null-agent.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(new Attributes.Name("Premain-Class"), NullAgent.class.getName());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(nullAgent), mf)) {
            jar.putNextEntry(new JarEntry("dev/jdbcguard/bench/NullAgent.class"));
            try (InputStream in = resource("dev/jdbcguard/bench/NullAgent.class")) {
                in.transferTo(jar);
            }
            jar.closeEntry();
        }
        return nullAgent;
    }

    private String startup() throws Exception {
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
        List<StartVariant> variants = List.of(
                new StartVariant("none", List.of(), "the program alone"),
                new StartVariant("none, -Xshare:off", List.of("-Xshare:off"), "no class-data sharing at all"),
                new StartVariant("empty agent", List.of("-javaagent:" + nullAgent),
                        "a `premain` that does nothing: the cost of any -javaagent"),
                new StartVariant("empty agent + boot append", List.of("-javaagent:" + nullAgent + "=" + emptyJar),
                        "same, plus `appendToBootstrapClassLoaderSearch` of an empty jar, as jdbc-guard does"),
                new StartVariant("**jdbc-guard**", List.of("-javaagent:" + agentJar), "the agent, default options"),
                new StartVariant("OTel (JDBC only)", otelArgs, "OpenTelemetry agent " + otelVersion()
                        + ", JDBC instrumentation only, exporters none"),
                new StartVariant("none, no JDBC", List.of(), "the same program told not to connect: the bare JVM",
                        false),
                new StartVariant("jdbc-guard, no JDBC", List.of("-javaagent:" + agentJar),
                        "the agent's `premain` alone: no driver class loaded", false));
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
            classes.put(v.name(), countClasses(log));
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
                    .append(c[0] - c[1]).append(" | ").append(c[2]).append(" |\n");
        }
        String warning = stderrSample.getOrDefault("**jdbc-guard**", "");
        if (warning.contains("Sharing is only supported for boot loader classes")) {
            s.append("\nWith jdbc-guard (and with the empty agent that appends to the boot class path) the JVM prints"
                    + " `Sharing is only supported for boot loader classes because bootstrap classpath has been appended`:"
                    + " classes of the platform and application loaders then load from their jars instead of the CDS"
                    + " archive. The *empty agent + boot append* row prices exactly that; *none, -Xshare:off* is the"
                    + " upper bound (no sharing even for boot classes).\n");
        }
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
                + " any -javaagent %+.0f ms; appending to the boot class path, which limits class-data sharing to"
                + " boot classes, %+.0f ms more; the agent's `premain` (bridge on the boot class path, options,"
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
        acceptance.add(new String[] {"4", "start-up: jdbc-guard adds ≤ 25 MiB peak memory (median RSS)",
                String.format(Locale.ROOT, "%+.1f MiB (OTel %+.1f MiB)", guardRss, otelRss),
                guardRss <= 25 ? "PASS" : "FAIL"});
        return s.toString();
    }

    private String[] firstQueryArgs() {
        return new String[] {server.url("mysql"), TestServer.USER, TestServer.PASSWORD};
    }

    private StartRun firstQuery(StartVariant v, String cp, Path dir, boolean haveTime,
                                Map<String, String> stderrSample, String[] programArgs) throws Exception {
        List<String> command = new ArrayList<>();
        Path timeFile = dir.resolve("time.txt");
        Files.deleteIfExists(timeFile);
        if (haveTime) {
            command.addAll(List.of("/usr/bin/time", "-f", "%M %e", "-o", timeFile.toString()));
        }
        command.addAll(javaCommand(v.jvmArgs(), cp, FirstQuery.class.getName(), programArgs));
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
            throw new IllegalStateException("FirstQuery (" + v.name() + ") did not exit");
        }
        double wall = (System.nanoTime() - start) / 1e6;
        String errText = Files.readString(err);
        stderrSample.putIfAbsent(v.name(), errText + output);
        if (p.exitValue() != 0 || Double.isNaN(toResult)) {
            throw new IllegalStateException("FirstQuery (" + v.name() + ") failed, exit " + p.exitValue() + ": "
                    + output + errText);
        }
        double rssMiB = hwmKb / 1024;
        if (haveTime && Files.exists(timeFile)) {
            for (String line : Files.readAllLines(timeFile)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[0].matches("\\d+")) {
                    rssMiB = Long.parseLong(parts[0]) / 1024.0;
                }
            }
        }
        return new StartRun(toResult, wall, rssMiB, jvmToResult, allocatedKb / 1024);
    }

    /**
     * Each round's time to result minus the same round's for {@code base}: the variants of a
     * round ran back to back, so load on the machine that drifts over the rounds cancels out.
     */
    private static List<Double> roundDifferences(List<StartRun> runs, List<StartRun> base) {
        List<Double> differences = new ArrayList<>();
        for (int round = 0; round < runs.size(); round++) {
            differences.add(runs.get(round).toResultMs() - base.get(round).toResultMs());
        }
        return differences;
    }

    private static String pairedDelta(List<StartRun> runs, List<StartRun> base, double ofMedians) {
        List<Double> differences = roundDifferences(runs, base);
        return signed(Stats.median(differences), 0) + " ms" + interval(Stats.medianInterval95(differences)) + " ("
                + signed(ofMedians, 0) + ")";
    }

    /** " [lo to hi]" in ms, or nothing when there were too few rounds for an interval. */
    private static String interval(double[] loHi) {
        return Double.isNaN(loHi[0]) ? "" : " [" + signed(loHi[0], 0) + " to " + signed(loHi[1], 0) + "]";
    }

    private static List<Double> field(List<StartRun> runs, int which) {
        List<Double> values = new ArrayList<>();
        for (StartRun r : runs) {
            values.add(switch (which) {
                case 0 -> r.toResultMs();
                case 1 -> r.wallMs();
                case 2 -> r.rssMiB();
                case 3 -> r.jvmToResultMs();
                default -> r.allocatedMiB();
            });
        }
        return values;
    }

    /** [total, from CDS archive, dev.jdbcguard.*]. */
    private static int[] countClasses(Path log) throws IOException {
        int total = 0;
        int shared = 0;
        int ours = 0;
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("[class,load] ");
            if (at < 0) {
                continue;
            }
            total++;
            String rest = line.substring(at + "[class,load] ".length());
            if (rest.contains("source: shared objects file")) {
                shared++;
            }
            if (rest.startsWith("dev.jdbcguard.")) {
                ours++;
            }
        }
        return new int[] {total, shared, ours};
    }

    private String otelVersion() {
        try (JarFile jar = new JarFile(otelJar.toFile())) {
            String v = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
            return v == null ? "" : v;
        } catch (IOException e) {
            return "";
        }
    }

    // ---------------------------------------------------------------- healing

    private String healing() throws Exception {
        int samples = quick ? 3 : 25;
        long idleMillis = 600;
        String agentOptions = "validateAfter=500ms";
        Map<String, Map<String, List<Long>>> byDriver = new LinkedHashMap<>();
        Map<String, List<String>> checks = new LinkedHashMap<>();
        Map<String, List<Double>> reconnectMs = new LinkedHashMap<>();
        for (String driver : List.of("mysql", "mariadb")) {
            Map<String, List<Long>> scenarios = new LinkedHashMap<>();
            for (String mode : List.of("plain", "agent")) {
                List<String> args = new ArrayList<>();
                if (mode.equals("agent")) {
                    args.add("-javaagent:" + agentJar + "=" + agentOptions);
                }
                Path outFile = work.resolve("healing-" + driver + "-" + mode + ".out");
                Path errFile = work.resolve("healing-" + driver + "-" + mode + ".err");
                long t = System.nanoTime();
                runChild(javaCommand(args, System.getProperty("java.class.path"), HealingCost.class.getName(),
                        driver, server.url(driver), TestServer.USER, TestServer.PASSWORD, adminUrl(), mode,
                        String.valueOf(samples), String.valueOf(idleMillis)), outFile, errFile, 600);
                progress(String.format(Locale.ROOT, "  %s %s: %.0f s", driver, mode, (System.nanoTime() - t) / 1e9));
                for (String line : Files.readAllLines(outFile)) {
                    if (line.startsWith("SAMPLES ")) {
                        String[] parts = line.split(" ");
                        List<Long> values = new ArrayList<>();
                        for (String x : parts[2].split(",")) {
                            values.add(Long.parseLong(x));
                        }
                        scenarios.put(parts[1] + (parts[1].equals("normal") ? "-" + mode : ""), values);
                    } else if (line.startsWith("CHECK ")) {
                        checks.computeIfAbsent(driver, k -> new ArrayList<>()).add(line.substring(6));
                    }
                }
                Matcher m = Pattern.compile("reconnected in (\\d+(?:\\.\\d+)?) ms").matcher(Files.readString(errFile));
                while (m.find()) {
                    reconnectMs.computeIfAbsent(driver, k -> new ArrayList<>()).add(Double.parseDouble(m.group(1)));
                }
            }
            byDriver.put(driver, scenarios);
        }
        StringBuilder s = new StringBuilder();
        s.append("\n## 5. Healing cost: the first statement after a stale period\n\n");
        s.append("`HealingCost`: one connection (no pool) whose session has state worth restoring (isolation"
                + " READ COMMITTED, catalog, two `SET SESSION` variables); the timed call is one primary-key read"
                + " through a prepared statement (execute + read the row). ").append(samples)
                .append(" samples per scenario; median (10th–90th percentile), microseconds. jdbc-guard runs with `")
                .append(agentOptions).append("` and idles ").append(idleMillis)
                .append(" ms before the idle scenarios, so that samples take under a second; with the default 2 s only"
                        + " the idle time needed changes, not the cost. The session is ended by `KILL` from an"
                        + " administrator's connection (the server closes the socket, as after `wait_timeout`).\n\n");
        s.append("| scenario | what the timed call includes | Connector/J µs | MariaDB Connector/J µs |\n|---|---|---:|---:|\n");
        String[][] rows = {
            {"normal-plain", "normal statement, no agent", "the read"},
            {"normal-agent", "normal statement, jdbc-guard", "the read (connection busy: no ping)"},
            {"idleRead", "idle as long, link alive, no agent", "the read (after the thread slept: colder caches)"},
            {"pingOnly", "idle past validateAfter, link alive, jdbc-guard", "ping + read"},
            {"healedAfterKill", "**idle, session killed: healed**", "ping (fails) + reconnect + restore state + read"},
            {"healedWaitTimeout", "idle past a known `wait_timeout`", "reconnect + restore + read (no ping: the agent knows)"},
            {"rerunAfterKill", "session killed, used at once (plain `Statement`: the agent re-runs only reads"
                + " whose text it saw; a prepared read gets the error, on an already reconnected connection)",
                "read fails + reconnect + restore + read again"},
            {"errorAndRetry", "**no agent: error and retry by hand**",
                "read fails (`CommunicationsException` / `SQLNonTransientConnectionException`) + close + connect +"
                    + " restore the same state + prepare + read"},
        };
        for (String[] row : rows) {
            s.append("| ").append(row[1]).append(" | ").append(row[2]);
            for (String driver : List.of("mysql", "mariadb")) {
                List<Long> v = byDriver.get(driver).get(row[0]);
                s.append(" | ").append(v == null ? "–" : range(v, 0));
            }
            s.append(" |\n");
        }
        s.append("\n");
        for (String driver : List.of("mysql", "mariadb")) {
            Map<String, List<Long>> sc = byDriver.get(driver);
            double healed = Stats.median(sc.get("healedAfterKill"));
            double retry = Stats.median(sc.get("errorAndRetry"));
            double normal = Stats.median(sc.get("normal-plain"));
            s.append(String.format(Locale.ROOT, "- %s: healed first statement %.1f ms = %.0f × a normal statement;"
                    + " %.2f × the error-and-retry path a program would need without the agent.",
                    driver.equals("mysql") ? "Connector/J" : "MariaDB Connector/J", healed / 1000, healed / normal,
                    healed / retry));
            List<Double> rc = reconnectMs.get(driver);
            if (rc != null && !rc.isEmpty()) {
                s.append(String.format(Locale.ROOT, " The agent's own log: reconnect median %.0f ms over %d heals.",
                        Stats.median(rc), rc.size()));
            }
            s.append(" Checks: ").append(String.join("; ", checks.getOrDefault(driver, List.of()))).append('\n');
        }
        acceptance.add(new String[] {"(5)", "healing cost measured (no threshold in the issue)",
                String.format(Locale.ROOT, "healed/normal %.0f× (Connector/J), error-and-retry/healed %.2f×",
                        Stats.median(byDriver.get("mysql").get("healedAfterKill"))
                                / Stats.median(byDriver.get("mysql").get("normal-plain")),
                        Stats.median(byDriver.get("mysql").get("errorAndRetry"))
                                / Stats.median(byDriver.get("mysql").get("healedAfterKill"))), "reported"});
        return s.toString();
    }

    // ---------------------------------------------------------------- memory

    private String memory() throws Exception {
        int n = 1000;
        int churn = quick ? 2000 : 20_000;
        long first = 100_000;
        long total = quick ? 300_000 : 1_000_000;
        StringBuilder s = new StringBuilder();
        s.append("\n## 6. Memory\n\n");
        s.append("`MemoryProbe`, on the in-memory driver, in child JVMs with `-XX:+UseSerialGC -Xmx1g` so that"
                + " `System.gc()` is a full compacting collection; used heap is read after 4 of them (minimum).\n\n");
        s.append("**Retained heap per tracked connection**: ").append(n).append(" connections opened through"
                + " `Driver.connect` and held; used heap after minus before, divided by ").append(n).append(". The"
                + " agent keeps, per connection, its state and the stack of the place that opened it, so the cost"
                + " grows with the depth of that stack (a connection opened by a pool inside a framework sits deeper"
                + " than one opened in `main`).\n\n");
        s.append("| opened at stack depth | none B/conn | jdbc-guard B/conn | OTel B/conn | **jdbc-guard − none** |\n"
                + "|---|---:|---:|---:|---:|\n");
        Map<String, Long> perConn = new LinkedHashMap<>();
        for (int depth : new int[] {0, 100}) {
            Map<String, Long> row = new LinkedHashMap<>();
            for (Variant v : List.of(none, guard, otel)) {
                Map<String, String> r = memoryProbe(v, "connections", String.valueOf(n), String.valueOf(depth));
                row.put(v.name(), Long.parseLong(r.get("bytesPerConnection")));
            }
            perConn.put(String.valueOf(depth), row.get("jdbc-guard") - row.get("none"));
            s.append("| ").append(depth == 0 ? "~10 frames (called from `main`)" : "~110 frames").append(" | ")
                    .append(row.get("none")).append(" | ").append(row.get("jdbc-guard")).append(" | ")
                    .append(row.get("otel")).append(" | **").append(row.get("jdbc-guard") - row.get("none"))
                    .append("** |\n");
        }
        s.append("\n**Connections opened, used, closed and dropped** (no pool, ").append(churn).append(" of them,"
                + " stack ~10 frames): heap still used afterwards, per connection. *jdbc-guard + JMX read* reads the"
                + " `Connections` attribute once before measuring.\n\n");
        s.append("| variant | retained B per dropped connection | retained in total |\n|---|---:|---:|\n");
        Map<String, Long> churnBytes = new LinkedHashMap<>();
        for (Object[] v : new Object[][] {{none, "no"}, {guard, "no"}, {guard, "jmx"}}) {
            Variant variant = (Variant) v[0];
            Map<String, String> r = memoryProbe(variant, "churn", String.valueOf(churn), "0", (String) v[1]);
            long per = Long.parseLong(r.get("bytesPerConnection"));
            String name = variant.name() + (v[1].equals("jmx") ? " + JMX read" : "");
            churnBytes.put(name, per);
            s.append("| ").append(name).append(" | ").append(per).append(" | ")
                    .append(num((Long.parseLong(r.get("after")) - Long.parseLong(r.get("before"))) / 1048576.0, 1))
                    .append(" MiB |\n");
        }
        s.append("\n**Heap after many statements on one connection**: distinct query texts (`executeQuery`),"
                + " prepared updates, a new prepared statement every 10th and a `SET SESSION` every 100th; used heap"
                + " after ").append(String.format(Locale.ROOT, "%,d", first)).append(" and after ")
                .append(String.format(Locale.ROOT, "%,d", total)).append(" statements.\n\n");
        s.append("| variant | used after ").append(String.format(Locale.ROOT, "%,d", first)).append(" | used after ")
                .append(String.format(Locale.ROOT, "%,d", total)).append(" | **growth** |\n|---|---:|---:|---:|\n");
        long guardGrowth = 0;
        for (Variant v : List.of(none, guard, otel)) {
            Map<String, String> r = memoryProbe(v, "statements", String.valueOf(first), String.valueOf(total));
            long growth = Long.parseLong(r.get("growth"));
            if (v == guard) {
                guardGrowth = growth;
            }
            s.append("| ").append(v.name()).append(" | ").append(kib(Long.parseLong(r.get("usedFirst"))))
                    .append(" | ").append(kib(Long.parseLong(r.get("usedTotal")))).append(" | **")
                    .append(signed(growth / 1024.0, 1)).append(" KiB** |\n");
        }
        boolean flat = guardGrowth < 64 * 1024;
        acceptance.add(new String[] {"5", "memory per tracked connection reported",
                String.format(Locale.ROOT, "%d B (opened from main), %d B (110 frames deep); dropped without JMX"
                        + " read: %d B each stay", perConn.get("0"), perConn.get("100"), churnBytes.get("jdbc-guard")),
                "reported"});
        acceptance.add(new String[] {"5", "heap does not grow with statement count (" + String.format(Locale.ROOT,
                "%,d", first) + " → " + String.format(Locale.ROOT, "%,d", total) + ")",
                signed(guardGrowth / 1024.0, 1) + " KiB", flat ? "PASS" : "FAIL"});
        return s.toString();
    }

    private Map<String, String> memoryProbe(Variant v, String... args) throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xmx1g"));
        jvm.addAll(v.jvmArgs());
        String tag = "memory-" + String.join("-", args) + "-" + v.name();
        Path outFile = work.resolve(tag + ".out");
        runChild(javaCommand(jvm, System.getProperty("java.class.path"), MemoryProbe.class.getName(), args),
                outFile, work.resolve(tag + ".err"), 300);
        for (String line : Files.readAllLines(outFile)) {
            if (line.startsWith("RESULT ")) {
                Map<String, String> values = new LinkedHashMap<>();
                for (String kv : line.substring(7).split(" ")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        values.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                progress("  " + v.name() + " " + String.join(" ", args) + ": " + line.substring(7));
                return values;
            }
        }
        throw new IllegalStateException("MemoryProbe " + tag + " printed no result; see " + outFile);
    }

    // ---------------------------------------------------------------- the document

    private void writeDocument(StringBuilder body, double minutes) throws IOException {
        md.append("# Performance\n\n");
        md.append("Generated by `./bench.sh` on ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm z"))).append(String.format(Locale.ROOT, " (the suite ran %.1f minutes", minutes))
                .append(sectionTimes.isEmpty() ? "" : ": " + sectionTimes.toString().replaceAll("[{}]", ""))
                .append("). Every number below comes from that run; run it again to refresh this file.\n\n");
        md.append("**Machine**: ").append(machine()).append(". The cores are **shared** (a cloud VM); the"
                + " database server runs on the same cores as the client. So read **medians and ratios**, and the"
                + " ± (JMH's 99.9 % error), not single numbers. **Other processes** on the machine during this run kept"
                + " this many cores busy on average, by section (from /proc/stat minus the suite's own process tree; 0"
                + " is a quiet machine): " + sectionLoads.toString().replaceAll("[{}]", "").replace("=", " ") + ".\n\n");
        md.append("**Variants**: *none* (no agent); *jdbc-guard* (`-javaagent:agent/target/jdbc-guard-agent.jar`,"
                + " default options unless a section says otherwise; the jar measured: ").append(agentIdentity)
                .append("); *OTel*: the OpenTelemetry Java agent ").append(otelVersion())
                .append(" from Maven Central, restricted to JDBC: `").append(String.join(" ", OTEL_FLAGS)).append("`.\n\n");
        md.append("## Acceptance (issue 8)\n\n| # | criterion | measured | verdict |\n|---|---|---|---|\n");
        for (String[] a : acceptance) {
            md.append("| ").append(a[0]).append(" | ").append(a[1]).append(" | ").append(a[2]).append(" | ")
                    .append(a[3].startsWith("PASS") || a[3].startsWith("FAIL")
                            ? "**" + a[3].substring(0, 4) + "**" + a[3].substring(4) : a[3]).append(" |\n");
        }
        if (only.containsAll(SECTIONS) && acceptance.stream().noneMatch(a -> a[3].equals("FAILED"))) {
            md.append("| 1 | the command runs and writes these tables | this file | **PASS** |\n");
        }
        md.append(body);
        md.append("\n## How to run\n\n```\n./bench.sh                 # everything (about 33 minutes on 2 cores)\n"
                + "./bench.sh --only hot,memory   # some sections: hot, real, startup, healing, memory\n```\n\n"
                + "`bench.sh` builds the agent and the `benchmarks` module with `mvn -Pbench` (the profile adds the run"
                + " class path and downloads the OpenTelemetry agent; a plain `mvn verify` compiles the"
                + " benchmarks and runs their unit test, `StatsTest`), then runs `dev.jdbcguard.bench.Suite`,"
                + " which starts one embedded MariaDB (no Docker) and writes this file. Raw JMH output (logs and"
                + " JSON), child JVM output and class-loading logs are in `benchmarks/target/bench-results/`."
                + " Sources: `benchmarks/src/main/java/dev/jdbcguard/bench`"
                + " (`HotPathBench`, `SliceLoop`, `FirstQuery`, `HealingCost`, `MemoryProbe`, `Suite`) and the"
                + " in-memory driver in `benchmarks/src/main/java/fakedb` (outside `dev.jdbcguard.*`, which the agent"
                + " never instruments).\n");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }

    private String machine() {
        String cpu = "";
        String mem = "";
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Paths.get("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    mem = String.format(Locale.ROOT, "%.0f GiB RAM",
                            Long.parseLong(line.replaceAll("[^0-9]", "")) / 1048576.0);
                }
            }
        } catch (IOException e) {
            // not Linux: leave it out
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + (cpu.isEmpty() ? "" : " (" + cpu + ")")
                + (mem.isEmpty() ? "" : ", " + mem) + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version");
    }

    // ---------------------------------------------------------------- helpers

    private List<String> javaCommand(List<String> jvmArgs, String classPath, String main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaBin);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath);
        command.add(main);
        command.addAll(Arrays.asList(args));
        return command;
    }

    private static void runChild(List<String> command, Path outFile, Path errFile, int timeoutSeconds)
            throws Exception {
        Process p = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + " from " + String.join(" ", command)
                    + "\nstderr: " + tail(errFile) + "\nstdout: " + tail(outFile));
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static String classPathEntry(String contains) {
        for (String entry : System.getProperty("java.class.path").split(":")) {
            if (Paths.get(entry).getFileName().toString().contains(contains)) {
                return entry;
            }
        }
        throw new IllegalStateException(contains + " is not on the class path");
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Suite.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not found");
        }
        return in;
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = resource(name); OutputStream o = Files.newOutputStream(target)) {
            in.transferTo(o);
        }
    }

    private static String pm(double value, double error, int decimals) {
        return Double.isNaN(error) ? num(value, decimals) : num(value, decimals) + " ± " + num(error, decimals);
    }

    private static String num(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String signed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "–";
        }
        String text = String.format(Locale.ROOT, "%+,." + decimals + "f", value);
        return text.replace("-", "−");
    }

    private static String range(List<? extends Number> values, int decimals) {
        return num(Stats.median(values), decimals) + " (" + num(Stats.percentile(values, 10), decimals) + "–"
                + num(Stats.percentile(values, 90), decimals) + ")";
    }

    private static String minMax(List<? extends Number> values) {
        return num(Stats.median(values), 0) + " (" + num(Stats.min(values), 0) + "–" + num(Stats.max(values), 0) + ")";
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f KiB", bytes / 1024.0);
    }

    private static void progress(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }
}
