package dev.jdbcguard.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.MetricsWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two standard scrapers, each as a Java agent beside ours in a worker that healed, refused a
 * lost transaction, clashed and leaked: the Prometheus JMX exporter with the shipped rules file,
 * and the OpenTelemetry Java agent with the shipped JMX metric insight file and its Prometheus
 * exporter. Both expose on loopback; what they serve must equal what {@code status} says.
 */
class ScraperMetricsTest {

    private static final int IDLE_HEALS = 2;
    private static final Pattern HOST_PORT = Pattern.compile("//([^/:?,]+):(\\d+)");

    @ParameterizedTest(name = "exporter premain first: {0}")
    @ValueSource(booleans = {true, false})
    void prometheusJmxExporterShowsWhatStatusShows(boolean exporterFirst, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        int port = freePort();
        Path rules = shipped("jmx_exporter.yaml", dir);
        String exporter = "-javaagent:" + scraperAgent("jmx_prometheus_javaagent.jar") + "=127.0.0.1:" + port + ":" + rules;
        ChildJvm jvm = ChildJvm.forTestApps();
        if (exporterFirst) {
            jvm.jvmOption(exporter).jvmOption("-javaagent:" + Apps.agentJar());
        } else {
            jvm.jvmOption("-javaagent:" + Apps.agentJar()).jvmOption(exporter);
        }
        try (Worker worker = Worker.start(jvm, dir)) {
            agreeWithStatus(worker, port);
        }
    }

    @ParameterizedTest(name = "OpenTelemetry premain first: {0}")
    @ValueSource(booleans = {true, false})
    void openTelemetryAgentShowsWhatStatusShows(boolean otelFirst, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        int port = freePort();
        String otel = "-javaagent:" + scraperAgent("opentelemetry-javaagent.jar");
        String ours = "-javaagent:" + Apps.agentJar();
        ChildJvm jvm = ChildJvm.forTestApps()
                .jvmOption(otelFirst ? otel : ours)
                .jvmOption(otelFirst ? ours : otel)
                .jvmOption("-Dotel.jmx.config=" + shipped("otel-jmx.yaml", dir))
                .jvmOption("-Dotel.metrics.exporter=prometheus")
                .jvmOption("-Dotel.exporter.prometheus.host=127.0.0.1")
                .jvmOption("-Dotel.exporter.prometheus.port=" + port)
                .jvmOption("-Dotel.traces.exporter=none")
                .jvmOption("-Dotel.logs.exporter=none")
                .jvmOption("-Dotel.metric.export.interval=1000");
        try (Worker worker = Worker.start(jvm, dir)) {
            PromText seen = agreeWithStatus(worker, port);
            assertThat(seen.all("db_client_connection_count")).as(seen.text)
                    .anySatisfy(s -> assertThat(s.labels).containsEntry("otel_scope_name", "io.opentelemetry.jmx"));
        }
    }

