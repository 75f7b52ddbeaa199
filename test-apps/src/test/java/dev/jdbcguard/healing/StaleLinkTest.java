package dev.jdbcguard.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.StaleLinkScenario;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The core promise: connections that went stale while the program idled (past wait_timeout,
 * killed by an administrator, server restarted) are used again by a Statement, by client-side
 * and server-side PreparedStatements created and bound before the idle period, and by a batch,
 * with zero exceptions. The same program without the agent fails, which proves the stale
 * period is real.
 */
class StaleLinkTest {

    private static final String ALL_VIAS = "mysql,DRIVER_MANAGER\nmysql,DATASOURCE\nmysql,HIKARI\n"
            + "mariadb,DRIVER_MANAGER\nmariadb,DATASOURCE\nmariadb,HIKARI";

    private final TestServer server = TestServers.shared();

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource(textBlock = ALL_VIAS)
    void idlePastWaitTimeout(String driver, String via) throws Exception {
        compare(driver, via, "waitTimeout=2", "idle=3", true, line -> { });
    }

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource(textBlock = ALL_VIAS)
    void killedByAnAdministratorWhileIdle(String driver, String via) throws Exception {
        compare(driver, via, "waitTimeout=0", "idle=3", true, line -> {
            if (line.startsWith("server threads: ")) {
                try (Connection admin = server.admin()) {
                    for (String id : line.substring("server threads: ".length()).split(",")) {
                        Sql.kill(admin, Long.parseLong(id));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource(textBlock = ALL_VIAS)
    void serverRestartedWhileIdle(String driver, String via) throws Exception {
        assumeTrue(server.canRestart(), "the test server is not ours to restart: " + server.description());
        String withAgent = compare(driver, via, "waitTimeout=0", "idle=4", false, line -> {
            if (line.startsWith("idling")) {
                try {
                    server.restart();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertThat(withAgent).containsPattern("healed connection #\\d+ \\(server thread \\d+ -> \\d+\\) on thread main:"
                + " server restarted: it has been up \\d+\\.\\d s, the connection was opened \\d+\\.\\d s ago; ping failed after idle");
    }

    /** {@code newIds}: a restarted server numbers its sessions from 1 again, so ids may repeat. */
    private String compare(String driver, String via, String waitTimeout, String idle, boolean newIds,
                         Consumer<String> whileIdle)
            throws Exception {
        String[] args = {server.url(driver), TestServer.USER, TestServer.PASSWORD, "via=" + via, waitTimeout, idle};

        ChildJvm.Result without = Apps.withoutAgent().onLine(whileIdle).run(StaleLinkScenario.class, args);
        assertThat(without.exitCode).as("without the agent the stale links must fail:\n%s", without.output).isEqualTo(1);
        assertThat(without.output).contains("statement: FAILED", "client-ps: FAILED", "server-ps: FAILED", "batch: FAILED");

        AtomicReference<String> threadsBefore = new AtomicReference<>();
        ChildJvm.Result with = Apps.withAgent().onLine(line -> {
            if (line.startsWith("server threads: ")) {
                threadsBefore.set(line);
            }
            whileIdle.accept(line);
        }).run(StaleLinkScenario.class, args);
        assertThat(with.exitCode).as("with the agent every use must succeed:\n%s", with.output).isZero();
        assertThat(with.output)
                .contains("statement: OK", "client-ps: OK", "server-ps: OK", "batch: OK")
                .doesNotContain("FAILED")
                .contains("jdbc-guard - healed connection #");
        for (String id : newIds ? threadsBefore.get().substring("server threads: ".length()).split(",") : new String[0]) {
            assertThat(with.output).as("used on a new server session").doesNotContain("(server thread " + id + ")\n");
        }
        return with.output;
    }
}
