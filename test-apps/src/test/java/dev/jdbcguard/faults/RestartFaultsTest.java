package dev.jdbcguard.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.FaultyLink;
import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile sides of waiting for a restarting server (this JVM runs the agent with its defaults:
 * validateAfter=2s, reconnectTimeout=10s): an interrupt ends the wait at once; a connect that
 * hangs costs reconnectTimeout once, not once per try; a read cut by the restart waits for the
 * server only when it may run again.
 */
class RestartFaultsTest {

    private static LocalMariaDb server;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.startPrivate();
    }

    @AfterAll
    static void stop() {
        TIMER.shutdownNow();
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void anInterruptEndsTheWaitAtOnceAndKeepsTheFlag(String driver) throws Exception {
        try (Connection c = server.connect(driver)) {
            Sql.longValue(c, "SELECT 1");
            server.stop();
            Thread.sleep(2_300); // past validateAfter: the next use pings, fails, and waits for the server
            Thread caller = Thread.currentThread();
            TIMER.schedule(caller::interrupt, 1_000, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> Sql.longValue(c, "SELECT 1"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            boolean interrupted = Thread.interrupted(); // also clears it for what follows

            assertThat(thrown).isInstanceOf(SQLException.class)
                    .hasMessageContaining("the wait for the server to come back was interrupted")
                    .hasMessageContaining("the thread's interrupt flag is kept");
            assertThat(((SQLException) thrown).getSQLState()).isEqualTo("08001");
            assertThat(interrupted).as("the interrupt flag is kept").isTrue();
            assertThat(millis).as("ended by the interrupt after 1 s, not by reconnectTimeout").isBetween(800L, 3_000L);

            server.restart();
            assertThat(Sql.longValue(c, "SELECT 42")).as("healed once the server is back").isEqualTo(42);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aConnectThatHangsCostsReconnectTimeoutOnce(String driver) throws Exception {
        try (FaultyLink link = FaultyLink.to(server);
             Connection c = DriverManager.getConnection(link.url(server, driver), TestServer.USER, TestServer.PASSWORD)) {
            Sql.longValue(c, "SELECT 1");
            link.cutAll(); // the old session ends at once: the ping fails fast
            link.mode(FaultyLink.Mode.BLACK_HOLE); // a new one is accepted and never greeted
            Thread.sleep(2_300);
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> Sql.longValue(c, "SELECT 1"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(thrown).isInstanceOf(SQLException.class)
                    .hasMessageContaining("the server did not come back within reconnectTimeout 10.0 s")
                    .hasMessageContaining("1 connect attempt(s)");
            assertThat(((SQLException) thrown).getSQLState()).isEqualTo("08001");
            assertThat(millis).as("one try bounded by reconnectTimeout").isBetween(9_500L, 14_000L);

            link.mode(FaultyLink.Mode.PASS);
            link.cutAll();
            assertThat(Sql.longValue(c, "SELECT 42")).as("healed once the link greets again").isEqualTo(42);
        }
    }

    /**
     * A read that ran over a second when the restart cut it is run again only if its old session
     * survived, and a server that has to be waited for has lost it: the error comes at once.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aLongReadCutByTheRestartFailsAtOnce(String driver) throws Exception {
        long millis = cutByARestart(driver, 2_000, true);
        assertThat(millis).as("the error comes when the server goes, not after the wait").isLessThan(4_500L);
    }

    /** A pure read cut within its first second waits for the server and runs again. */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void aShortReadCutByTheRestartWaitsAndRunsAgain(String driver) throws Exception {
        long millis = cutByARestart(driver, 300, false);
        assertThat(millis).as("cut, waited out the 4 s downtime, then slept its 3 s again").isGreaterThan(7_000L);
    }

    /** SELECT SLEEP(3), with the server going down for 4 s {@code after} ms into it; how long the call took. */
    private static long cutByARestart(String driver, long after, boolean fails) throws Exception {
        try (Connection c = server.connect(driver)) {
            Sql.longValue(c, "SELECT 1");
            java.util.concurrent.ScheduledFuture<Object> restart = TIMER.schedule(() -> {
                server.downFor(4_000);
                return null;
            }, after, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> Sql.longValue(c, "SELECT SLEEP(3)"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("[restart] " + driver + ": SELECT SLEEP(3) cut by a restart after " + after + " ms: "
                    + (thrown == null ? "ran again, " : "failed, ") + millis + " ms"
                    + (thrown == null ? "" : ": [" + ((SQLException) thrown).getSQLState() + "] " + thrown.getMessage()));
            if (fails) {
                assertThat(thrown).isInstanceOf(SQLException.class);
            } else {
                assertThat(thrown).isNull();
            }
            restart.get(60, TimeUnit.SECONDS); // the server is back
            Thread.sleep(2_300);
            assertThat(Sql.longValue(c, "SELECT 42")).as("usable once the server is back").isEqualTo(42);
            return millis;
        }
    }
}
