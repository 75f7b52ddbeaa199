package dev.jdbcguard.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.IdleWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Production incidents happen in JVMs started without the agent: attach to the idle worker while
 * it idles with an open connection, and its next job after wait_timeout succeeds; then status
 * shows that connection.
 */
class AttachTest {

    static final String TEMURIN_25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final Pattern JOB = Pattern.compile("job (\\d): done on server thread (\\d+)");

    private final TestServer server = TestServers.shared();

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void attachedWhileIdleTheWorkersNextJobSucceedsAndStatusShowsIt(String driver) throws Exception {
        Outcome outcome = attachToIdleWorker(driver, Apps.withoutAgent(), System.getProperty("java.home"));
        assertHealedAndShown(outcome);
    }

    /** The command run by Java 17 and by Temurin 25 (byte-buddy-agent finds each one's attach API). */
    @ParameterizedTest(name = "command on Java {0}")
    @ValueSource(strings = {"17", "25"})
    void attachWorksOnATemurin25Target(String cliJava) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get(TEMURIN_25, "bin", "java")), "no Temurin 25 JDK at " + TEMURIN_25);
        String cliHome = cliJava.equals("25") ? TEMURIN_25 : System.getProperty("java.home");
        Outcome outcome = attachToIdleWorker("mariadb", Apps.withoutAgent().javaHome(TEMURIN_25), cliHome);
        assertHealedAndShown(outcome);
        assertThat(outcome.attach.out).contains("note: Java 25 warns when an agent is loaded into a running JVM;"
                + " start it with -XX:+EnableDynamicAgentLoading");
    }

    private Outcome attachToIdleWorker(String driver, ChildJvm worker, String cliHome) throws Exception {
        AtomicReference<String> pid = new AtomicReference<>();
        AtomicInteger idles = new AtomicInteger();
        Outcome outcome = new Outcome();
        CompletableFuture<ChildJvm.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return worker.onLine(line -> {
                    try {
                        if (line.startsWith("worker pid ")) {
                            pid.set(line.substring("worker pid ".length()));
                        } else if (line.startsWith("idling") && idles.incrementAndGet() == 1) {
                            outcome.attach = Cli.runWith(cliHome, "attach", pid.get());
                            outcome.attachAgain = Cli.runWith(cliHome, "attach", pid.get());
                        } else if (line.startsWith("idling")) {
                            Thread.sleep(1_500);
                            outcome.status = Cli.runWith(cliHome, "status", pid.get());
                            outcome.json = Cli.runWith(cliHome, "status", pid.get(), "--json");
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).run(IdleWorker.class, server.url(driver), TestServer.USER, TestServer.PASSWORD,
                        "waitTimeout=2", "idle=8", "jobs=3"); // room for the attach on a busy machine
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        outcome.worker = run.get();
        outcome.driver = driver;
        return outcome;
    }

    private void assertHealedAndShown(Outcome o) throws Exception {
        assertThat(o.worker.exitCode).as(o.worker.output).isZero();
        assertThat(o.attach.exitCode).as(o.attach.toString()).isZero();
        assertThat(o.attach.out).contains("jdbc-guard attached to ");
        assertThat(o.attachAgain.exitCode).isZero();
        assertThat(o.attachAgain.out).contains("jdbc-guard is already running in ");
        assertThat(o.worker.output).contains("jdbc-guard - started (attached)").contains("healed connection #1")
                .doesNotContain("Sharing is only supported"); // the bridge is defined, not appended

        List<Long> threads = new ArrayList<>();
        Matcher m = JOB.matcher(o.worker.output);
        while (m.find()) {
            threads.add(Long.parseLong(m.group(2)));
        }
        assertThat(threads).hasSize(3);
        assertThat(threads.get(1)).as("job 2 ran on a new server session").isNotEqualTo(threads.get(0));
        assertThat(threads.get(2)).isEqualTo(threads.get(1));
        // adopted at its first use after the attach: the heal names the session it replaced and says
        // what is true (nothing had failed on it; its idle time before the attach is unknown)
        assertThat(o.worker.output).contains("healed connection #1 (server thread " + threads.get(0) + " -> "
                + threads.get(1) + ") on thread main: opened before the agent was attached, so its idle time is unknown,"
                + " and the ping failed; reconnected in ")
                .doesNotContain("server thread -1").doesNotContain("the last call failed");

        assertThat(o.status.exitCode).as(o.status.toString()).isZero();
        String row = o.status.out.lines().filter(l -> l.startsWith("1 ")).findFirst().orElseThrow();
        assertThat(row).contains(" " + threads.get(1) + " ")
                .contains(o.driver.equals("mysql") ? "mysql-connector-j" : "mariadb")
                .contains(" main ").contains("before attach");
        assertThat(o.status.out).startsWith("jdbc-guard in ").contains("ID  ").contains("IDLE").contains("counters:");

        JsonNode json = new ObjectMapper().readTree(o.json.out);
        JsonNode connection = json.get("connections").get(0);
        assertThat(connection.get("serverThreadId").asLong()).isEqualTo(threads.get(1));
        assertThat(connection.get("idleMillis").asLong()).isBetween(1_000L, 8_000L);
        assertThat(connection.get("ownerThread").asText()).isEmpty();
        assertThat(connection.get("lastThread").asText()).isEqualTo("main");
        assertThat(connection.get("creationSite").asText()).isEqualTo("before attach");
        assertThat(json.get("counters").get("heals").asLong()).isEqualTo(1);
        assertThat(json.get("counters").get("connectionsAdopted").asLong()).isEqualTo(1);
    }

    static final class Outcome {
        String driver;
        ChildJvm.Result worker;
        Cli attach;
        Cli attachAgain;
        Cli status;
        Cli json;
    }
}
