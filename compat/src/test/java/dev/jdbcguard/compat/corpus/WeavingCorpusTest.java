package dev.jdbcguard.compat.corpus;

import dev.jdbcguard.apps.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, the weaving corpus: every Driver, Connection, Statement, PreparedStatement and
 * CallableStatement implementation of some twenty real JDBC jars (other databases' drivers,
 * wrappers, the pools, old and new class-file versions) and of the odd generated classes of
 * {@link OddJdbcClasses} is loaded in a child JVM with the agent ({@code log=debug}) and
 * {@code -Xverify:all}, and linked, which verifies it. The same child runs without the agent:
 * a class that fails there too (a missing optional dependency) is not the agent's doing; every
 * other failure is. The generated classes' woven methods are then called, and must return and
 * record what they do without the agent. On JDK 17 and, where it is installed, on JDK 25.
 *
 * <p>Prints a summary per JDK and per entry, and writes the details (every failure and every
 * class the agent gave up on) to {@code -Djdbcguard.corpus.report}.
 */
class WeavingCorpusTest {

    private static final String GENERATED = "generated";
    /** Classes the agent weaves by name that implement none of the interfaces: the pools' entry points. */
    private static final String[] ALSO = {
        "hikaricp-7.0.2:com.zaxxer.hikari.pool.PoolBase",
        "commons-dbcp2-2.12.0:org.apache.commons.dbcp2.PoolableConnectionFactory",
        "c3p0-0.9.5.5:com.mchange.v2.c3p0.WrapperConnectionPoolDataSource",
        "tomcat-jdbc-11.0.25:org.apache.tomcat.jdbc.pool.ConnectionPool",
    };

