package dev.jdbcguard.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.SharedConnectionWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reproducer (a static connection shared by a worker pool) gets both kinds of report. */
class SharedConnectionTest {

    private static final Pattern CONCURRENT = Pattern.compile("\\[WARN] jdbc-guard - connection #\\d+ \\(server thread \\d+\\)"
            + " used by two threads at once: thread \"(worker-\\d+)\" entered it while thread \"(worker-\\d+)\" was inside\\."
            + " Their statements and transactions interleave on one session; give each thread its own connection,"
            + " or borrow one from a pool per task\\. \\[threads=warn; reported once a minute per connection and call site]\n"
            + " {4}thread \"\\1\":\n(?: {8}at .*\n)*? {8}at dev\\.jdbcguard\\.apps\\.SharedConnectionWorker\\.runTransaction.*\n"
            + "(?: {8}.*\n)*"
            + " {4}thread \"\\2\" \\(sampled now\\):\n {8}at ");
    private static final Pattern TRANSACTION = Pattern.compile("\\[WARN] jdbc-guard - connection #\\d+ \\(server thread \\d+\\):"
            + " a transaction begun on thread \"(worker-\\d+)\" \\(\\d+ statement\\(s\\) so far\\) is (?:continued|committed)"
            + " on thread \"(worker-\\d+)\"\\. One thread's commit commits the other's half-done work; keep each transaction"
            + " on the thread that began it\\.");

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void sharedConnectionIsReportedWithBothThreadsAndStacks(String driver) throws Exception {
        TestServer server = TestServers.shared();
        ChildJvm.Result result = Apps.withAgent()
                .run(SharedConnectionWorker.class, server.url(driver), TestServer.USER, TestServer.PASSWORD);
        assertThat(result.exitCode).as(result.output).isZero();

        Matcher concurrent = CONCURRENT.matcher(result.output);
        assertThat(concurrent.find()).as("a concurrent-use report with both stacks in:\n%s", result.output).isTrue();
        assertThat(concurrent.group(1)).isNotEqualTo(concurrent.group(2));

        Matcher transaction = TRANSACTION.matcher(result.output);
        assertThat(transaction.find()).as("a cross-thread transaction report in:\n%s", result.output).isTrue();
        assertThat(transaction.group(1)).isNotEqualTo(transaction.group(2));
    }
}
