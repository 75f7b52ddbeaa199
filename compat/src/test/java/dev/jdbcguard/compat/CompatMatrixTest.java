package dev.jdbcguard.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The compatibility matrix. Each cell runs its scenario program in child JVMs whose class path is
 * the compat classes plus exactly the jars of target/matrix/&lt;cell&gt;: with the agent (idle, kill,
 * tx, threads, and leak for raw drivers), with heldTooLong=1s (leak, for pools and frameworks), and
 * without the agent (idle and kill must fail there, which proves each incident is real). Every
 * scenario is checked against what the agent promises for that driver; the outcome is one entry of
 * the table this class writes (-Djdbcguard.compat.table) and prints.
 * <p>-Djdbcguard.compat.cells=ci (default: the CI cells), all (./matrix.sh), or cell names.
 */
class CompatMatrixTest {

    static final String[] SCENARIOS = {"idle", "kill", "tx", "threads", "leak"};

    private static final TestServer SERVER = TestServers.shared();
    private static final Map<String, Map<String, Outcome>> RESULTS = Collections.synchronizedMap(new LinkedHashMap<>());
    private static final String WHICH = System.getProperty("jdbcguard.compat.cells", "ci");

    /** One scenario's entry: the table text and whether it is what the cell promises. */
    static final class Outcome {
        final boolean asExpected;
        final String text;

        Outcome(boolean asExpected, String text) {
            this.asExpected = asExpected;
            this.text = text;
        }
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        return Cell.selected(WHICH).stream().map(cell -> DynamicTest.dynamicTest(cell.name, () -> run(cell)));
    }

