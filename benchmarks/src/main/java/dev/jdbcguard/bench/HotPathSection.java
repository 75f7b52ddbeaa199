package dev.jdbcguard.bench;

import static dev.jdbcguard.bench.Cells.num;
import static dev.jdbcguard.bench.Cells.pm;
import static dev.jdbcguard.bench.Cells.signed;

import dev.jdbcguard.bench.Jmh.Agg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Section 1 of docs/PERFORMANCE.md: the agent's own cost per JDBC call on the in-memory driver (JMH). */
final class HotPathSection {

    private final Jmh jmh;
    private final Variant none;
    private final Variant guard;
    private final Variant otel;
    private final List<String[]> acceptance;

    HotPathSection(Bench bench) {
        this.jmh = new Jmh(bench);
        this.none = bench.none;
        this.guard = bench.guard;
        this.otel = bench.otel;
        this.acceptance = bench.acceptance;
    }

    String report() throws Exception {
        Map<String, Map<String, Agg>> results = new LinkedHashMap<>();
        for (Variant v : List.of(none, guard, otel)) {
            Jmh.collect(results, v.name(), jmh.run("HotPathBench", v, List.of(), "hotpath-" + v.name()));
        }
        StringBuilder s = new StringBuilder();
        s.append("\n## 1. Hot path on an in-memory driver (JMH)\n\n");
        s.append("`HotPathBench`: JDBC calls on `fakedb.FakeDriver`, a driver in the benchmarks module whose calls do a"
                + " few field writes and allocate nothing (`prepareStatement` allocates its statement object in every"
                + " variant). What a variant adds is the agent's own cost per call. The connection is opened through"
                + " `Driver.connect(String, Properties)`; in the jdbc-guard forks the benchmark's set-up checks that the"
                + " agent's JMX bean lists exactly that one connection. Average time per op, ± JMH error (99.9 %);"
                + " bytes per op from `-prof gc` (`gc.alloc.rate.norm`). " + jmh.settings() + "\n\n");
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
        Jmh.collect(results, "none", jmh.run("PrimitivesBench", none, List.of(), "primitives"));
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

}