    private final Path corpus = Paths.get(System.getProperty("jdbcguard.corpus.dir"));
    private final List<String> report = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    @Test
    void everyJdbcClassOfRealDriversAndOfOddBytecodeStillVerifiesAndComputesTheSameWhenWoven() throws Exception {
        long start = System.nanoTime();
        OddJdbcClasses odd = OddJdbcClasses.build();
        writeJar(corpus.resolve(GENERATED).resolve("oddjdbc.jar"), odd.classes());
        Map<String, String> jdks = new LinkedHashMap<>();
        jdks.put("JDK " + Runtime.version().feature(), System.getProperty("java.home"));
        String java25 = System.getProperty("jdbcguard.compat.java25");
        if (java25 != null && Files.isExecutable(Paths.get(java25, "bin", "java"))) {
            jdks.put("JDK 25", java25);
        } else {
            report.add("[corpus] not run on JDK 25: no JDK at " + java25);
        }
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, String> jdk : jdks.entrySet()) {
            long jdkStart = System.nanoTime();
            CompletableFuture<CorpusRun> baseline = CompletableFuture.supplyAsync(() -> scan(jdk.getValue(), false));
            CorpusRun with = scan(jdk.getValue(), true);
            CorpusRun without = baseline.join();
            check(jdk.getKey(), with, without, odd, soft);
            report.add("[corpus] " + jdk.getKey() + ": both runs took " + (System.nanoTime() - jdkStart) / 1_000_000 + " ms");
        }
        report.add("[corpus] " + (System.nanoTime() - start) / 1_000_000 + " ms in all");
        report.forEach(System.out::println);
        List<String> file = new ArrayList<>(report);
        file.add("");
        file.addAll(details);
        Files.write(Paths.get(System.getProperty("jdbcguard.corpus.report")), file, StandardCharsets.UTF_8);
        soft.assertAll();
    }

    private CorpusRun scan(String javaHome, boolean agent) {
        List<String> args = new ArrayList<>();
        args.add(corpus.toString());
        args.add("--canary");
        args.add(GENERATED + ":" + OddJdbcClasses.CANARY.replace('/', '.'));
        for (String also : ALSO) {
            args.add("--also");
            args.add(also);
        }
        ChildJvm jvm = ChildJvm.withClasspath(System.getProperty("jdbcguard.compat.classes"))
                .javaHome(javaHome).jvmOption("-Xverify:all");
        if (agent) {
            jvm.agent(System.getProperty("jdbcguard.agentJar"), "log=debug");
        }
        try {
            ChildJvm.Result result = jvm.run(CorpusScan.class.getName(), args.toArray(new String[0]));
            return new CorpusRun(result.exitCode, result.output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void check(String jdk, CorpusRun with, CorpusRun without, OddJdbcClasses odd, SoftAssertions soft) {
        String tail = "\n--- with the agent (exit " + with.exitCode + "), last lines:\n" + last(with.output)
                + "\n--- without (exit " + without.exitCode + "), last lines:\n" + last(without.output);
        soft.assertThat(with.finished && without.finished).as("%s: both children scanned to the end%s", jdk, tail).isTrue();
        // the harness itself: loading does not verify, linking does
        for (CorpusRun run : List.of(with, without)) {
            soft.assertThat(run.canary).as("%s: the canary is loaded, then fails to link%s", jdk, tail)
                    .isNotNull().contains(" loaded=ok linked=java.lang.VerifyError");
        }

        List<CorpusRun.ClassLine> verifyErrors = new ArrayList<>();
        List<CorpusRun.ClassLine> agentCaused = new ArrayList<>();
        int linked = 0;
        int failAlike = 0;
        for (CorpusRun.ClassLine c : with.classes.values()) {
            CorpusRun.ClassLine base = without.classes.get(c.key());
            if (c.verifyError()) {
                verifyErrors.add(c);
            }
            if (!c.failed()) {
                linked++;
            } else if (base != null && base.outcome.equals(c.outcome)) {
                failAlike++;
            } else {
                agentCaused.add(c);
            }
        }
        int gaveUp = 0;
        for (List<String> lines : with.gaveUp.values()) {
            gaveUp += lines.size();
        }
        report.add(String.format("[corpus] %s, -Xverify:all: %d entries, %d JDBC classes; with the agent %d linked, %d woven,"
                        + " %d given up; %d fail alike without the agent; %d VerifyError, %d failures the agent caused",
                jdk, with.entries.size(), with.classes.size(), linked, with.wovenCount(), gaveUp, failAlike,
                verifyErrors.size(), agentCaused.size()));
        for (String entry : with.entries) {
            entryLine(jdk, entry, with, without);
        }
        for (CorpusRun.ClassLine c : agentCaused) {
            CorpusRun.ClassLine base = without.classes.get(c.key());
            report.add("[corpus] " + jdk + " agent-caused: " + c.entry + " " + c.name + " (" + c.version + ") " + c.outcome
                    + " -- without the agent: " + (base == null ? "not scanned" : base.outcome));
        }

        // the generated classes: every one woven, every call as without the agent
        Set<String> notWoven = new TreeSet<>(odd.expectedWoven());
        notWoven.removeAll(with.wovenIn(GENERATED));
        soft.assertThat(notWoven).as("%s: generated classes the agent did not weave (given up: %s)", jdk,
                with.gaveUp.get(GENERATED)).isEmpty();
        soft.assertThat(without.calls).as("%s: the generated classes compute what they were written to, without the agent%s",
                jdk, tail).containsAll(odd.expectedCalls());
        // a class that did not link with the agent is not called there: its VerifyError is reported above
        Map<String, String> withCalls = byCall(with.calls);
        List<String> differing = new ArrayList<>();
        int notMade = 0;
        for (Map.Entry<String, String> call : byCall(without.calls).entrySet()) {
            String w = withCalls.get(call.getKey());
            if (w == null) {
                notMade++;
            } else if (!w.equals(call.getValue())) {
                differing.add(call.getKey() + " = " + w + "   -- without the agent: " + call.getValue());
            }
        }
        report.add(String.format("[corpus] %s: %d calls of the generated classes' methods without the agent; with it %d"
                        + " gave the same result and state, %d differ, %d not made (the class did not link)",
                jdk, without.calls.size(), without.calls.size() - differing.size() - notMade, differing.size(), notMade));
        differing.forEach(d -> report.add("[corpus] " + jdk + " call differs: " + d));

        soft.assertThat(verifyErrors).as("%s: VerifyErrors with the agent", jdk)
                .extracting(c -> c.entry + " " + c.name + ": " + c.outcome).isEmpty();
        soft.assertThat(agentCaused).as("%s: failures with the agent that do not happen without it", jdk)
                .extracting(c -> c.entry + " " + c.name + ": " + c.outcome).isEmpty();
        soft.assertThat(differing).as("%s: calls of woven methods that differ from the run without the agent", jdk).isEmpty();
        soft.assertThat(with.classes.size()).as("%s: JDBC classes found", jdk).isGreaterThan(250);
    }

    private void entryLine(String jdk, String entry, CorpusRun with, CorpusRun without) {
        List<CorpusRun.ClassLine> classes = with.classesOf(entry);
        int linked = 0;
        int verify = 0;
        int agentCaused = 0;
        Map<String, Integer> versions = new TreeMap<>();
        Map<String, Integer> alikeCauses = new TreeMap<>();
        for (CorpusRun.ClassLine c : classes) {
            versions.merge(c.version, 1, Integer::sum);
            CorpusRun.ClassLine base = without.classes.get(c.key());
            if (!c.failed()) {
                linked++;
            } else if (base != null && base.outcome.equals(c.outcome)) {
                alikeCauses.merge(c.cause(), 1, Integer::sum);
            } else {
                agentCaused++;
            }
            if (c.verifyError()) {
                verify++;
            }
        }
        int alike = alikeCauses.values().stream().mapToInt(Integer::intValue).sum();
        List<String> gaveUp = with.gaveUp.getOrDefault(entry, List.of());
        report.add(String.format("[corpus]   %-28s %5d classes %5d linked %5d woven %3d given up %4d fail alike"
                        + " %3d VerifyError %3d agent-caused  (class files %s)", entry, classes.size(), linked,
                with.wovenIn(entry).size(), gaveUp.size(), alike, verify, agentCaused, versions));
        alikeCauses.forEach((cause, n) -> details.add(jdk + " " + entry + ": " + n + " fail alike: " + cause));
        gaveUp.forEach(g -> details.add(jdk + " " + entry + ": given up: " + g));
        for (CorpusRun.ClassLine c : classes) {
            details.add(jdk + " " + entry + ": " + c.name + " " + c.version + " " + c.roles + " " + c.outcome
                    + (with.wovenIn(entry).contains(c.name) ? " (woven)" : ""));
        }
    }

    /** "call X.m(args)" to what follows its " = ". */
    private static Map<String, String> byCall(List<String> calls) {
        Map<String, String> by = new LinkedHashMap<>();
        for (String call : calls) {
            int at = call.indexOf(" = ");
            by.put(call.substring(0, at), call.substring(at + 3));
        }
        return by;
    }

    private static String last(String output) {
        String[] lines = output.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, lines.length - 15); i < lines.length; i++) {
            out.append(lines[i]).append('\n');
        }
        return out.toString();
    }

    private static void writeJar(Path jar, Map<String, byte[]> classes) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey() + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
        }
    }
}
