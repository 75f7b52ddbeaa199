package dev.jdbcguard.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.IdleWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start-up recipe of docs/STARTUP-CACHES.md, run as a user would: the weave cache serves the
 * second start (no ASM class loads, the worker still heals), a damaged cache is set aside, and
 * with the agent jar on the class path too the agent's classes come from the JVM's own cache
 * (AppCDS on 17, the AOT cache on 25) while the bridge stays the boot loader's only copy.
 */
class StartupCacheTest {

    private static final String TEMURIN_25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final String ASM = "dev.jdbcguard.shaded.bytebuddy.jar.asm.";

    private final TestServer server = TestServers.shared();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void theSecondStartWeavesNothingAndStillHeals(String driver) throws Exception {
        Path cache = dir.resolve("app.weaves");
        ChildJvm.Result first = worker(Apps.withAgent("weaveCache=" + cache), driver);
        assertHealed(first);
        assertThat(first.output).contains("the weave cache " + cache + " was written: ").contains(ASM + "ClassReader source:");

        ChildJvm.Result second = worker(Apps.withAgent("weaveCache=" + cache), driver);
        assertHealed(second);
        assertThat(second.output).as("nothing woven, nothing new to write")
                .doesNotContain(ASM).doesNotContain("dev.jdbcguard.instrument.ClassWeaver ")
                .doesNotContain("was written").doesNotContain("out of date");
    }

    @Test
    void aDamagedCacheIsSetAsideAndTheProgramRunsAsWithout() throws Exception {
        Path cache = dir.resolve("app.weaves");
        Files.write(cache, "jdbc-guard? no: garbage".getBytes(StandardCharsets.UTF_8));
        ChildJvm.Result damaged = worker(Apps.withAgent("weaveCache=" + cache), "mysql");
        assertHealed(damaged);
        assertThat(damaged.output).contains("[WARN] jdbc-guard - the weave cache " + cache + " could not be read")
                .contains("the weave cache " + cache + " was written: ");

        ChildJvm.Result after = worker(Apps.withAgent("weaveCache=" + cache), "mysql");
        assertHealed(after);
        assertThat(after.output).doesNotContain(ASM).doesNotContain("could not be read");
    }

    @ParameterizedTest(name = "Java {0}")
    @CsvSource({"17", "25"})
    void withTheJarOnTheClassPathTheAgentsClassesComeFromTheJvmsCache(int java) throws Exception {
        String home = java == 25 ? TEMURIN_25 : System.getProperty("java.home");
        assumeTrue(Files.isExecutable(Paths.get(home, "bin", "java")), "no Temurin 25 JDK at " + TEMURIN_25);
        String classPath = jarClassPath() + File.pathSeparator + Apps.agentJar();
        String agent = "weaveCache=" + dir.resolve("app.weaves");
        String cacheOption;
        if (java == 25) {
            Path aot = dir.resolve("app.aot");
            ChildJvm.Result training = worker(ChildJvm.withClasspath(classPath).javaHome(home).agent(Apps.agentJar(), agent)
                    .jvmOption("-XX:AOTCacheOutput=" + aot), "mysql");
            assertHealed(training);
            assertThat(aot).as(training.output).exists();
            cacheOption = "-XX:AOTCache=" + aot;
        } else {
            Path list = dir.resolve("app.classlist");
            Path jsa = dir.resolve("app.jsa");
            assertHealed(worker(ChildJvm.withClasspath(classPath).javaHome(home).agent(Apps.agentJar(), agent)
                    .jvmOption("-XX:DumpLoadedClassList=" + list), "mysql"));
            String dump = dump(home, classPath, list, jsa);
            assertThat(jsa).as(dump).exists();
            cacheOption = "-XX:SharedArchiveFile=" + jsa;
        }

        ChildJvm.Result run = worker(ChildJvm.withClasspath(classPath).javaHome(home).agent(Apps.agentJar(), agent)
                .jvmOption(cacheOption).jvmOption(java == 25 ? "-Xlog:aot=warning" : "-Xlog:cds=warning"), "mysql");
        assertHealed(run);
        assertThat(run.output).doesNotContain("Sharing is only supported").doesNotContain("[error]")
                .doesNotContain("Unable to map shared spaces").doesNotContain("Mismatched values")
                .contains("dev.jdbcguard.bootstrap.Bridge source: __JVM_DefineClass__")
                .doesNotContain("dev.jdbcguard.bootstrap.Bridge source: shared").doesNotContain("asm.ClassReader source: file:");
        int fromCache = count(run.output, "dev\\.jdbcguard\\.\\S+ source: shared objects file");
        int fromJar = count(run.output, "dev\\.jdbcguard\\.\\S+ source: file:");
        assertThat(fromCache).as(run.output).isGreaterThan(60);
        assertThat(fromJar).as("only the class that extends the boot-only Hooks").isLessThanOrEqualTo(2);
    }

    private ChildJvm.Result worker(ChildJvm jvm, String driver) throws IOException, InterruptedException {
        return jvm.jvmOption("-Xlog:class+load=info").timeout(180)
                .run(IdleWorker.class, server.url(driver), TestServer.USER, TestServer.PASSWORD,
                        "waitTimeout=1", "idle=3", "jobs=2");
    }

    private static void assertHealed(ChildJvm.Result run) {
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("healed connection #1").contains("job 2: done on server thread")
                .contains("(2 rows so far)");
    }

    /** The test apps' classes as a jar: the JVM caches classes from jars only. */
    private String jarClassPath() throws IOException {
        Path classes = Paths.get(System.getProperty("jdbcguard.appClasses"));
        Path jar = dir.resolve("test-apps.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest());
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        String deps = new String(Files.readAllBytes(Paths.get(System.getProperty("jdbcguard.appClasspath"))),
                StandardCharsets.UTF_8).trim();
        List<String> entries = new ArrayList<>();
        entries.add(jar.toString());
        for (String dep : deps.split(File.pathSeparator)) {
            if (dep.endsWith(".jar")) {
                entries.add(dep);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** A static AppCDS archive from the training run's class list (no agent: a dump runs no program). */
    private static String dump(String home, String classPath, Path list, Path jsa) throws Exception {
        Process p = new ProcessBuilder(Paths.get(home, "bin", "java").toString(), "-Xshare:dump",
                "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + jsa, "-cp", classPath)
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
