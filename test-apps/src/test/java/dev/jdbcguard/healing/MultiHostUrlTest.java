package dev.jdbcguard.healing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.MultiHostScenario;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "With the agent, never worse than without it" for multi-host URLs, whose drivers fail over by
 * themselves. The same scenario ({@link MultiHostScenario}: a session killed while idle, once in
 * autocommit mode and once inside a transaction) runs in a child JVM without the agent and in
 * one with it; the host list names the test server twice.
 */
class MultiHostUrlTest {

    private static final TestServer SERVER = TestServers.shared();

    @BeforeAll
    static void table() throws Exception {
        try (Connection admin = SERVER.admin()) {
            Sql.execute(admin, "CREATE TABLE IF NOT EXISTS " + TestServer.DATABASE + ".multi_host"
                    + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, run VARCHAR(64) NOT NULL, step VARCHAR(16) NOT NULL)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://", "jdbc:mysql:loadbalance://", "jdbc:mysql:replication://",
        "jdbc:mariadb:sequential://", "jdbc:mariadb:loadbalance://", "jdbc:mariadb:replication://"})
    void neverWorseThanTheDriverAlone(String prefix) throws Exception {
        String hosts = SERVER.host() + ":" + SERVER.port() + ",localhost:" + SERVER.port();
        String url = prefix + hosts + "/" + TestServer.DATABASE
                + (prefix.startsWith("jdbc:mysql") ? "?sslMode=DISABLED&allowPublicKeyRetrieval=true" : "");

        Outcome without = run(Apps.withoutAgent(), url);
        Outcome with = run(Apps.withAgent(), url);
        System.out.println("[multi-host] " + prefix + "\n  without agent: " + without.steps + " lost rows "
                + without.lostRows + "\n  with agent:    " + with.steps + " lost rows " + with.lostRows);

        assertThat(with.output).as("the scenario ran to its end").contains("done");
        for (Map.Entry<String, String> step : without.steps.entrySet()) {
            if (step.getValue().equals("OK")) {
                assertThat(with.steps.get(step.getKey())).as("%s: OK without the agent, so with it too:\n%s",
                        step.getKey(), with.output).isEqualTo("OK");
            }
        }
        assertThat(with.steps.get("tx-rollback")).as("rollback() after the lost transaction:\n%s", with.output)
                .isEqualTo("OK");
        assertThat(with.lostRows).as("rows of the lost transaction committed").isZero();
    }

    private Outcome run(ChildJvm jvm, String url) throws Exception {
        String run = UUID.randomUUID().toString();
        ChildJvm.Result result = jvm.onLine(line -> {
            if (line.startsWith("server thread: ") && !line.contains("unknown")) {
                try (Connection admin = SERVER.admin()) {
                    Sql.kill(admin, Long.parseLong(line.substring("server thread: ".length()).trim()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }).run(MultiHostScenario.class, url, TestServer.USER, TestServer.PASSWORD, run);
        Outcome outcome = new Outcome();
        outcome.output = result.output;
        for (String line : result.output.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && !line.startsWith("server thread") && (line.contains(": OK") || line.contains(": FAILED"))) {
                String step = line.substring(0, colon);
                if (step.matches("[a-z0-9-]+")) {
                    outcome.steps.put(step, line.substring(colon + 2).startsWith("OK") ? "OK" : line.substring(colon + 2));
                }
            }
        }
        try (Connection admin = SERVER.admin()) {
            outcome.lostRows = Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.DATABASE
                    + ".multi_host WHERE run = '" + run + "' AND step LIKE 'lost%'");
        }
        return outcome;
    }

    private static final class Outcome {
        final Map<String, String> steps = new LinkedHashMap<>();
        long lostRows;
        String output;
    }
}
