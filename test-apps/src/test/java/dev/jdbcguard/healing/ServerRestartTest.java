package dev.jdbcguard.healing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.RestartDiagnosisApp;
import dev.jdbcguard.apps.RestartWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that restarts while a worker idles: each of the worker's statements is issued while the
 * server is down, so the heal has to wait for it (reconnectTimeout=10s). Ten restarts of 3 to 8 s
 * cost no error and every heal names the restart with the new server's uptime; a 15 s outage
 * gives one clear error after about 10 s. Both drivers at once, one connection each; the rows on
 * the server prove that nothing was lost or written twice.
 */
class ServerRestartTest {

    /** Seconds each restart keeps the server down: 3 to 8 s, as real restarts of a small server. */
    private static final int[] DOWNTIMES = {3, 8, 5, 4, 7, 3, 6, 8, 4, 5};
    private static final int OUTAGE_SECONDS = 15;
    private static final String[] DRIVERS = {"mysql", "mariadb"};

    private static LocalMariaDb server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.startPrivate();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void withoutTheAgentAStatementDuringARestartFailsAtOnce() throws Exception {
        Run run = run(Apps.withoutAgent(), new int[] {3});
        for (String driver : DRIVERS) {
            assertThat(run.failedMillis(driver, 1)).as("%s, job 1 without the agent:\n%s", driver, run.output)
                    .isBetween(0L, 2_000L);
        }
    }

    @Test
    void tenRestartsCostNoErrorAndAnOutageLongerThanReconnectTimeoutOneClearError() throws Exception {
        int[] downs = new int[DOWNTIMES.length + 1];
        System.arraycopy(DOWNTIMES, 0, downs, 0, DOWNTIMES.length);
        downs[DOWNTIMES.length] = OUTAGE_SECONDS;
        Run run = run(Apps.withAgent("reconnectTimeout=10s"), downs);
        String out = run.output;
        int outageJob = downs.length;
        for (String driver : DRIVERS) {
            for (int job = 0; job <= downs.length + 1; job++) {
                if (job == outageJob) {
                    continue;
                }
                assertThat(run.doneMillis(driver, job)).as("%s job %d succeeded:\n%s", driver, job, out).isNotNull();
            }
            long errorAfter = run.failedMillis(driver, outageJob);
            System.out.println("[restart] " + driver + ": the 15 s outage's error came after " + errorAfter + " ms");
            assertThat(errorAfter).as("%s: one error after about reconnectTimeout:\n%s", driver, out)
                    .isBetween(9_000L, 13_000L);
            assertThat(run.line(driver, outageJob))
                    .contains("[08001]", "the server did not come back within reconnectTimeout 10.0 s", "waited 1",
                            "the last failed with:", "Connection refused");

            List<double[]> heals = run.heals(driver);
            assertThat(heals).as("%s: one heal per restart and one after the outage:\n%s", driver, out)
                    .hasSize(DOWNTIMES.length + 1);
            for (int i = 0; i < heals.size(); i++) {
                double uptime = heals.get(i)[0];
                long waited = (long) heals.get(i)[1];
                System.out.println("[restart] " + driver + " heal " + (i + 1) + ": new server up " + uptime
                        + " s, reconnected in " + waited + " ms");
                // the new server's uptime at the heal: it came back moments before; the old
                // server, or a figure from before the restart, would be older than the outage
                assertThat(uptime).as("%s heal %d: uptime of the new server:\n%s", driver, i + 1, out)
                        .isLessThan(i < DOWNTIMES.length ? Math.min(3.0, DOWNTIMES[i]) : 3.0);
            }
        }
        assertThat(out).doesNotContain("the server was up since the connection opened");
        assertThat(run.exitCode).as("only the outage's job failed:\n%s", out).isEqualTo(1);
        assertThat(out.split("FAILED", -1)).as("exactly one error per driver:\n%s", out).hasSize(DRIVERS.length + 1);
    }

