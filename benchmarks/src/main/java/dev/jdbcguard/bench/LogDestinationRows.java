package dev.jdbcguard.bench;

import static dev.jdbcguard.bench.Cells.minMax;
import static dev.jdbcguard.bench.Cells.num;
import static dev.jdbcguard.bench.Cells.signed;

import static dev.jdbcguard.bench.Children.classPathEntry;
import static dev.jdbcguard.bench.Children.copyResource;
import static dev.jdbcguard.bench.Children.javaCommand;
import static dev.jdbcguard.bench.Children.progress;

import dev.jdbcguard.bench.StartupSection.StartRun;
import dev.jdbcguard.bench.StartupSection.StartVariant;
import dev.jdbcguard.testdb.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 4c: the start-up variants of the {@code logTo} and {@code logFormat} options (issue 23),
 * compared with jdbc-guard's default (stderr, text) round by round: in the rounds of section 4,
 * and, with {@code --only logging}, in a run of their own with many more rounds of just these four
 * variants (a difference of a few milliseconds needs them on a shared machine).
 */
final class LogDestinationRows {

    static final String DEFAULT = "**jdbc-guard**";

    private LogDestinationRows() {
    }

    static List<StartVariant> variants(Path agentJar, Path dir) {
        String agent = "-javaagent:" + agentJar + "=";
        return List.of(
                new StartVariant("jdbc-guard, logTo=file", List.of(agent + "logTo=file:" + dir.resolve("agent.log")),
                        "lines appended to a file instead of stderr"),
                new StartVariant("jdbc-guard, logFormat=json", List.of(agent + "logFormat=json"),
                        "JSON lines on stderr"),
                new StartVariant("jdbc-guard, logTo=application", List.of(agent + "logTo=application"),
                        "through the program's logging: FirstQuery has no SLF4J, so java.util.logging, from its first"
                                + " connection on (the start line held until then)"));
    }

    /** {@code --only logging}: the default and the three log variants alone, interleaved, many rounds. */
    static String focused(Bench bench) throws Exception {
        Path dir = bench.work.resolve("startup-log");
        Path thin = dir.resolve("classes");
        Path classFile = thin.resolve("dev/jdbcguard/bench/FirstQuery.class");
        Files.createDirectories(classFile.getParent());
        copyResource("dev/jdbcguard/bench/FirstQuery.class", classFile);
        String cp = thin + ":" + classPathEntry("mysql-connector-j");
        List<StartVariant> logVariants = variants(bench.agentJar, dir);
        List<StartVariant> all = new ArrayList<>();
        all.add(new StartVariant(DEFAULT, List.of("-javaagent:" + bench.agentJar), "the default"));
        all.addAll(logVariants);
        int runs = bench.quick ? 2 : 40;
        boolean haveTime = Files.isExecutable(Paths.get("/usr/bin/time"));
        Map<String, List<StartRun>> results = new LinkedHashMap<>();
        Map<String, String> stderrSample = new LinkedHashMap<>();
        for (int round = -1; round < runs; round++) { // round -1 warms the file cache and is dropped
            for (int k = 0; k < all.size(); k++) {
                StartVariant v = all.get(Math.floorMod(k + round, all.size()));
                StartRun r = StartupSection.timeFirstQuery(v.name(), javaCommand(v.jvmArgs(), cp,
                        FirstQuery.class.getName(), bench.server.url("mysql"), TestServer.USER, TestServer.PASSWORD),
                        dir, haveTime, stderrSample);
                if (round >= 0) {
                    results.computeIfAbsent(v.name(), x -> new ArrayList<>()).add(r);
                }
            }
            progress("  log destinations round " + (round + 1) + "/" + runs + " done");
        }
        return report(logVariants, results, "`FirstQuery` as in section 4 (class path: its one class and"
                + " `mysql-connector-j`), only these four variants, interleaved, " + runs + " rounds (plus one"
                + " dropped warm-up round), from `./bench.sh --only logging`.");
    }

    static String report(List<StartVariant> variants, Map<String, List<StartRun>> results) {
        return report(variants, results, "The same `FirstQuery`, in the same interleaved rounds as the table of"
                + " section 4.");
    }

    private static String report(List<StartVariant> variants, Map<String, List<StartRun>> results, String how) {
        List<StartRun> base = results.get(DEFAULT);
        double baseTo = Stats.median(StartupSection.field(base, 0));
        double baseRss = Stats.median(StartupSection.field(base, 2));
        StringBuilder s = new StringBuilder();
        s.append("\n### 4c. Log destinations at start-up\n\n");
        s.append(how).append(" The log options are those of [LOG.md](LOG.md#where-the-lines-go). *Δ vs default*:"
                + " the median of each round's difference to the same round's **jdbc-guard** run (stderr, text),"
                + " with its 95 % interval (the difference of the medians in parentheses). *CPU*: user + system time"
                + " of the whole process (`/usr/bin/time`), which other jobs on a shared machine disturb less than"
                + " elapsed time; its Δ is paired by round the same way. The agent writes one line in this program,"
                + " the start line.\n\n");
        s.append("| variant | what | to result ms | process CPU ms | peak RSS MiB | main thread allocated MiB | Δ to"
                + " result vs default [95 % interval] (Δ of medians) | Δ CPU vs default [95 % interval] | Δ peak RSS vs"
                + " default |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        s.append("| ").append(DEFAULT).append(" | `logTo=stderr`, `logFormat=text` (the default) | ")
                .append(minMax(StartupSection.field(base, 0))).append(" | ")
                .append(num(Stats.median(StartupSection.field(base, 5)), 0)).append(" | ").append(num(baseRss, 1))
                .append(" | ").append(num(Stats.median(StartupSection.field(base, 4)), 1)).append(" |  |  |  |\n");
        for (StartVariant v : variants) {
            List<StartRun> rs = results.get(v.name());
            double to = Stats.median(StartupSection.field(rs, 0));
            double rss = Stats.median(StartupSection.field(rs, 2));
            List<Double> cpu = new ArrayList<>();
            for (int round = 0; round < rs.size(); round++) {
                cpu.add(rs.get(round).cpuMs() - base.get(round).cpuMs());
            }
            s.append("| ").append(v.name()).append(" | ").append(v.why()).append(" | ")
                    .append(minMax(StartupSection.field(rs, 0))).append(" | ")
                    .append(num(Stats.median(StartupSection.field(rs, 5)), 0)).append(" | ").append(num(rss, 1))
                    .append(" | ").append(num(Stats.median(StartupSection.field(rs, 4)), 1)).append(" | ")
                    .append(StartupSection.pairedDelta(rs, base, to - baseTo)).append(" | ")
                    .append(signed(Stats.median(cpu), 0)).append(" ms")
                    .append(StartupSection.interval(Stats.medianInterval95(cpu))).append(" | ")
                    .append(signed(rss - baseRss, 1)).append(" MiB |\n");
        }
        return s.toString();
    }
}