    private void run(Cell cell) throws Exception {
        String javaHome = cell.java == 17 ? System.getProperty("java.home") : System.getProperty("jdbcguard.compat.java25");
        if (!Files.isExecutable(Paths.get(javaHome, "bin", "java"))) {
            Map<String, Outcome> skipped = new LinkedHashMap<>();
            skipped.put("note", new Outcome(true, "not verified: no JDK at " + javaHome));
            RESULTS.put(cell.name, skipped);
            assumeTrue(false, "no JDK at " + javaHome);
        }
        String classpath = classpath(cell);
        String url = cell.url(SERVER.host(), SERVER.port(), TestServer.DATABASE);
        long start = System.nanoTime();

        boolean parallelBaseline = !cell.runner.framework(); // framework cells KILL every session of the user
        CompletableFuture<ChildJvm.Result> baseline = parallelBaseline
                ? CompletableFuture.supplyAsync(() -> child(cell, classpath, javaHome, null, url, "idle,kill"))
                : null;
        ChildJvm.Result with = child(cell, classpath, javaHome, "", url, cell.mainScenarios());
        ChildJvm.Result without = parallelBaseline ? baseline.join() : child(cell, classpath, javaHome, null, url, "idle,kill");
        ChildJvm.Result held = cell.runner.pooled() ? child(cell, classpath, javaHome, "heldTooLong=1s", url, "held") : null;

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        outcomes.put("idle", expectStale(cell, with.output, "idle"));
        outcomes.put("kill", expectStale(cell, with.output, "kill"));
        outcomes.put("tx", expectTransaction(cell, with.output));
        outcomes.put("threads", expectThreads(cell, with.output));
        outcomes.put("leak", held == null ? expectGcLeak(with.output) : expectHeld(cell, held.output));
        outcomes.put("without", expectBaseline(without.output));
        outcomes.put("time", new Outcome(true, (System.nanoTime() - start) / 1_000_000_000 + " s"));
        RESULTS.put(cell.name, outcomes);

        String all = "--- with the agent (exit " + with.exitCode + "):\n" + with.output
                + "\n--- without the agent (exit " + without.exitCode + "):\n" + without.output
                + (held == null ? "" : "\n--- heldTooLong=1s (exit " + held.exitCode + "):\n" + held.output);
        String outputDir = System.getProperty("jdbcguard.compat.outputDir");
        if (outputDir != null) {
            Files.createDirectories(Paths.get(outputDir));
            Files.write(Paths.get(outputDir, cell.name + ".txt"), all.getBytes(StandardCharsets.UTF_8));
        }
        System.out.println("[compat] " + cell.name + " (" + outcomes.get("time").text + "): "
                + outcomes.entrySet().stream().filter(e -> !e.getKey().equals("time"))
                        .map(e -> e.getKey() + "=" + (e.getValue().asExpected ? "" : "UNEXPECTED ") + e.getValue().text)
                        .collect(Collectors.joining("; ")));
        for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
            assertThat(e.getValue().asExpected).as("%s %s: %s\n%s", cell.name, e.getKey(), e.getValue().text, all).isTrue();
        }
        assertThat(with.output).as("every scenario ran to its end:\n%s", all).contains("scenarios done");
    }

    private static ChildJvm.Result child(Cell cell, String classpath, String javaHome, String agentArgs, String url,
                                         String scenarios) {
        List<String> args = new ArrayList<>();
        if (!cell.runner.framework()) {
            args.add(cell.runner.source);
        }
        args.addAll(Arrays.asList(url, TestServer.USER, TestServer.PASSWORD, scenarios));
        ChildJvm jvm = ChildJvm.withClasspath(classpath).javaHome(javaHome);
        if (agentArgs != null) {
            jvm.agent(System.getProperty("jdbcguard.agentJar"), agentArgs.isEmpty() ? null : agentArgs);
        }
        try {
            return jvm.run(cell.runner.mainClass, args.toArray(new String[0]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String classpath(Cell cell) throws IOException {
        Path dir = Paths.get(System.getProperty("jdbcguard.compat.matrixDir"), cell.dir);
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("jdbcguard.compat.classes"));
        try (Stream<Path> jars = Files.list(dir)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
        }
        assertThat(entries).as("jars of %s", dir).hasSizeGreaterThan(1);
        return String.join(File.pathSeparator, entries);
    }

    // ---- what each scenario must show

    private static String line(String output, String scenario) {
        Matcher m = Pattern.compile("(?m)^" + scenario + ": (OK|FAILED) .*$").matcher(output);
        return m.find() ? m.group() : null;
    }

    /** (a) and (b): healed (OK, and the agent's "healed" line), or for detect-only drivers the 08003 before use. */
    static Outcome expectStale(Cell cell, String output, String scenario) {
        String line = line(output, scenario);
        if (line == null) {
            return new Outcome(false, "no result line for " + scenario);
        }
        String why = scenario.equals("idle") ? "idle \\d+\\.\\d s > wait_timeout 2 s" : "ping failed after idle \\d+\\.\\d s";
        if (cell.driver.heals) {
            boolean healed = line.startsWith(scenario + ": OK ")
                    && Pattern.compile("jdbc-guard - healed connection #\\d+ \\(server thread \\d+ -> \\d+\\) on thread"
                            + " (scenario-" + scenario + "|main): " + why).matcher(output).find();
            return new Outcome(healed, healed ? "healed" : "FAILED: " + line);
        }
        boolean detected = Pattern.compile("^" + scenario + ": FAILED java\\.sql\\.SQLRecoverableException \\[08003\\]:"
                + " jdbc-guard: connection #\\d+( \\(server thread \\d+\\))? is dead \\(" + why + "\\); this driver cannot be reconnected in place\\."
                + " Close it and open a new one\\.").matcher(line).find();
        return new Outcome(detected, detected ? "detected only: 08003 before the statement is sent" : "FAILED: " + line);
    }

    /** (c): the lost transaction fails with jdbc-guard's 40000 and commits nothing. */
    static Outcome expectTransaction(Cell cell, String output) {
        String line = line(output, "tx");
        if (line == null) {
            return new Outcome(false, "no result line for tx");
        }
        if (cell.driver.heals) {
            if (!line.startsWith("tx: OK ")) {
                return new Outcome(false, "FAILED: " + line);
            }
            Matcher wrapped = Pattern.compile("the transaction got ([\\w.]+) caused by java\\.sql\\.SQLTransactionRollbackException")
                    .matcher(line);
            String as = wrapped.find() ? " (as " + wrapped.group(1).substring(wrapped.group(1).lastIndexOf('.') + 1) + ")" : "";
            return new Outcome(true, "clean error 40000" + as + ", 0 rows");
        }
        boolean clean = Pattern.compile("^tx: FAILED second INSERT got java\\.sql\\.SQLTransactionRollbackException \\[40000\\]:"
                + " jdbc-guard: connection #\\d+( \\(server thread \\d+\\))? was lost inside a transaction .*; rollback\\(\\) failed:"
                + " java\\.sql\\.SQLRecoverableException \\[08003\\]: .*cannot be reconnected in place.*; rows committed: 0;")
                .matcher(line).find();
        return new Outcome(clean, clean ? "clean error 40000, 0 rows; then 08003: replace the connection" : "FAILED: " + line);
    }

    /**
     * (d): the agent's report names both threads. Plain JDBC comes through (the driver serializes the
     * two calls); a framework's session shared by two threads may itself break while both process
     * their results (Hibernate: "Illegal pop() with non-matching JdbcValuesSourceProcessingState"),
     * depending on timing: that is the misuse the warning is about, and the agent only warns.
     */
    static Outcome expectThreads(Cell cell, String output) {
        String line = line(output, "threads");
        boolean reported = output.contains("used by two threads at once: thread \"compat-B\" entered it while thread"
                + " \"compat-A\" was inside");
        boolean ran = line != null && line.startsWith("threads: OK ");
        boolean sessionBroke = cell.runner.framework() && line != null && line.startsWith("threads: FAILED ")
                && line.contains("IllegalStateException");
        if (reported && sessionBroke) {
            return new Outcome(true, "reported (the shared session itself broke: " + line.substring(line.indexOf("at once: ") + 9) + ")");
        }
        return new Outcome(reported && ran, reported && ran ? "reported" : "FAILED: " + (reported ? line : "no report; " + line));
    }

    /** (e) without a pool: the five dropped connections reported after a GC, with their creation site. */
    static Outcome expectGcLeak(String output) {
        Matcher m = Pattern.compile("\\[WARN] jdbc-guard - (\\d+) connection\\(s\\) garbage-collected without close\\(\\)"
                + " \\(leaked\\), opened at dev\\.jdbcguard\\.compat\\.Scenarios\\.leakFive\\(Scenarios\\.java:\\d+\\)").matcher(output);
        int reported = 0;
        while (m.find()) {
            reported += Integer.parseInt(m.group(1));
        }
        return new Outcome(reported == 5, reported == 5 ? "reported (GC)" : "FAILED: " + reported + " of 5 leaks reported");
    }

    /** (e) with a pool: a borrowed connection never returned, reported by heldTooLong=1s with where it was taken. */
    static Outcome expectHeld(Cell cell, String output) {
        String line = line(output, "held");
        boolean reported = Pattern.compile("jdbc-guard - connection #\\d+ \\(server thread \\d+\\) checked out of "
                + Pattern.quote(cell.runner.poolName) + " #\\d+ by thread \"main\" \\d+\\.\\d s ago and not returned"
                + " \\(heldTooLong=1\\.0 s\\); taken at dev\\.jdbcguard\\.compat\\.").matcher(output).find();
        return new Outcome(reported, reported ? "reported (heldTooLong)" : "FAILED: no heldTooLong report; " + line);
    }

    /** Without the agent, (a) and (b) must fail: the incidents are real. */
    static Outcome expectBaseline(String output) {
        String idle = line(output, "idle");
        String kill = line(output, "kill");
        boolean failed = idle != null && idle.startsWith("idle: FAILED ") && kill != null && kill.startsWith("kill: FAILED ");
        if (!failed) {
            return new Outcome(false, "the incident did not happen without the agent: " + idle + " / " + kill);
        }
        Matcher m = Pattern.compile("^idle: FAILED ([\\w.$]+) \\[([^\\]]*)]").matcher(idle);
        String what = m.find() ? m.group(1).substring(m.group(1).lastIndexOf('.') + 1)
                + (m.group(2).equals("null") ? "" : " " + m.group(2)) : idle;
        Matcher thrownAs = Pattern.compile("\\(thrown as ([\\w.$]+)\\)").matcher(idle);
        if (thrownAs.find()) {
            what += " in " + thrownAs.group(1).substring(thrownAs.group(1).lastIndexOf('.') + 1);
        }
        return new Outcome(true, "both fail (" + what + ")");
    }

    // ---- the table

    @AfterAll
    static void writeTable() throws IOException {
        String table = table();
        System.out.println("\n[compat] ===== result table (" + WHICH + ") =====\n" + table + "[compat] ===== end of table =====");
        String file = System.getProperty("jdbcguard.compat.table");
        if (file != null) {
            Files.createDirectories(Paths.get(file).getParent());
            Files.write(Paths.get(file), table.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String table() {
        StringBuilder out = new StringBuilder();
        out.append("Server: ").append(SERVER.description().replaceAll(" on 127\\.0\\.0\\.1:\\d+", ""))
                .append(". Cells run: ").append(WHICH.equals("all") ? "all" : WHICH.equals("ci") ? "the CI subset" : WHICH)
                .append(" (").append(RESULTS.size()).append(" of ").append(Cell.all().size()).append(").\n\n");
        out.append("| cell | driver | pool / framework | JVM | (a) idle past wait_timeout | (b) killed while idle"
                + " | (c) transaction across the stale period | (d) two threads, one connection | (e) leak"
                + " | (a) and (b) without the agent | status |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Cell cell : Cell.all()) {
            Map<String, Outcome> r = RESULTS.get(cell.name);
            if (r == null) {
                continue;
            }
            out.append("| ").append(cell.name).append(" | ").append(cell.driverLabel).append(" | ").append(cell.stackLabel)
                    .append(" | Java ").append(cell.java == 17 ? "17" : "25 (Temurin)").append(" | ");
            if (r.containsKey("note")) {
                out.append(r.get("note").text).append(" | | | | | | not verified |\n");
                continue;
            }
            boolean allExpected = true;
            boolean notWorking = false;
            for (String s : new String[] {"idle", "kill", "tx", "threads", "leak", "without"}) {
                Outcome o = r.get(s);
                allExpected &= o.asExpected;
                notWorking |= o.text.startsWith("not working");
                out.append(o.asExpected ? "" : "**UNEXPECTED** ").append(o.text.replace("|", "/")).append(" | ");
            }
            String limit = notWorking ? " (the limit stated is verified too)"
                    : cell.driver.heals ? "" : " (detection only: this driver is not healed)";
            out.append(allExpected ? "verified by CompatMatrixTest[" + cell.name + "]" + limit
                    : "**FAILED** CompatMatrixTest[" + cell.name + "]").append(" |\n");
        }
        out.append("\nNot run here (never claimed):\n\n");
        out.append("| what | status |\n|---|---|\n");
        boolean debianMariadb = onPath("mariadbd");
        out.append("| Debian MariaDB 10.11 server (`mariadbd` on the PATH) | ")
                .append(debianMariadb ? "a `mariadbd` is on the PATH: the server line above says which server ran"
                        : "not verified: no `mariadbd` on the PATH of this machine (the fixture would prefer it)").append(" |\n");
        out.append("| MySQL 8.4 and 9.x servers (Testcontainers) | not verified: no Docker engine on this machine |\n");
        out.append("| Java 8 and 11 (the agent's bytecode targets 8) | not verified: no such JDK installed; the scenario"
                + " programs need 17 |\n");
        out.append("| Connector/J 8.0.x before 8.0.33, 8.1-8.3, 9.0-9.6, MariaDB Connector/J 3.0-3.4 | not verified (not in the matrix) |\n");
        return out.toString();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Paths.get(d, program)));
    }
}
