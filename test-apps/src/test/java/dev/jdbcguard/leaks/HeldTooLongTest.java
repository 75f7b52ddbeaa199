package dev.jdbcguard.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.HeldTooLongApp;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import org.junit.jupiter.api.Test;

/** heldTooLong reports borrows that outstay it, in every pool, and says when they come back. */
class HeldTooLongTest {

    @Test
    void longBorrowsAreReportedAndTheirReturnToo() throws Exception {
        TestServer server = TestServers.shared();
        ChildJvm.Result result = Apps.withAgent("heldTooLong=1s")
                .run(HeldTooLongApp.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD, "hold=3");
        assertThat(result.exitCode).as(result.output).isZero();
        for (String pool : new String[] {"HikariCP #1", "DBCP2 #1", "c3p0 #1"}) {
            assertThat(result.output)
                    .containsPattern("\\[WARN] jdbc-guard - connection #\\d+ \\(server thread \\d+\\) checked out of " + pool
                            + " by thread \"main\" \\d+\\.\\d s ago and not returned \\(heldTooLong=1\\.0 s\\); taken at"
                            + " dev\\.jdbcguard\\.apps\\.HeldTooLongApp\\.borrow\\(HeldTooLongApp\\.java:\\d+\\)")
                    .containsPattern("\\[INFO] jdbc-guard - connection #\\d+ \\(server thread \\d+\\) returned to " + pool
                            + " after \\d+\\.\\d s \\(taken by thread \"main\", reported as held too long\\)");
        }
        assertThat(result.output)
                .containsPattern("connection #\\d+ \\(server thread \\d+\\) open without a pool for \\d+\\.\\d s \\(heldTooLong=1\\.0 s\\),"
                        + " opened by thread \"main\" at dev\\.jdbcguard\\.apps\\.HeldTooLongApp\\.main\\(HeldTooLongApp\\.java:\\d+\\)")
                .containsPattern("connection #\\d+ \\(server thread \\d+\\) closed after \\d+\\.\\d s \\(opened by thread \"main\","
                        + " reported as held too long\\)");
    }
}
