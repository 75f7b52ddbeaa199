package dev.jdbcguard.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.ThreadClashApp;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.support.Sql;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * threads=fail stops the second thread before its statement reaches the server, which the
 * server's row counts show; in the default warn mode the same statement runs (so the test can fail).
 */
class ThreadClashTest {

    private final TestServer server = TestServers.shared();

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "mysql,concurrent,used by two threads at once: thread \"thread-B\" entered it while thread \"thread-A\" was inside",
        "mariadb,concurrent,used by two threads at once: thread \"thread-B\" entered it while thread \"thread-A\" was inside",
        "mysql,transaction,a transaction begun on thread \"thread-A\" (1 statement(s) so far) is continued on thread \"thread-B\"",
        "mariadb,transaction,a transaction begun on thread \"thread-A\" (1 statement(s) so far) is continued on thread \"thread-B\""})
    void failModeRefusesTheSecondThreadBeforeTheServerSeesIt(String driver, String kind, String report) throws Exception {
        String refused = UUID.randomUUID().toString();
        ChildJvm.Result fail = Apps.withAgent("threads=fail")
                .run(ThreadClashApp.class, server.url(driver), TestServer.USER, TestServer.PASSWORD, refused, kind);
        assertThat(fail.output)
                .contains("thread-B got java.sql.SQLNonTransientException: jdbc-guard: connection #1 (server thread ")
                .contains(report + "; refused before it reached the server (threads=fail)");
        assertThat(rows(refused, "thread-B")).as("thread B's insert never reached the server").isZero();
        assertThat(rows(refused, "thread-A")).as("thread A's work is untouched").isEqualTo(kind.equals("transaction") ? 1 : 0);

        String warned = UUID.randomUUID().toString();
        ChildJvm.Result warn = Apps.withAgent()
                .run(ThreadClashApp.class, server.url(driver), TestServer.USER, TestServer.PASSWORD, warned, kind);
        assertThat(warn.output).contains("thread-B: insert done").contains(report);
        assertThat(rows(warned, "thread-B")).as("in warn mode the statement runs").isEqualTo(1);
    }

    private long rows(String run, String thread) throws Exception {
        try (Connection admin = server.admin()) {
            return Sql.longValue(admin, "SELECT COUNT(*) FROM " + TestServer.DATABASE + ".clash WHERE run = '" + run
                    + "' AND thread = '" + thread + "'");
        }
    }
}
