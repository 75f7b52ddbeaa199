package dev.jdbcguard.bench;

import static dev.jdbcguard.bench.Children.progress;

import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The whole benchmark run behind {@code ./bench.sh}: starts one embedded MariaDB, runs every
 * measurement (JMH forks and child JVMs) without an agent, with jdbc-guard and with the
 * OpenTelemetry agent, and writes {@code docs/PERFORMANCE.md} from what it measured. Each
 * section of that document is one class ({@link HotPathSection}, {@link RealServerSection},
 * {@link StartupSection}, {@link HealingSection}, {@link MemorySection}); this class reads the
 * command line and runs the chosen sections in order.
 *
 * <p>Usage: {@code Suite --agent <jar> --otel <jar> --out <md> [--work <dir>] [--previous <older agent jar>] [--only hot,real,startup,healing,memory,logging]
 * [--quick]}; {@code ../bench.sh} is the documented way to run it.
 */
public final class Suite {

    static final List<String> SECTIONS = List.of("hot", "real", "startup", "healing", "memory");

    private final Path root;
    /** The agent as built; every run uses a copy taken at start, so a rebuild meanwhile changes nothing. */
    private final Path builtAgentJar;
    private final Path otelJar;
    private final Path out;
    private final Path work;
    private final Set<String> only;
    private final boolean quick;
    private Path previousAgent;
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
        if (a.containsKey("previous")) {
            suite.previousAgent = root.resolve(a.get("previous")).toAbsolutePath();
        }
        suite.run();
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        Files.createDirectories(work);
        if (!Files.isRegularFile(otelJar)) {
            throw new IllegalStateException(otelJar + " is missing: run ./bench.sh, which downloads it");
        }
        Bench.AgentSnapshot agent = Bench.snapshotAgent(builtAgentJar, work);
        progress("agent under test: " + agent.identity());
        progress("starting the embedded MariaDB");
        LocalMariaDb server = TestServers.startPrivate();
        Bench bench = new Bench(agent, otelJar, work, quick, server);
        bench.previousAgent = previousAgent;
        StringBuilder body = new StringBuilder();
        try {
            bench.seed();
            progress("server: " + server.description());
            List<String> sections = new ArrayList<>(SECTIONS);
            sections.add("logging"); // only when asked for: the full run has these rows in section 4
            for (String section : sections) {
                if (!only.contains(section)) {
                    continue;
                }
                long t = System.nanoTime();
                MachineLoad.Sample loadBefore = MachineLoad.now();
                progress("== " + section);
                try {
                    switch (section) {
                        case "hot" -> body.append(new HotPathSection(bench).report());
                        case "real" -> body.append(new RealServerSection(bench).report());
                        case "startup" -> body.append(new StartupSection(bench).report());
                        case "healing" -> body.append(new HealingSection(bench).report());
                        case "memory" -> body.append(new MemorySection(bench).report());
                        case "logging" -> body.append(LogDestinationRows.focused(bench));
                        default -> throw new IllegalStateException(section);
                    }
                } catch (Exception e) {
                    progress(section + " FAILED: " + e);
                    e.printStackTrace();
                    body.append("\n## ").append(section).append(": FAILED\n\n```\n").append(e).append("\n```\n");
                    bench.acceptance.add(new String[] {section, "section ran", e.toString(), "FAILED"});
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
        new PerformanceDocument(bench, only, sectionTimes, sectionLoads).write(out, body, minutes);
        progress(String.format(Locale.ROOT, "wrote %s (suite ran %.1f min)", root.relativize(out), minutes));
    }
}