    /** One copy of each file: what the jar ships is docs/metrics/ byte for byte. */
    @Test
    void theJarShipsTheDocumentedFiles() throws Exception {
        try (JarFile jar = new JarFile(Apps.agentJar())) {
            for (String file : new String[] {"jmx_exporter.yaml", "otel-jmx.yaml"}) {
                try (InputStream in = jar.getInputStream(jar.getEntry("jdbc-guard/" + file))) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(file)
                            .isEqualTo(Files.readString(docs().resolve("metrics").resolve(file)));
                }
            }
        }
    }

    /**
     * Scrapes until the served values equal those of {@code status --json} read right before, and
     * the worker's events have all been counted; returns the last scrape.
     */
    private static PromText agreeWithStatus(Worker worker, int port) {
        AtomicReference<PromText> last = new AtomicReference<>();
        // the scraper alone finds the beans: status (an attach) would create the platform MBean server too
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> PromText.scrape(port).value("jdbcguard_heals_total") >= 0);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode status = worker.status();
            PromText scraped = PromText.scrape(port);
            last.set(scraped);
            JsonNode counters = status.get("counters");
            JsonNode byCause = status.get("byCause");
            assertThat(byCause.get("heals").get("idle_timeout").asLong()).as("idle heals").isGreaterThanOrEqualTo(IDLE_HEALS);
            assertThat(byCause.get("heals").get("killed").asLong()).as("heals after KILL").isGreaterThanOrEqualTo(1);
            assertThat(byCause.get("refusals").get("killed").asLong()).as("refusals after KILL").isEqualTo(1);
            assertThat(byCause.get("clashes").get("concurrent").asLong()).as("clashes").isGreaterThanOrEqualTo(1);
            assertThat(byCause.get("leaks").get("unclosed").asLong()).as("leaks").isGreaterThanOrEqualTo(1);
            Map<String, Long> totals = Map.of("heals", counters.get("heals").asLong(),
                    "refusals", counters.get("refusedInTransaction").asLong(),
                    "retries", counters.get("retries").asLong(), "leaks", counters.get("leaked").asLong(),
                    "clashes", counters.get("concurrentUse").asLong() + counters.get("crossThreadTransactions").asLong()
                            + counters.get("foreignThreadUse").asLong());
            for (Iterator<String> events = byCause.fieldNames(); events.hasNext(); ) {
                String event = events.next();
                long sum = 0;
                for (Iterator<Map.Entry<String, JsonNode>> causes = byCause.get(event).fields(); causes.hasNext(); ) {
                    Map.Entry<String, JsonNode> cause = causes.next();
                    sum += cause.getValue().asLong();
                    assertThat(scraped.value("jdbcguard_" + event + "_total", "jdbcguard_cause", cause.getKey()))
                            .as(event + " " + cause.getKey() + " in\n" + scraped.text).isEqualTo(cause.getValue().asDouble());
                }
                assertThat(sum).as(event + ": the causes add up to status's counter").isEqualTo(totals.get(event));
            }
            Map<String, String> others = Map.of("jdbcguard_pings_total", "pings",
                    "jdbcguard_heal_failures_total", "healFailures", "jdbcguard_unknown_outcomes_total", "unknownOutcomes",
                    "jdbcguard_connections_opened_total", "connectionsOpened",
                    "jdbcguard_connections_adopted_total", "connectionsAdopted", "jdbcguard_held_too_long_total", "heldTooLong");
            for (Map.Entry<String, String> e : others.entrySet()) {
                assertThat(scraped.value(e.getKey())).as(e.getKey()).isEqualTo(counters.get(e.getValue()).asDouble());
            }
            Map<String, Integer> byPool = new TreeMap<>();
            Map<String, Integer> byServer = new TreeMap<>();
            for (JsonNode row : status.get("connections")) {
                String pool = row.get("pool").asText();
                byPool.merge(pool.isEmpty() ? "none" : pool, 1, Integer::sum);
                Matcher hostPort = HOST_PORT.matcher(row.get("url").asText());
                assertThat(hostPort.find()).as(row.toString()).isTrue();
                byServer.merge(hostPort.group(1) + ":" + hostPort.group(2), 1, Integer::sum);
            }
            assertThat(byPool).as("the worker's connections").containsEntry("HikariCP #1", 3).containsEntry("none", 3);
            for (Map.Entry<String, Integer> pool : byPool.entrySet()) {
                assertThat(scraped.value("db_client_connection_count", "db_client_connection_pool_name", pool.getKey()))
                        .as("pool " + pool.getKey() + " in\n" + scraped.text).isEqualTo(pool.getValue().doubleValue());
            }
            assertThat(scraped.value("db_client_connection_count", "db_client_connection_pool_name", "HikariCP #1",
                    "db_client_connection_state", "used")).as("the borrowed one, in its transaction").isEqualTo(1.0);
            assertThat(scraped.value("db_client_connection_count", "db_client_connection_pool_name", "none",
                    "db_client_connection_state", "idle")).isEqualTo(3.0);
            for (Map.Entry<String, Integer> server : byServer.entrySet()) {
                String[] parts = server.getKey().split(":");
                assertThat(scraped.value("jdbcguard_server_connection_count", "server_address", parts[0],
                        "server_port", parts[1])).as("server " + server.getKey()).isEqualTo(server.getValue().doubleValue());
            }
            // ours only: the OpenTelemetry agent's target_info carries the worker's command line, password and all
            assertThat(scraped.text.lines().filter(l -> l.replaceFirst("^# (HELP|TYPE) ", "")
                    .matches("(jdbcguard_|db_client_connection_count).*")))
                    .noneMatch(l -> l.contains(TestServer.PASSWORD));
        });
        return last.get();
    }

    private static Path shipped(String file, Path dir) throws IOException {
        Path copy = dir.resolve(file);
        try (JarFile jar = new JarFile(Apps.agentJar()); InputStream in = jar.getInputStream(jar.getEntry("jdbc-guard/" + file))) {
            Files.write(copy, in.readAllBytes());
        }
        return copy;
    }

    private static Path docs() {
        return Paths.get(System.getProperty("jdbcguard.docs"));
    }

    private static String scraperAgent(String jar) {
        return Paths.get(System.getProperty("jdbcguard.scraperAgents"), jar).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The worker running in the background until closed. */
    private static final class Worker implements AutoCloseable {
        private final Path stop;
        private final CompletableFuture<ChildJvm.Result> result;
        private final String pid;

        private Worker(Path stop, CompletableFuture<ChildJvm.Result> result, String pid) {
            this.stop = stop;
            this.result = result;
            this.pid = pid;
        }

        static Worker start(ChildJvm jvm, Path dir) throws Exception {
            TestServer server = TestServers.shared();
            Path stop = dir.resolve("stop");
            CountDownLatch ready = new CountDownLatch(1);
            AtomicReference<String> pid = new AtomicReference<>();
            List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            jvm.timeout(300).onLine(line -> {
                lines.add(line);
                if (line.startsWith("worker pid ")) {
                    pid.set(line.substring("worker pid ".length()).trim());
                } else if (line.equals("READY")) {
                    ready.countDown();
                }
            });
            CompletableFuture<ChildJvm.Result> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return jvm.run(MetricsWorker.class, server.url("mariadb"), TestServer.USER, TestServer.PASSWORD,
                            stop.toString(), "idleHeals=" + IDLE_HEALS);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!ready.await(1, TimeUnit.SECONDS)) {
                assertThat(result.isDone()).as("the worker ended before it was ready: " + lines).isFalse();
            }
            assertThat(lines).as("the lost transaction was refused").contains("refused: [40000]");
            return new Worker(stop, result, pid.get());
        }

        JsonNode status() throws Exception {
            Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Apps.agentJar(), "status", pid, "--json").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return new ObjectMapper().readTree(out);
        }

        @Override
        public void close() throws Exception {
            Files.createFile(stop);
            ChildJvm.Result done = result.get(120, TimeUnit.SECONDS);
            assertThat(done.exitCode).as(done.output).isZero();
            assertThat(done.output).contains("done").doesNotContain("thread-A failed").doesNotContain("thread-B failed");
        }
    }
}
