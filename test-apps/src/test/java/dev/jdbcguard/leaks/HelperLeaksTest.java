package dev.jdbcguard.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.HelperLeaks;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A program that opens every connection through one helper: the leak reports and the 1040
 * summary name the callers that leaked ({@code leakOne}, {@code leakTwo}, {@code run}), one group
 * per caller; and a pool's connections name the pool and the program's line that configured it,
 * also when a launcher sits below the program's main.
 */
class HelperLeaksTest {

    private static final String OPEN = "dev\\.jdbcguard\\.apps\\.HelperLeaks\\$Db\\.open\\(HelperLeaks\\.java:\\d+\\)";
    private static final String TAIL = " <- HelperLeaks\\.run\\(HelperLeaks\\.java:\\d+\\) <- HelperLeaks\\.main\\(HelperLeaks\\.java:\\d+\\)";
    private static final String ONE = OPEN + " <- HelperLeaks\\.leakOne\\(HelperLeaks\\.java:\\d+\\)" + TAIL;
    private static final String TWO = OPEN + " <- HelperLeaks\\.leakTwo\\(HelperLeaks\\.java:\\d+\\)" + TAIL;

    private static LocalMariaDb small;

    @BeforeAll
    static void serverWithTenConnections() throws Exception {
        small = TestServers.startPrivate("--max-connections=10");
    }

    @AfterAll
    static void stop() {
        small.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void leaksThroughAHelperAreGroupedByTheCallerThatLeaked(String driver) throws Exception {
        TestServer server = TestServers.shared();
        ChildJvm.Result result = Apps.withAgent().run(HelperLeaks.class, server.url(driver), TestServer.USER,
                TestServer.PASSWORD, "mode=drop", "one=6", "two=4");
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("leaked counter: 10\n");
        assertThat(leaked(result.output, ONE)).as("leakOne's group\n" + result.output).isEqualTo(6);
        assertThat(leaked(result.output, TWO)).as("leakTwo's group\n" + result.output).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void theTooManyConnectionsSummaryCountsEachCallerApart(String driver) throws Exception {
        ChildJvm.Result result = Apps.withAgent().run(HelperLeaks.class, small.url(driver), TestServer.USER,
                TestServer.PASSWORD, "mode=hold");
        assertThat(result.exitCode).as(result.output).isEqualTo(1);
        assertThat(result.output).contains("/1040] ");
        Matcher held = Pattern.compile("held: (\\d+)").matcher(result.output);
        assertThat(held.find()).as(result.output).isTrue();
        int n = Integer.parseInt(held.group(1));
        assertThat(n).isBetween(8, 10);
        String line = result.output.lines().filter(l -> l.contains("failed on thread main: too many connections"))
                .findFirst().orElseThrow(() -> new AssertionError("no 1040 line:\n" + result.output));
        // the two callers alternate, leakOne first
        assertThat(line).containsPattern("top creation sites: .*" + ONE + " x" + (n + 1) / 2 + "\\b")
                .containsPattern(TWO + " x" + n / 2 + "\\b")
                .doesNotContain("null");
    }

    @Test
    void aPoolBuiltUnderSpringBootsLauncherNamesThePoolAndTheProgramsLinesNeverTheLauncher() throws Exception {
        TestServer server = TestServers.shared();
        Path loader;
        try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("jdbcguard.launcherLibs")))) {
            loader = jars.filter(p -> p.getFileName().toString().startsWith("spring-boot-loader-")).findFirst().orElseThrow();
        }
        String deps = new String(Files.readAllBytes(Paths.get(System.getProperty("jdbcguard.appClasspath")))).trim();
        String loaderPath = System.getProperty("jdbcguard.appClasses") + "," + deps.replace(File.pathSeparator, ",");
        ChildJvm.Result result = ChildJvm.withClasspath(loader.toString()).agent(Apps.agentJar(), null)
                .jvmOption("-Dloader.path=" + loaderPath)
                .jvmOption("-Dloader.main=org.springframework.samples.jdbcguard.SamplePoolApp")
                .run("org.springframework.boot.loader.launch.PropertiesLauncher", server.mariadbUrl(), TestServer.USER,
                        TestServer.PASSWORD);
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).as("the launcher is really there").contains("a launcher below main: true");
        List<String> rows = result.output.lines().filter(l -> l.startsWith("row: ")).collect(Collectors.toList());
        assertThat(rows).as(result.output).hasSize(3);
        for (String row : rows) {
            assertThat(row).matches("row: pool=HikariCP #1 \\| creationSite=org\\.springframework\\.samples\\.jdbcguard"
                    + "\\.SamplePoolApp\\.dataSource\\(SamplePoolApp\\.java:\\d+\\) <- SamplePoolApp\\.start\\("
                    + "SamplePoolApp\\.java:\\d+\\) <- SamplePoolApp\\.main\\(SamplePoolApp\\.java:\\d+\\)");
        }
    }

    private static int leaked(String output, String chain) {
        Matcher m = Pattern.compile("\\[WARN] jdbc-guard - (\\d+) connection\\(s\\) garbage-collected without close\\(\\)"
                + " \\(leaked\\), opened at " + chain + " \\[#").matcher(output);
        int sum = 0;
        while (m.find()) {
            sum += Integer.parseInt(m.group(1));
        }
        return sum;
    }
}
