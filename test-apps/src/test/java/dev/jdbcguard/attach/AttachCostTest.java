package dev.jdbcguard.attach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.AttachPauseProbe;
import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How long an application's threads are held up while the agent retransforms the JDBC classes
 * it already loaded (both drivers and HikariCP in use). Printed for docs/ATTACH.md; asserted only
 * to be bounded, since the figure depends on the machine.
 */
class AttachCostTest {

    private static final Pattern WINDOW = Pattern.compile("pause ([0-9.]+) ms agent (yes|no)");

    @Test
    void attachPauseIsMeasuredAndBounded() throws Exception {
        TestServer server = TestServers.shared();
        AtomicReference<Cli> attach = new AtomicReference<>();
        ChildJvm.Result probe = Apps.withoutAgent().onLine(line -> {
            if (line.startsWith("probe pid ")) {
                String pid = line.substring("probe pid ".length(), line.indexOf(" ready"));
                new Thread(() -> {
                    try {
                        Thread.sleep(1_500);
                        attach.set(Cli.run("attach", pid));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).start();
            }
        }).run(AttachPauseProbe.class, server.mysqlUrl(), server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD, "6");

        assertThat(probe.exitCode).as(probe.output).isZero();
        assertThat(attach.get().exitCode).as(attach.get().toString()).isZero();
        List<Double> before = new ArrayList<>();
        List<Double> around = new ArrayList<>();
        Matcher m = WINDOW.matcher(probe.output);
        boolean attached = false;
        while (m.find()) {
            if (m.group(2).equals("yes") && !attached) {
                attached = true;
                if (!before.isEmpty()) {
                    around.add(before.remove(before.size() - 1)); // the window in which the attach began
                }
            }
            (attached ? around : before).add(Double.parseDouble(m.group(1)));
        }
        double baseline = before.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double worst = around.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        String retransform = probe.output.lines().filter(l -> l.contains("retransformed in")).findFirst().orElse("");
        System.out.printf("[attach cost] worst application pause around attach: %.1f ms (before attach: %.1f ms); %s%n",
                worst, baseline, retransform.replaceAll(".*retransformed in", "retransformed in"));
        assertThat(retransform).isNotEmpty();
        assertThat(worst).as("the application is held up for a bounded time").isLessThan(3_000.0);
    }
}
