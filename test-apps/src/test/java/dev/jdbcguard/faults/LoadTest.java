package dev.jdbcguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.LoadApp;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 64 threads through a pool of 16 for 10 s with the agent: no deadlock, no false report, the
 * agent's registry does not grow; throughput printed next to the same run without the agent.
 */
class LoadTest {

    private static final Pattern THROUGHPUT = Pattern.compile("throughput: (\\d+) transactions/s");
    private static final Pattern ENTRIES = Pattern.compile("agent (before|after): entries (\\d+)");

    @Test
    void sixtyFourThreadsThroughAPoolOfSixteen() throws Exception {
        TestServer server = TestServers.shared();
        String[] args = {server.mysqlUrl(), TestServer.USER, TestServer.PASSWORD, "seconds=10"};
        ChildJvm.Result without = Apps.withoutAgent().run(LoadApp.class, args);
        ChildJvm.Result with = Apps.withAgent().run(LoadApp.class, args);
        assertThat(without.exitCode).as(without.output).isZero();
        assertThat(with.exitCode).as("finished: no deadlock\n%s", with.output).isZero();

        long plain = throughput(without.output);
        long guarded = throughput(with.output);
        System.out.printf("[load] 64 threads, pool 16, 10 s: %d tx/s without the agent, %d tx/s with it (ratio %.3f)%n",
                plain, guarded, guarded / (double) plain);

        assertThat(with.output).doesNotContain("used by two threads at once").doesNotContain("a transaction begun on thread")
                .contains("concurrentUse=0").contains("crossThreadTransactions=0").contains("leaked=0");
        Matcher entries = ENTRIES.matcher(with.output);
        assertThat(entries.find()).isTrue();
        long before = Long.parseLong(entries.group(2));
        assertThat(entries.find()).isTrue();
        long after = Long.parseLong(entries.group(2));
        assertThat(after).as("the registry holds the pool's connections, not one entry per transaction")
                .isLessThanOrEqualTo(before + 16);
    }

    private static long throughput(String output) {
        Matcher m = THROUGHPUT.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Long.parseLong(m.group(1));
    }
}
