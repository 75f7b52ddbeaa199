package dev.jdbcguard.bench;

import static dev.jdbcguard.bench.Cells.kib;
import static dev.jdbcguard.bench.Cells.num;
import static dev.jdbcguard.bench.Cells.signed;
import static dev.jdbcguard.bench.Children.javaCommand;
import static dev.jdbcguard.bench.Children.progress;
import static dev.jdbcguard.bench.Children.runChild;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 6 of docs/PERFORMANCE.md: heap per tracked connection, after churn, and over many
 * statements ({@link MemoryProbe}).
 */
final class MemorySection {

    private final boolean quick;
    private final Path work;
    private final Variant none;
    private final Variant guard;
    private final Variant otel;
    private final List<String[]> acceptance;

    MemorySection(Bench bench) {
        this.quick = bench.quick;
        this.work = bench.work;
        this.none = bench.none;
        this.guard = bench.guard;
        this.otel = bench.otel;
        this.acceptance = bench.acceptance;
    }

    String report() throws Exception {
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
}
