package dev.jdbcguard.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.LeakDrops;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 100 connections dropped without close() are reported with their creation site after a GC;
 * 100 closed ones are never reported; the registry returns to its baseline.
 */
class GarbageCollectedLeakTest {

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void droppedConnectionsAreReportedClosedOnesNever(String driver) throws Exception {
        TestServer server = TestServers.shared();
        ChildJvm.Result result = Apps.withAgent()
                .run(LeakDrops.class, server.url(driver), TestServer.USER, TestServer.PASSWORD, "count=100");
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("leaked counter: 100\n");
        Matcher entries = Pattern.compile("registry entries: (\\d+) before, (\\d+) after").matcher(result.output);
        assertThat(entries.find()).as(result.output).isTrue();
        assertThat(entries.group(2)).as("registry back to its baseline").isEqualTo(entries.group(1));
        Matcher within = Pattern.compile("reported within: (\\d+) ms").matcher(result.output);
        assertThat(within.find()).isTrue();
        assertThat(Long.parseLong(within.group(1))).as("one GC cycle, then the 1.5 s watch for late reports")
                .isLessThan(6_000L);

        int reported = 0;
        Matcher lines = Pattern.compile("\\[WARN] jdbc-guard - (\\d+) connection\\(s\\) garbage-collected without close\\(\\)"
                + " \\(leaked\\), opened at dev.jdbcguard.apps.LeakDrops.leak\\(LeakDrops.java:\\d+\\)"
                + " <- LeakDrops.main\\(LeakDrops.java:\\d+\\) \\[#").matcher(result.output);
        while (lines.find()) {
            reported += Integer.parseInt(lines.group(1));
        }
        assertThat(reported).as("every leak reported once, with its creation site").isEqualTo(100);
        assertThat(result.output).doesNotContain("LeakDrops.closeProperly");
    }
}
