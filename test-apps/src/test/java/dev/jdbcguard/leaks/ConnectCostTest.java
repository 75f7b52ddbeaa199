package dev.jdbcguard.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.ConnectCost;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the agent adds to a connect: the creation stack capture (creationStacks=on vs off) and
 * the server facts it reads. Medians over 1,000 connects, printed for docs/LEAKS.md; asserted
 * only to be measured, since the figures depend on the machine.
 */
class ConnectCostTest {

    private static final Pattern MEDIAN = Pattern.compile("median connect: ([0-9.]+) ms \\(p90 ([0-9.]+) ms\\)");

    @Test
    void connectCostWithAndWithoutStackCapture() throws Exception {
        TestServer server = TestServers.shared();
        String[] args = {server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD, "connects=1000"};
        double[] none = new double[3];
        double[] offs = new double[3];
        double[] ons = new double[3];
        for (int round = 0; round < 3; round++) { // interleaved, so machine noise hits all three alike
            none[round] = median(Apps.withoutAgent().run(ConnectCost.class, args));
            offs[round] = median(Apps.withAgent("creationStacks=off").run(ConnectCost.class, args));
            ons[round] = median(Apps.withAgent("creationStacks=on").run(ConnectCost.class, args));
        }
        double off = middle(offs);
        double on = middle(ons);
        System.out.printf(java.util.Locale.ROOT, "[connect cost] median of 1000 connects (MariaDB Connector/J, loopback):"
                + " no agent %.3f ms, agent with creationStacks=off %.3f ms, with creationStacks=on %.3f ms;"
                + " stack capture %.3f ms (medians of 3 interleaved runs)%n", middle(none), off, on, on - off);
        assertThat(on).isPositive();
        assertThat(off).isPositive();
    }

    private static double middle(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(ChildJvm.Result result) {
        Matcher m = MEDIAN.matcher(result.output);
        assertThat(m.find()).as(result.output).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