    /**
     * Used with no check before use (validateAfter=1h) after a restart, each connection's read
     * fails on its dead link and is diagnosed before it is healed and run again. The first cannot
     * know of the restart (its own link is dead) and says so without a figure it cannot have; the
     * second is told by the first one's heal.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aLossAfterARestartIsNeverDiagnosedAsAServerThatStayedUp(String driver) throws Exception {
        ChildJvm.Result result = Apps.withAgent("validateAfter=1h").echo().onLine(line -> {
            if (line.equals("ready")) {
                try {
                    server.restart();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }).run(RestartDiagnosisApp.class, server.host(), String.valueOf(server.port()), server.url(driver),
                TestServer.USER, TestServer.PASSWORD);
        String out = result.output;
        assertThat(result.exitCode).as("both reads healed and run again:\n%s", out).isZero();
        assertThat(out).doesNotContain("the server was up since the connection opened")
                .containsPattern("connection #2 \\(server thread \\d+\\) failed on thread main: server restarted:"
                        + " another connection of this JVM found it started \\d\\.\\d s ago, after this connection"
                        + " opened \\d+\\.\\d s ago")
                .containsPattern("healed connection #2 \\(server thread \\d+ -> \\d+\\) on thread main: server"
                        + " restarted: it has been up \\d\\.\\d s");
    }

    private static Run run(ChildJvm jvm, int[] downs) throws Exception {
        Map<String, String> results = new ConcurrentHashMap<>();
        AtomicReference<Throwable> controllerFailed = new AtomicReference<>();
        Thread controller = new Thread(() -> {
            try {
                for (int cycle = 0; cycle < downs.length; cycle++) {
                    for (String driver : DRIVERS) {
                        awaitResult(results, driver, cycle);
                    }
                    Thread.sleep(300);
                    server.downFor(downs[cycle] * 1000L);
                }
            } catch (Throwable e) {
                controllerFailed.set(e);
            }
        }, "restarter");
        controller.start();
        ChildJvm.Result result = jvm.timeout(240).echo().onLine(line -> {
            Matcher m = JOB.matcher(line);
            if (m.find()) {
                results.put(m.group(1) + " " + m.group(2), line);
            }
        }).run(RestartWorker.class, server.host(), String.valueOf(server.port()), TestServer.USER,
                TestServer.PASSWORD, "mysql=" + server.url("mysql"), "mariadb=" + server.url("mariadb"),
                "cycles=" + downs.length);
        controller.join(60_000);
        assertThat(controllerFailed.get()).as("the restarts").isNull();
        String worker = worker(result.output);
        Map<String, Integer> rows = rows(worker);
        for (String driver : DRIVERS) {
            for (int job = 0; job <= downs.length + 1; job++) {
                String line = results.get(driver + " " + job);
                assertThat(line).as("%s job %d ran:\n%s", driver, job, result.output).isNotNull();
                int expected = line.contains(": done in") ? 1 : 0;
                assertThat(rows.getOrDefault(driver + " " + job, 0))
                        .as("rows of %s job %d on the server (%s)", driver, job, line).isEqualTo(expected);
            }
        }
        assertThat(rows.keySet()).as("no rows of jobs that never ran").allMatch(k -> results.containsKey(k));
        return new Run(result, results);
    }

    private static final Pattern JOB = Pattern.compile("^(mysql|mariadb) job (\\d+): ");
    private static final Pattern WORKER = Pattern.compile("worker (restart-\\d+) with");

    private static void awaitResult(Map<String, String> results, String driver, int job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!results.containsKey(driver + " " + job)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no result for " + driver + " job " + job);
            }
            Thread.sleep(20);
        }
    }

    private static String worker(String output) {
        Matcher m = WORKER.matcher(output);
        assertThat(m.find()).as("the worker named itself:\n%s", output).isTrue();
        return m.group(1);
    }

    /** Rows per "driver job" that the worker's run left on the server. */
    private static Map<String, Integer> rows(String worker) throws Exception {
        Map<String, Integer> rows = new TreeMap<>();
        try (Connection c = server.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT driver, job, COUNT(*) FROM " + TestServer.DATABASE
                     + ".restart_jobs WHERE worker = '" + worker + "' GROUP BY driver, job")) {
            while (rs.next()) {
                rows.put(rs.getString(1) + " " + rs.getInt(2), rs.getInt(3));
            }
        }
        return rows;
    }

    private static final class Run {
        final int exitCode;
        final String output;
        final Map<String, String> results;

        Run(ChildJvm.Result result, Map<String, String> results) {
            this.exitCode = result.exitCode;
            this.output = result.output;
            this.results = results;
        }

        String line(String driver, int job) {
            return results.get(driver + " " + job);
        }

        Long doneMillis(String driver, int job) {
            Matcher m = Pattern.compile(": done in (\\d+) ms").matcher(line(driver, job));
            return m.find() ? Long.parseLong(m.group(1)) : null;
        }

        long failedMillis(String driver, int job) {
            Matcher m = Pattern.compile(": FAILED after (\\d+) ms").matcher(line(driver, job));
            assertThat(m.find()).as("%s job %d failed:\n%s", driver, job, output).isTrue();
            return Long.parseLong(m.group(1));
        }

        /** Per heal line of this driver's connection: the new server's uptime (s) and the reconnect time (ms). */
        List<double[]> heals(String driver) {
            List<double[]> found = new ArrayList<>();
            Matcher m = Pattern.compile("healed connection #\\d+ \\(server thread \\d+ -> \\d+\\) on thread worker-"
                    + driver + ": server restarted: it has been up (\\d+\\.\\d) s, the connection was opened"
                    + " \\d+\\.\\d s ago; [^;]*; reconnected in (\\d+) ms").matcher(output);
            while (m.find()) {
                found.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
            }
            return found;
        }
    }
}
