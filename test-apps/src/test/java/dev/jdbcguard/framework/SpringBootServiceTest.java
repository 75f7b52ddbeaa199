package dev.jdbcguard.framework;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jdbcguard.attach.CliAccess;
import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The path most framework users run (issue 22): our Spring Boot service (JdbcTemplate and JPA
 * over HikariCP with its defaults, Connector/J), started with {@code java -jar}, against a server
 * whose {@code wait_timeout} is 5 s. 20 requests, 8 s idle, 20 requests, a server restart (down
 * 3 s), 20 requests. A request has failed when its answer is not 200 or when its row is not on the
 * server afterwards (each POST carries its own id): both are counted.
 *
 * <p>With the agent: no failed request, every row there, no "Failed to validate" from HikariCP,
 * and each heal line names its true cause. Without it, HikariCP's warnings appear (with its
 * borrow check) or requests fail (with the check bypassed by
 * {@code com.zaxxer.hikari.aliveBypassWindowMs}), which proves the scenario hits dead links.
 */
class SpringBootServiceTest {

    private static final int REQUESTS = 20;
    private static final long IDLE_MS = 8_000;
    /** Down this long: real restarts take 5 to 60 s; the pool's links then idle past validateAfter too. */
    private static final long DOWN_MS = 3_000;
    private static final int WAIT_TIMEOUT_S = 5;
    private static final String BYPASS = "-Dcom.zaxxer.hikari.aliveBypassWindowMs=600000";
    private static final String FAILED_TO_VALIDATE = "Failed to validate connection";
    private static final Pattern HEAL = Pattern.compile("jdbc-guard - healed connection #\\d+");
    private static final Pattern IDLE_CAUSE = Pattern.compile("idle (\\d+\\.\\d) s > wait_timeout " + WAIT_TIMEOUT_S + " s");
    private static final Pattern RESTART_CAUSE = Pattern.compile(
            "server restarted: it has been up (\\d+\\.\\d) s, the connection was opened (\\d+\\.\\d) s ago");

    private static LocalMariaDb server;

