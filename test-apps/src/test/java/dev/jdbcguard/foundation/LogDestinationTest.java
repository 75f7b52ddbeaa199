package dev.jdbcguard.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.IdleWorker;
import dev.jdbcguard.apps.LoggingWorker;
import dev.jdbcguard.apps.Sleeper;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * logTo and logFormat in real programs healing a real connection: into the program's Logback
 * (its configuration untouched, nothing before its first connection), into java.util.logging
 * when the program has no SLF4J, into a file, and as JSON lines.
 */
class LogDestinationTest {

    private static final String AGENT_LINE = "] jdbc-guard - ";

    @TempDir
    Path dir;

    private final TestServer server = TestServers.shared();

    @Test
    void applicationModeWritesThroughTheProgramsLogbackUnderItsOwnConfiguration() throws Exception {
        Path logFile = dir.resolve("app.log");
        Path config = dir.resolve("logback.xml");
        Files.writeString(config, "<configuration>\n"
                + "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "    <file>" + logFile + "</file>\n"
                + "    <encoder><pattern>LOGBACK|%level|%logger|%thread|%msg%n</pattern></encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>\n"
                + "</configuration>\n");
        String classpath;
        try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("jdbcguard.logbackLibs")))) {
            classpath = appAndDriver() + File.pathSeparator
                    + jars.map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }

        ChildJvm.Result run = ChildJvm.withClasspath(classpath).agent(Apps.agentJar(), "logTo=application")
                .jvmOption("-Dlogback.configurationFile=" + config)
                .run(LoggingWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD, "logging=slf4j");

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).as("nothing of the agent on stderr").doesNotContain(AGENT_LINE)
                .contains("slf4j backend: ch.qos.logback.classic.LoggerContext")
                .contains("root appenders: [FileAppender:FILE]")
                .contains("jdbc-guard logger level: INFO");
        List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).as(String.join("\n", lines)).isEqualTo("LOGBACK|INFO|worker|main|worker starting");
        assertThat(lines.get(1)).as("the start-up line, held until the program's first connection").matches(
                "LOGBACK\\|INFO\\|jdbc-guard\\|main\\|started \\(-javaagent\\): .*logTo=application.* \\[held from .* on"
                        + " thread jdbc-guard-start until the first JDBC connection]");
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("LOGBACK|INFO|jdbc-guard|main|healed connection #1 (server thread "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("LOGBACK|INFO|worker|main|worker done");
        assertThat(String.join("\n", lines)).as("the program's levels still apply")
                .doesNotContain("a debug line the configuration leaves out").doesNotContain(TestServer.PASSWORD);
    }

    @Test
    void applicationModeWithoutSlf4jWritesThroughJavaUtilLogging() throws Exception {
        Path logFile = dir.resolve("jul.log");
        Path config = dir.resolve("logging.properties");
        Files.writeString(config, "handlers=java.util.logging.FileHandler\n"
                + "java.util.logging.FileHandler.pattern=" + logFile + "\n"
                + "java.util.logging.FileHandler.encoding=UTF-8\n"
                + "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter\n"
                + "java.util.logging.SimpleFormatter.format=JUL|%4$s|%3$s|%5$s%n\n"
                + ".level=INFO\n");

        ChildJvm.Result run = ChildJvm.withClasspath(appAndDriver()).agent(Apps.agentJar(), "logTo=application")
                .jvmOption("-Djava.util.logging.config.file=" + config)
                .run(LoggingWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD, "logging=jdk");

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).doesNotContain(AGENT_LINE);
        List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).as(String.join("\n", lines)).isEqualTo("JUL|INFO|worker|worker starting");
        assertThat(lines.get(1)).startsWith("JUL|INFO|jdbc-guard|started (-javaagent): ").contains("[held from ");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("JUL|INFO|jdbc-guard|healed connection #1 "));
    }

    @Test
    void applicationModeWithoutAnyConnectionPrintsTheHeldLinesOnStandardErrorAtExit() throws Exception {
        ChildJvm.Result run = Apps.withAgent("logTo=application,threads=banana").run(Sleeper.class, "1");

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output)
                .containsPattern("\\[ERROR] jdbc-guard - option threads=banana is not valid: .* \\[held for the"
                        + " application's logging, which was never used: no JDBC connection was opened]")
                .contains("[INFO] jdbc-guard - started (-javaagent): ");
    }

    @Test
    void fileModeAppendsToTheFileAndLeavesStandardErrorAlone() throws Exception {
        Path logFile = dir.resolve("guard.log");

        ChildJvm.Result run = Apps.withAgent("logTo=file:" + logFile)
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("all 2 jobs done").doesNotContain(AGENT_LINE);
        String file = Files.readString(logFile);
        assertThat(file).contains("[INFO] jdbc-guard - started (-javaagent): ")
                .containsPattern("\\[INFO] jdbc-guard - healed connection #1 \\(server thread \\d+ -> \\d+\\) on thread main");
    }

    @Test
    void aLogFileThatCannotBeOpenedIsReportedOnceAndTheProgramRunsLoggingToStandardError() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("a-directory"));

        ChildJvm.Result run = Apps.withAgent("logTo=file:" + notAFile)
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output.split("cannot open the log file", -1)).hasSize(2);
        assertThat(run.output).contains("[ERROR] jdbc-guard - cannot open the log file " + notAFile + " given by logTo=file:"
                        + notAFile + " (" + notAFile + " (Is a directory)); logging to standard error instead")
                .contains("[INFO] jdbc-guard - healed connection #1").contains("all 2 jobs done");
    }

    @Test
    void jsonModeWritesOneParsableObjectPerLineMasked() throws Exception {
        ChildJvm.Result run = Apps.withAgent("logFormat=json,maxConnections=password=hunter2")
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).doesNotContain(AGENT_LINE).doesNotContain("hunter2");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.output.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode line : lines) {
            assertThat(line.fieldNames()).toIterable().containsExactly("timestamp", "level", "logger", "thread", "message");
            assertThat(line.get("logger").asText()).isEqualTo("jdbc-guard");
            assertThat(OffsetDateTime.parse(line.get("timestamp").asText())).isNotNull();
        }
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("level").asText()).isEqualTo("ERROR");
            assertThat(line.get("thread").asText()).isEqualTo("main");
            assertThat(line.get("message").asText()).startsWith("option maxConnections=password=***");
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("thread").asText()).isEqualTo("jdbc-guard-start");
            assertThat(line.get("message").asText()).startsWith("started (-javaagent): ");
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("thread").asText()).isEqualTo("main");
            assertThat(line.get("message").asText()).startsWith("healed connection #1 (server thread ");
        });
    }

    private static String appAndDriver() throws Exception {
        String driverJar = Paths.get(org.mariadb.jdbc.Driver.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        return System.getProperty("jdbcguard.appClasses") + File.pathSeparator + driverJar;
    }
}
