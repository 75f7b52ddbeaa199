package dev.jdbcguard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every pool of the matrix with its default validation, every connection idle past wait_timeout,
 * then all borrowed and used again ({@link Validation}). With the agent: no failure, no warning of
 * the pool or the agent, no eviction, and every stale connection healed. Without it the same run
 * must show the incident (failures or evictions), or the scenario proves nothing.
 */
class PoolValidationTest {

    private static final TestServer SERVER = TestServers.shared();
    private static final String[] CELLS = {"hikari-5.1.0", "hikari-6.3.3", "hikari-7.1.0", "dbcp2-2.14.0", "c3p0-0.9.5.5",
        "tomcat-jdbc-11.0.25"};
    private static final Pattern RESULT = Pattern.compile("validate: RESULT failures=(\\d+) evicted=(\\d+) of (\\d+)");
    /** slf4j-simple's "[main] WARN ..." and java.util.logging's "WARNING: ..." (DBCP2 and c3p0 log through JUL). */
    private static final Pattern WARNING = Pattern.compile("(?m)^(.*\\] WARN .*|WARNING: .*|\\[WARN\\] .*)$");
    private static final Map<String, String> ROWS = new TreeMap<>();

    /** One run's counts. */
    static final class Counts {
        final int failures;
        final int evicted;
        final int used;
        final List<String> warnings = new ArrayList<>();
        final int heals;
        final String output;

        Counts(String output) {
            this.output = output;
            Matcher m = RESULT.matcher(output);
            if (!m.find()) {
                throw new AssertionError("no result line:\n" + output);
            }
            failures = Integer.parseInt(m.group(1));
            evicted = Integer.parseInt(m.group(2));
            used = Integer.parseInt(m.group(3));
            // a pool's warnings about its own configuration (Tomcat's initialSize) come before: not counted
            int idle = output.indexOf("validate: 6 connections used; idling");
            Matcher w = WARNING.matcher(idle < 0 ? output : output.substring(idle));
            while (w.find()) {
                warnings.add(w.group(1));
            }
            heals = count(output, "jdbc-guard - healed connection #");
        }

        @Override
        public String toString() {
            return failures + " failed, " + evicted + " evicted, " + warnings.size() + " warnings, " + heals + " heals";
        }
    }

    @Test
    void everyPoolKeepsItsConnectionsWithTheAgent() throws Exception {
        ExecutorService runs = Executors.newFixedThreadPool(3);
        try {
            Map<String, CompletableFuture<Counts>> with = new TreeMap<>();
            Map<String, CompletableFuture<Counts>> without = new TreeMap<>();
            for (String cell : CELLS) {
                with.put(cell, CompletableFuture.supplyAsync(() -> run(cell, true), runs));
                without.put(cell, CompletableFuture.supplyAsync(() -> run(cell, false), runs));
            }
            for (String cell : CELLS) {
                Counts w = with.get(cell).join();
                Counts wo = without.get(cell).join();
                ROWS.put(cell, "| " + cell + " | " + w + " | " + wo + " |");
                String all = "--- with the agent:\n" + w.output + "\n--- without:\n" + wo.output;
                assertThat(wo.failures + wo.evicted).as("%s without the agent: the idle connections are really dead\n%s", cell, all)
                        .isGreaterThan(0);
                assertThat(w.used).as("%s: every connection answered\n%s", cell, all).isEqualTo(6);
                assertThat(w.failures).as("%s: failures with the agent\n%s", cell, all).isZero();
                assertThat(w.evicted).as("%s: evictions with the agent\n%s", cell, all).isZero();
                assertThat(w.warnings).as("%s: warnings with the agent\n%s", cell, all).isEmpty();
                assertThat(w.heals).as("%s: every stale connection healed in place\n%s", cell, all).isEqualTo(6);
                assertThat(w.output).as("%s: each heal names its true cause\n%s", cell, all)
                        .doesNotContain("the last call failed").containsPattern("idle \\d+\\.\\d s > wait_timeout 2 s");
            }
        } finally {
            runs.shutdown();
        }
    }

    private static Counts run(String cell, boolean agent) {
        Cell c = Cell.all().stream().filter(x -> x.name.equals(cell)).findFirst().orElseThrow(IllegalStateException::new);
        try {
            ChildJvm jvm = ChildJvm.withClasspath(CompatMatrixTest.classpath(c));
            if (agent) {
                jvm.agent(System.getProperty("jdbcguard.agentJar"), null);
            }
            ChildJvm.Result result = jvm.run("dev.jdbcguard.compat.Validation", c.runner.source,
                    c.url(SERVER.host(), SERVER.port(), TestServer.DATABASE), TestServer.USER, TestServer.PASSWORD);
            String outputDir = System.getProperty("jdbcguard.compat.outputDir");
            if (outputDir != null) {
                Path dir = Paths.get(outputDir);
                Files.createDirectories(dir);
                Files.write(dir.resolve("validate-" + cell + (agent ? "" : "-without") + ".txt"),
                        result.output.getBytes(StandardCharsets.UTF_8));
            }
            return new Counts(result.output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @AfterAll
    static void printTable() {
        System.out.println("\n[compat] pool validation after idle past wait_timeout (6 connections each):\n"
                + "| pool (Connector/J 9.7.0) | with the agent | without the agent |\n|---|---|---|\n"
                + ROWS.values().stream().collect(Collectors.joining("\n")));
    }
}