    @BeforeAll
    static void serverThatClosesIdleSessions() throws Exception {
        server = TestServers.startPrivate("--wait-timeout=" + WAIT_TIMEOUT_S);
        // The deployment's schema, as a migration tool would have left it: the service itself
        // touches the database at start-up only as Hibernate does (it may find its links dead).
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE app.orders (id CHAR(36) PRIMARY KEY, via VARCHAR(8) NOT NULL,"
                    + " created TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void defaultPoolWithoutAgentHikariWarns() throws Exception {
        Scenario run = Scenario.run("default pool, without agent", false, List.of());
        assertThat(run.count(2, FAILED_TO_VALIDATE))
                .as("HikariCP's borrow check finds the links the server closed in the 8 s idle\n%s", run.summary())
                .isPositive();
        assertThat(run.output()).doesNotContain("jdbc-guard");
    }

    @Test
    void defaultPoolWithAgentHealsQuietly() throws Exception {
        Scenario run = Scenario.run("default pool, with agent", true, List.of());
        SoftAssertions soft = new SoftAssertions();
        run.assertNoFailure(soft);
        soft.assertThat(run.countAll(FAILED_TO_VALIDATE)).as("HikariCP's \"%s\" lines", FAILED_TO_VALIDATE).isZero();
        run.assertTrueCauses(soft);
        run.assertCreationSites(soft);
        soft.assertAll();
    }

    @Test
    void borrowCheckBypassedWithoutAgentRequestsFail() throws Exception {
        Scenario run = Scenario.run("borrow check bypassed, without agent", false, List.of(BYPASS));
        assertThat(run.failedByStatus())
                .as("HikariCP hands out links the server closed, the requests on them fail\n%s", run.summary())
                .isPositive();
        assertThat(run.output()).doesNotContain("jdbc-guard");
    }

    @Test
    void borrowCheckBypassedWithAgentNoRequestFails() throws Exception {
        Scenario run = Scenario.run("borrow check bypassed, with agent", true, List.of(BYPASS));
        SoftAssertions soft = new SoftAssertions();
        run.assertNoFailure(soft);
        run.assertTrueCauses(soft);
        soft.assertAll();
    }

    /** One service JVM through the three phases, and everything counted about it. */
    private static final class Scenario {
        final String name;
        final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
        /** Phase i's lines arrived from phaseStart[i] on (phase 1 takes the start-up and the idle too). */
        final long[] phaseStart = new long[4];
        long restartBegan;
        List<SpringService.Line> lines;
        Set<String> rows;
        String status;

        private Scenario(String name) {
            this.name = name;
        }

        static Scenario run(String name, boolean withAgent, List<String> jvmOptions) throws Exception {
            Scenario run = new Scenario(name);
            run.phaseStart[1] = System.nanoTime();
            SpringService service = SpringService.start(server, withAgent, jvmOptions);
            try {
                run.requests(service, 1);
                Thread.sleep(IDLE_MS);
                run.phaseStart[2] = System.nanoTime();
                run.requests(service, 2);
                run.phaseStart[3] = System.nanoTime();
                run.restartBegan = System.nanoTime();
                server.downFor(DOWN_MS);
                run.requests(service, 3);
                if (withAgent) {
                    run.status = CliAccess.run("status", String.valueOf(service.pid()), "--json");
                }
            } finally {
                service.close();
                run.lines = service.lines();
                run.save();
            }
            run.rows = rowsOnServer();
            System.out.println(run.summary());
            return run;
        }

        /** 20 POSTs from 4 clients at once, half through JdbcTemplate, half through JPA. */
        private void requests(SpringService service, int phase) throws Exception {
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    String path = i % 2 == 0 ? "/orders" : "/jpa/orders";
                    String id = UUID.randomUUID().toString();
                    done.add(clients.submit(() -> {
                        java.time.LocalTime sentAt = java.time.LocalTime.now();
                        long began = System.nanoTime();
                        SpringService.Answer answer = service.call("POST", path + "?id=" + id);
                        requests.add(new Request(phase, id, path, answer, began, System.nanoTime(), sentAt));
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                clients.shutdown();
            }
        }

        private static Set<String> rowsOnServer() throws Exception {
            Set<String> ids = new HashSet<>();
            try (Connection c = server.admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM app.orders")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }

        private void save() {
            try {
                Path dir = Paths.get("target", "spring-service-logs");
                Files.createDirectories(dir);
                Files.write(dir.resolve(name.replaceAll("[^a-z]+", "-") + ".log"), output().getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                System.err.println("could not save the service's log: " + e);
            }
        }

        String output() {
            return lines.stream().map(l -> l.text).collect(Collectors.joining("\n"));
        }

        int phaseOf(SpringService.Line line) {
            return line.arrivedNanos >= phaseStart[3] ? 3 : line.arrivedNanos >= phaseStart[2] ? 2 : 1;
        }

        List<SpringService.Line> linesOf(int phase, Pattern pattern) {
            return lines.stream().filter(l -> phaseOf(l) == phase && pattern.matcher(l.text).find()).collect(Collectors.toList());
        }

        long count(int phase, String text) {
            return lines.stream().filter(l -> phaseOf(l) == phase && l.text.contains(text)).count();
        }

        long countAll(String text) {
            return lines.stream().filter(l -> l.text.contains(text)).count();
        }

        long failedByStatus() {
            return requests.stream().filter(r -> r.status != 200).count();
        }

        long failedByStatus(int phase) {
            return requests.stream().filter(r -> r.phase == phase && r.status != 200).count();
        }

        /** Requests whose row is not on the server, whatever they answered. */
        long missingRows(int phase) {
            return requests.stream().filter(r -> r.phase == phase && !rows.contains(r.id)).count();
        }

        /** Answered 200 but the row is not there: a failure the status hides. */
        long okWithoutRow() {
            return requests.stream().filter(r -> r.status == 200 && !rows.contains(r.id)).count();
        }

        /** Answered an error but the row is there: a write the status hides. */
        long errorWithRow() {
            return requests.stream().filter(r -> r.status != 200 && rows.contains(r.id)).count();
        }

        long rowsOfRun() {
            return requests.stream().filter(r -> rows.contains(r.id)).count();
        }

        void assertNoFailure(SoftAssertions soft) {
            soft.assertThat(requests).as("requests sent").hasSize(3 * REQUESTS);
            soft.assertThat(requests.stream().filter(r -> r.status != 200).map(Request::toString).collect(Collectors.toList()))
                    .as("requests that did not answer 200").isEmpty();
            soft.assertThat(rowsOfRun()).as("rows on the server for this run's requests").isEqualTo(3L * REQUESTS);
        }

        void assertTrueCauses(SoftAssertions soft) {
            List<SpringService.Line> falseCauses = lines.stream()
                    .filter(l -> l.text.contains("jdbc-guard") && (l.text.contains("unknown:")
                            || l.text.contains("firewall") || l.text.contains("below wait_timeout")))
                    .collect(Collectors.toList());
            soft.assertThat(falseCauses).as("jdbc-guard lines with a false cause (every loss here is idle > %d s or a restart)",
                    WAIT_TIMEOUT_S).isEmpty();
            List<SpringService.Line> idleHeals = linesOf(2, HEAL);
            soft.assertThat(idleHeals).as("heal lines after the 8 s idle").isNotEmpty();
            for (SpringService.Line heal : idleHeals) {
                Matcher idle = IDLE_CAUSE.matcher(heal.text);
                soft.assertThat(idle.find()).as("names idle > wait_timeout %d s: %s", WAIT_TIMEOUT_S, heal.text).isTrue();
                if (idle.find(0)) {
                    soft.assertThat(Double.parseDouble(idle.group(1)))
                            .as("the idle figure is at least the 8 s pause: %s", heal.text).isGreaterThanOrEqualTo(7.9);
                }
                soft.assertThat(heal.text).as("no restart had happened yet").doesNotContain("restarted");
            }
            for (SpringService.Line heal : linesOf(1, HEAL)) {
                // Connections the pool opened at start-up may already have idled past wait_timeout.
                soft.assertThat(IDLE_CAUSE.matcher(heal.text).find()).as("names idle > wait_timeout: %s", heal.text).isTrue();
            }
            List<SpringService.Line> restartHeals = linesOf(3, HEAL);
            soft.assertThat(restartHeals).as("heal lines after the restart").isNotEmpty();
            for (SpringService.Line heal : restartHeals) {
                Matcher restart = RESTART_CAUSE.matcher(heal.text);
                soft.assertThat(restart.find()).as("names the restart with its uptime: %s", heal.text).isTrue();
                if (restart.find(0)) {
                    double up = Double.parseDouble(restart.group(1));
                    // The server came up at least DOWN_MS after the stop began; its Uptime is in whole seconds.
                    double sinceStart = (heal.arrivedNanos - restartBegan) / 1e9 - DOWN_MS / 1000.0;
                    soft.assertThat(up).as("uptime %.1f s, at most %.1f s after the server came back: %s", up, sinceStart,
                            heal.text).isBetween(0.0, sinceStart + 1.1);
                    soft.assertThat(Double.parseDouble(restart.group(2))).as("the connection is older than the server: %s",
                            heal.text).isGreaterThan(up);
                }
            }
        }

        void assertCreationSites(SoftAssertions soft) throws Exception {
            soft.assertThat(status).as("status --json").startsWith("{");
            if (status == null || !status.startsWith("{")) {
                return;
            }
            JsonNode connections = new ObjectMapper().readTree(status).get("connections");
            soft.assertThat(connections.size()).as("connections in status --json").isPositive();
            for (JsonNode c : connections) {
                String site = c.path("creationSite").asText();
                soft.assertThat(site).as("creation site of connection #%s (pool %s)", c.path("id").asText(), c.path("pool").asText())
                        .doesNotContain("JarLauncher").doesNotContain("org.springframework.boot.loader");
                soft.assertThat(c.path("pool").asText()).as("pool of connection #%s", c.path("id").asText()).startsWith("HikariCP");
            }
        }

        String summary() {
            StringBuilder s = new StringBuilder("[spring-service] ").append(name).append('\n');
            for (int p = 1; p <= 3; p++) {
                int phase = p;
                s.append(String.format("  phase %d (%s): %d requests, %d not 200, %d rows missing; \"%s\" %d, heal lines %d,"
                                + " jdbc-guard WARN %d%n", phase, phase == 1 ? "start" : phase == 2 ? "after 8 s idle" : "after restart",
                        requests.stream().filter(r -> r.phase == phase).count(), failedByStatus(phase), missingRows(phase),
                        FAILED_TO_VALIDATE, count(phase, FAILED_TO_VALIDATE), linesOf(phase, HEAL).size(),
                        count(phase, "[WARN] jdbc-guard")));
            }
            s.append(String.format("  total: %d not 200, %d rows of %d, %d answered 200 without a row, %d answered an error with a row%n",
                    failedByStatus(), rowsOfRun(), requests.size(), okWithoutRow(), errorWithRow()));
            for (Request r : requests) {
                if (r.status != 200 || !rows.contains(r.id)) {
                    s.append(String.format("  %s, %s, sent at %s (%.3f s into phase %d), answered in %.3f s: %s%n", r,
                            rows.contains(r.id) ? "row there" : "no row", r.sentAt, (r.began - phaseStart[r.phase]) / 1e9, r.phase,
                            (r.ended - r.began) / 1e9, r.body));
                }
            }
            for (SpringService.Line l : lines) {
                if (l.text.contains("jdbc-guard") || l.text.contains(FAILED_TO_VALIDATE) || l.text.contains("Exception")) {
                    s.append("  [phase ").append(phaseOf(l)).append("] ").append(l.text).append('\n');
                }
            }
            if (status != null) {
                s.append("  status --json: ").append(status.trim()).append('\n');
            }
            return s.toString();
        }
    }

    private static final class Request {
        final int phase;
        final String id;
        final String path;
        final int status;
        final long began;
        final long ended;
        final java.time.LocalTime sentAt;

        final String body;

        Request(int phase, String id, String path, SpringService.Answer answer, long began, long ended,
                java.time.LocalTime sentAt) {
            this.sentAt = sentAt;
            this.body = answer.body.length() > 300 ? answer.body.substring(0, 300) + "..." : answer.body;
            this.phase = phase;
            this.id = id;
            this.path = path;
            this.status = answer.status;
            this.began = began;
            this.ended = ended;
        }

        @Override
        public String toString() {
            return "phase " + phase + " POST " + path + "?id=" + id + " -> " + status;
        }
    }
}
