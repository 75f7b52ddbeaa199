package dev.jdbcguard.bench;

import static dev.jdbcguard.bench.Cells.range;
import static dev.jdbcguard.bench.Children.javaCommand;
import static dev.jdbcguard.bench.Children.progress;
import static dev.jdbcguard.bench.Children.runChild;

import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 5 of docs/PERFORMANCE.md: the first statement after a stale period, healed by the agent
 * or retried by hand ({@link HealingCost}).
 */
final class HealingSection {

    private final Bench bench;
    private final boolean quick;
    private final Path work;
    private final LocalMariaDb server;
    private final Path agentJar;
    private final List<String[]> acceptance;

    HealingSection(Bench bench) {
        this.bench = bench;
        this.quick = bench.quick;
        this.work = bench.work;
        this.server = bench.server;
        this.agentJar = bench.agentJar;
        this.acceptance = bench.acceptance;
    }

    String report() throws Exception {
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
                        driver, server.url(driver), TestServer.USER, TestServer.PASSWORD, bench.adminUrl(), mode,
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
}
