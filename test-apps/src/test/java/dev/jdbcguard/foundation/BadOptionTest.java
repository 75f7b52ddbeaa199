package dev.jdbcguard.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.IdleWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import org.junit.jupiter.api.Test;

/** A bad option is reported clearly, with the valid choices, and the application still runs. */
class BadOptionTest {

    private final TestServer server = TestServers.shared();

    @Test
    void badValueIsReportedAndTheProgramStillRunsItsQueries() throws Exception {
        ChildJvm.Result result = Apps.withAgent("validateAfter=banana")
                .run(IdleWorker.class, server.mysqlUrl(), TestServer.USER, TestServer.PASSWORD, "jobs=1");
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output)
                .contains("[ERROR] jdbc-guard - option validateAfter=banana is not valid: expected a duration such as"
                        + " 500ms, 2s, 5m or 1h (0 means always); using the default validateAfter=2s")
                .contains("job 1: done")
                .contains("all 1 jobs done");
    }

    @Test
    void unknownKeyAndBadSystemPropertyAreReportedAndTheProgramStillRuns() throws Exception {
        ChildJvm.Result result = Apps.withAgent("foo=1,heal=maybe").jvmOption("-Djdbcguard.log=loud")
                .run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD, "jobs=1");
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output)
                .contains("unknown option 'foo'; valid options: validateAfter, pingTimeout, reconnectTimeout, heal, log, threads, strictThreads, creationStacks, pressureWarnAt, maxConnections, heldTooLong")
                .contains("option heal=maybe is not valid: expected one of on, off; using the default heal=on")
                .contains("option log=loud is not valid: expected one of debug, info, warn, off; using the default log=info")
                .contains("all 1 jobs done");
    }
}
