package dev.jdbcguard.bench;

import static dev.jdbcguard.bench.Cells.minMax;
import static dev.jdbcguard.bench.Cells.signed;
import static dev.jdbcguard.bench.Children.javaCommand;
import static dev.jdbcguard.bench.Children.progress;
import static dev.jdbcguard.bench.Children.runChild;

import dev.jdbcguard.bench.StartupSection.StartRun;
import dev.jdbcguard.testdb.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Section 4b of docs/PERFORMANCE.md: the same first query from a class-data cache, the way a
 * service that cares about start-up runs: an AppCDS archive on Java 17 and the AOT cache on
 * Java 24+ (Temurin 25 here), each made once without the agent and once with it present, and the
 * agent's delta against the same kind of cache without it. The recipes are the ones
 * docs/STARTUP-CACHES.md gives users.
 */
final class CacheStartupSection {

    static final Path TEMURIN_25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    /**
     * One way to start: which JVM, its options, the class path it adds to the program's, and the
     * variant without the agent its delta is measured against (null: none).
     */
    private record CacheVariant(String name, String java, List<String> jvmArgs, String extraClassPath, String base) {
    }

    private final Bench bench;
    private final String cp;
    private final Path dir;
    private final boolean haveTime;

    /** {@code classes}: the program's class folder, which becomes a jar (the JVM caches classes from jars only). */
    CacheStartupSection(Bench bench, Path classes, String driverJar, Path startupDir, boolean haveTime) throws IOException {
        this.bench = bench;
        this.dir = startupDir.resolve("caches");
        this.haveTime = haveTime;
        Files.createDirectories(dir);
        Path program = dir.resolve("first-query.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(program), new Manifest())) {
            String entry = FirstQuery.class.getName().replace('.', '/') + ".class";
            jar.putNextEntry(new JarEntry(entry));
            Files.copy(classes.resolve(entry), jar);
            jar.closeEntry();
        }
        this.cp = program + ":" + driverJar;
    }

