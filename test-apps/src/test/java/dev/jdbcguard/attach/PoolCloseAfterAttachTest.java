package dev.jdbcguard.attach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.PoolCloseApp;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pool shuts down after the agent was attached and the server killed all its sessions: closing
 * a dead connection must not reconnect it first. Before the fix HikariCP's closer made the agent
 * revive each one (a ping, a reconnect, the facts queries) just to close it: 2.5 s instead of
 * 0.15 s for 10 connections. Reconnects are counted by the server (its Connections counter) and by
 * the agent's own heal lines.
 */
class PoolCloseAfterAttachTest {

    private static final Pattern CLOSED = Pattern.compile("closed in (\\d+) ms");

    private final TestServer server = TestServers.shared();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"hikari,mysql", "hikari,mariadb", "dbcp2,mysql", "dbcp2,mariadb", "c3p0,mysql", "c3p0,mariadb"})
    void closingAPoolOfTenDeadConnectionsAfterAttachReconnectsNone(String pool, String driver) throws Exception {
        Outcome attached = closeAfterKill(pool, driver, true);
        assertThat(attached.attach.exitCode).as(attached.attach.toString()).isZero();
        assertThat(attached.run.output).contains("jdbc-guard - started (attached)");
        assertThat(attached.reconnects).as("new sessions on the server while the pool closed\n" + attached.run.output)
                .isZero();
        assertThat(attached.run.output).doesNotContain("healed connection");
        assertThat(attached.closeMillis).as(attached.run.output).isLessThan(500);
        System.out.printf("[pool close] %s on %s after attach: %d ms, %d reconnects%n", pool, driver,
                attached.closeMillis, attached.reconnects);
    }

    /** The same without the agent: what the pool itself costs, the figure the agent must not change. */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"hikari,mysql", "hikari,mariadb"})
    void withoutTheAgentThePoolClosesAsFast(String pool, String driver) throws Exception {
        Outcome plain = closeAfterKill(pool, driver, false);
        assertThat(plain.reconnects).as(plain.run.output).isZero();
        assertThat(plain.closeMillis).as(plain.run.output).isLessThan(500);
        System.out.printf("[pool close] %s on %s without the agent: %d ms%n", pool, driver, plain.closeMillis);
    }

    private Outcome closeAfterKill(String pool, String driver, boolean attach) throws Exception {
        Path go = dir.resolve("go");
        Outcome outcome = new Outcome();
        AtomicReference<String> ready = new AtomicReference<>();
        CountDownLatch poolReady = new CountDownLatch(1);
        CountDownLatch agentStarted = new CountDownLatch(1);
        try (Connection admin = server.admin()) {
            ChildJvm worker = Apps.withoutAgent().onLine(line -> {
                if (line.startsWith("pool pid ")) {
                    ready.set(line);
                    poolReady.countDown();
                } else if (line.contains("jdbc-guard - started")) {
                    agentStarted.countDown();
                }
            });
            CompletableFuture<ChildJvm.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return worker.run(PoolCloseApp.class, pool, server.url(driver), TestServer.USER, TestServer.PASSWORD,
                            "10", go.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(poolReady.await(60, TimeUnit.SECONDS)).as("the pool opened its connections").isTrue();
            String[] words = ready.get().split(" ");
            if (attach) {
                outcome.attach = Cli.run("attach", words[2]);
                // the pool closes later than the attach, as in production: not during the retransformation
                assertThat(agentStarted.await(30, TimeUnit.SECONDS)).as("the agent started").isTrue();
            }
            kill(admin, Arrays.stream(words[4].split(",")).map(Long::valueOf).collect(Collectors.toList()));
            outcome.connectionsBefore = connections(admin);
            Files.createFile(go);
            outcome.run = run.get(120, TimeUnit.SECONDS);
            outcome.reconnects = connections(admin) - outcome.connectionsBefore;
        }
        assertThat(outcome.run.exitCode).as(outcome.run.output).isZero();
        Matcher m = CLOSED.matcher(outcome.run.output);
        assertThat(m.find()).as(outcome.run.output).isTrue();
        outcome.closeMillis = Long.parseLong(m.group(1));
        return outcome;
    }

    /** KILLs the sessions and waits until the server has ended them all. */
    private static void kill(Connection admin, List<Long> sessions) throws Exception {
        assertThat(sessions).hasSize(10);
        try (Statement s = admin.createStatement()) {
            for (long id : sessions) {
                s.execute("KILL " + id);
            }
            String list = sessions.stream().map(String::valueOf).collect(Collectors.joining(","));
            for (int i = 0; i < 100; i++) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID IN ("
                        + list + ")")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the server did not end the killed sessions");
    }

    private static long connections(Connection admin) throws Exception {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Connections'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    static final class Outcome {
        Cli attach;
        ChildJvm.Result run;
        long connectionsBefore;
        long reconnects;
        long closeMillis;
    }
}