    String report() throws Exception {
        String agent = "-javaagent:" + bench.agentJar;
        // The recipe of docs/STARTUP-CACHES.md: the agent jar on the class path too (its classes
        // then come from the cache) and the weave cache, both in the training run and after it.
        String onClassPath = ":" + bench.agentJar;
        // one weave cache per JVM, as one class-data cache per JVM: it names the JVM it was written on
        String recipe = agent + "=weaveCache=" + dir.resolve("app-17.weaves");
        String recipe25 = agent + "=weaveCache=" + dir.resolve("app-25.weaves");
        // The floor under any weaving agent: the classes jdbc-guard weaves in this program, "changed"
        // into a copy of themselves, nothing parsed (CopyingAgent)
        String copying = "-javaagent:" + Children.copyingAgentJar(dir) + "=com/mysql/cj/jdbc/NonRegisteringDriver;"
                + "com/mysql/cj/jdbc/ConnectionImpl;com/mysql/cj/jdbc/StatementImpl;com/mysql/cj/jdbc/ClientPreparedStatement;"
                + "com/mysql/cj/jdbc/CallableStatement";
        List<CacheVariant> variants = new ArrayList<>();
        // Java 17: a static AppCDS archive from a class list recorded by a training run. A dynamic
        // archive (-XX:ArchiveClassesAtExit) refuses to be made with an agent unless the
        // diagnostic -XX:+AllowArchivingWithJavaAgent is on, which the JVM says is for testing only.
        String base17 = "Java 17, AppCDS made without the agent";
        variants.add(new CacheVariant(base17, Children.JAVA_BIN,
                List.of("-XX:SharedArchiveFile=" + appCds("none", List.of(), "")), "", null));
        variants.add(new CacheVariant("Java 17, AppCDS made with jdbc-guard, **jdbc-guard**", Children.JAVA_BIN,
                List.of("-XX:SharedArchiveFile=" + appCds("agent", List.of(agent), ""), agent), "", base17));
        variants.add(new CacheVariant("Java 17, AppCDS made with jdbc-guard as docs/STARTUP-CACHES.md says, **jdbc-guard**",
                Children.JAVA_BIN, List.of("-XX:SharedArchiveFile=" + appCds("recipe", List.of(recipe), onClassPath), recipe),
                onClassPath, base17));
        variants.add(new CacheVariant("Java 17, AppCDS made with an agent that copies those classes (the floor)",
                Children.JAVA_BIN, List.of("-XX:SharedArchiveFile=" + appCds("copying", List.of(copying), ""), copying), "",
                base17));
        boolean have25 = Files.isExecutable(TEMURIN_25);
        if (have25) {
            String base25 = "Temurin 25, AOT cache made without the agent";
            variants.add(new CacheVariant(base25, TEMURIN_25.toString(),
                    List.of("-XX:AOTCache=" + aotCache("none", List.of(), "")), "", null));
            variants.add(new CacheVariant("Temurin 25, AOT cache made with jdbc-guard, **jdbc-guard**", TEMURIN_25.toString(),
                    List.of("-XX:AOTCache=" + aotCache("agent", List.of(agent), ""), agent), "", base25));
            variants.add(new CacheVariant("Temurin 25, AOT cache made with jdbc-guard as docs/STARTUP-CACHES.md says,"
                    + " **jdbc-guard**", TEMURIN_25.toString(),
                    List.of("-XX:AOTCache=" + aotCache("recipe", List.of(recipe25), onClassPath), recipe25), onClassPath,
                    base25));
            variants.add(new CacheVariant("Temurin 25, AOT cache made with an agent that copies those classes (the floor)",
                    TEMURIN_25.toString(), List.of("-XX:AOTCache=" + aotCache("copying", List.of(copying), ""), copying), "",
                    base25));
            variants.add(new CacheVariant("Temurin 25, no cache", TEMURIN_25.toString(), List.of(), "", null));
            variants.add(new CacheVariant("Temurin 25, no cache, **jdbc-guard**", TEMURIN_25.toString(), List.of(agent), "",
                    "Temurin 25, no cache"));
        }

        int runs = bench.quick ? 2 : 15;
        Map<String, List<StartRun>> results = new LinkedHashMap<>();
        Map<String, String> output = new LinkedHashMap<>();
        for (int round = -1; round < runs; round++) { // round -1 warms the file cache and is dropped
            for (int k = 0; k < variants.size(); k++) {
                CacheVariant v = variants.get(Math.floorMod(k + round, variants.size()));
                StartRun r = StartupSection.timeFirstQuery(v.name(), command(v, List.of()), dir, haveTime, output);
                if (round >= 0) {
                    results.computeIfAbsent(v.name(), x -> new ArrayList<>()).add(r);
                }
            }
            progress("  cache start-up round " + (round + 1) + "/" + runs + " done");
        }

        StringBuilder s = new StringBuilder();
        s.append("\n### 4b. Start-up from a class-data cache\n\n");
        s.append("The same `FirstQuery`, started from a cache made for it, as docs/STARTUP-CACHES.md tells users to"
                + " make one: on Java 17 a static AppCDS archive (`-XX:DumpLoadedClassList` in a training run, then"
                + " `-Xshare:dump`), on Temurin 25 the AOT cache (`-XX:AOTCacheOutput` in a training run). Each cache"
                + " was made three times: without the agent; with `-javaagent` alone in the training run (a cache made"
                + " without the agent is refused when the agent is on: *Mismatched values for property"
                + " jdk.module.addmods*); and as docs/STARTUP-CACHES.md says, with the agent jar on the class path"
                + " too (its classes then come from the cache) and `weaveCache=<file>` (the training run writes what"
                + " the weaving decided, and later starts weave nothing). For the floor under any weaving agent, a"
                + " fourth cache was made with `CopyingAgent`, which sees every class load and hands back a copy of"
                + " the Connector/J classes jdbc-guard weaves here, parsing nothing: the JVM then loads those from"
                + " their jar, as it does jdbc-guard's woven classes. ").append(runs)
                .append(" rounds, the variants interleaved; each *Δ* is the"
                + " median of the rounds' differences to the same JVM and kind of cache without the agent, with its"
                + " 95 % interval.\n\n");
        s.append("| variant | to result ms | peak RSS MiB | Δ to result vs the same without the agent [95 % interval] |\n"
                + "|---|---:|---:|---:|\n");
        for (CacheVariant v : variants) {
            List<StartRun> rs = results.get(v.name());
            String delta = "";
            if (v.base() != null) {
                List<StartRun> base = results.get(v.base());
                List<Double> d = StartupSection.roundDifferences(rs, base);
                double median = Stats.median(d);
                delta = signed(median, 0) + " ms" + StartupSection.interval(Stats.medianInterval95(d));
                if (!v.name().contains("no cache") && v.name().contains("**jdbc-guard**")) {
                    String kind = v.name().startsWith("Java 17") ? "AppCDS (Java 17)" : "AOT cache (Temurin 25)";
                    String how = v.name().contains("STARTUP-CACHES") ? " as docs/STARTUP-CACHES.md says" : " (-javaagent only)";
                    bench.acceptance.add(new String[] {"25.2", "start-up with an " + kind + " made with the agent" + how
                            + ": jdbc-guard adds ≤ 50 ms (goal)", delta, median <= 50 ? "PASS" : "FAIL"});
                }
            }
            s.append("| ").append(v.name()).append(" | ").append(minMax(StartupSection.field(rs, 0)))
                    .append(" | ").append(Cells.num(Stats.median(StartupSection.field(rs, 2)), 1))
                    .append(" | ").append(delta).append(" |\n");
        }
        s.append("\nWhere the classes came from (one more run of each with `-Xlog:class+load`): *from the cache* /"
                + " *loaded* for the program (`FirstQuery`), the driver (`com.mysql.*`) and the agent"
                + " (`dev.jdbcguard.*`, the shaded ASM included).\n\n");
        s.append("| variant | all classes | the program's | the driver's | the agent's |\n|---|---:|---:|---:|---:|\n");
        for (CacheVariant v : variants) {
            Path log = dir.resolve("classload-" + v.name().replaceAll("[^A-Za-z0-9]+", "-") + ".log");
            runChild(command(v, List.of("-Xlog:class+load=info:file=" + log)), dir.resolve("cl.out"),
                    dir.resolve("cl.err"), 120);
            int[] c = ClassSources.count(log);
            s.append("| ").append(v.name()).append(" | ").append(c[1]).append(" / ").append(c[0])
                    .append(" | ").append(c[3]).append(" / ").append(c[2])
                    .append(" | ").append(c[5]).append(" / ").append(c[4])
                    .append(" | ").append(c[7]).append(" / ").append(c[6]).append(" |\n");
        }
        if (!have25) {
            s.append("\nNo Temurin 25 JDK at ").append(TEMURIN_25).append(": the AOT cache rows were not measured.\n");
        }
        return s.toString();
    }

    private List<String> command(CacheVariant v, List<String> extra) {
        List<String> args = new ArrayList<>(v.jvmArgs());
        args.addAll(extra);
        return firstQuery(v.java(), args, v.extraClassPath());
    }

    /** FirstQuery on the given JVM, with {@code extraClassPath} (":..." or "") after the program's. */
    private List<String> firstQuery(String java, List<String> jvmArgs, String extraClassPath) {
        List<String> command = javaCommand(jvmArgs, cp + extraClassPath, FirstQuery.class.getName(), firstQueryArgs());
        command.set(0, java);
        return command;
    }

    private String[] firstQueryArgs() {
        return new String[] {bench.server.url("mysql"), TestServer.USER, TestServer.PASSWORD};
    }

    /** A training run that records the loaded classes, then the static archive made from them. */
    private Path appCds(String name, List<String> training, String extraClassPath) throws Exception {
        Path list = dir.resolve(name + ".classlist");
        Path archive = dir.resolve(name + ".jsa");
        List<String> record = new ArrayList<>(training);
        record.add("-XX:DumpLoadedClassList=" + list);
        runChild(firstQuery(Children.JAVA_BIN, record, extraClassPath), dir.resolve(name + "-train.out"),
                dir.resolve(name + "-train.err"), 120);
        List<String> dump = List.of(Children.JAVA_BIN, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + archive, "-cp", cp + extraClassPath);
        runChild(dump, dir.resolve(name + "-dump.out"), dir.resolve(name + "-dump.err"), 300);
        return archive;
    }

    /** A training run that writes the AOT cache (JDK 25: recording and assembly in one command). */
    private Path aotCache(String name, List<String> training, String extraClassPath) throws Exception {
        Path cache = dir.resolve(name + ".aot");
        Files.deleteIfExists(cache);
        List<String> args = new ArrayList<>(training);
        args.add("-XX:AOTCacheOutput=" + cache);
        runChild(firstQuery(TEMURIN_25.toString(), args, extraClassPath), dir.resolve(name + "-aot.out"),
                dir.resolve(name + "-aot.err"),
                300);
        if (!Files.exists(cache)) {
            throw new IOException("the AOT cache was not written: " + Children.tail(dir.resolve(name + "-aot.err")));
        }
        return cache;
    }
}
