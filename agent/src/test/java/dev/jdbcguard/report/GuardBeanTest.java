package dev.jdbcguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.core.ConnectionRegistry;
import dev.jdbcguard.core.Counters;
import dev.jdbcguard.core.StateView;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The beans scrapers read: their names, their attributes, and where they are registered. */
class GuardBeanTest {

    @Test
    void everyCounterIsAnAttributeOfItsOwnAndEveryCauseABean() throws Exception {
        Counters counters = new Counters();
        counters.healed(Counters.IDLE_TIMEOUT);
        counters.healed(Counters.KILLED);
        counters.healed(Counters.KILLED);
        counters.refused("no such cause");
        counters.retried(Counters.NOT_SENT);
        counters.concurrentUse.increment();
        counters.pings.add(5);
        StateView state = new StateView(new ConnectionRegistry(), counters);
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        new Beans(state, new GuardBean(state, "opts")).accept(server);

        ObjectName guard = new ObjectName(GuardBean.NAME);
        for (Map.Entry<String, Long> counter : counters.snapshot().entrySet()) {
            String attribute = Character.toUpperCase(counter.getKey().charAt(0)) + counter.getKey().substring(1);
            assertThat(server.getAttribute(guard, attribute)).as(attribute).isEqualTo(counter.getValue());
        }
        assertThat(server.getAttribute(guard, "Heals")).isEqualTo(3L);
        assertThat(server.getAttribute(guard, "OpenConnections")).isEqualTo(0);
        assertThat(count(server, "heals", "killed")).isEqualTo(2L);
        assertThat(count(server, "heals", "idle_timeout")).isEqualTo(1L);
        assertThat(count(server, "heals", "server_restart")).isEqualTo(0L);
        assertThat(count(server, "refusals", "unknown")).as("a cause not in the list").isEqualTo(1L);
        assertThat(count(server, "retries", "not_sent")).isEqualTo(1L);
        assertThat(count(server, "clashes", "concurrent")).isEqualTo(1L);
        assertThat(count(server, "leaks", "unclosed")).isEqualTo(0L);
        assertThat(server.queryNames(new ObjectName("dev.jdbcguard:type=Events,*"), null)).hasSize(15);
    }

    @Test
    void serverNamesCarryHostAndPortAsKeys() {
        assertThat(Beans.serverName("db1.example:3307").toString()).isEqualTo("dev.jdbcguard:type=Server,host=db1.example,port=3307");
        assertThat(Beans.serverName("[::1]:3306").getKeyProperty("host")).as("JMX quotes what has a colon")
                .isEqualTo("\"[::1]\"");
        assertThat(Beans.serverName("unknown server").getKeyProperty("port")).isEqualTo("unknown");
        assertThat(Beans.name("type=Pool,name=", "HikariCP #1").getKeyProperty("name")).isEqualTo("HikariCP #1");
    }

    /**
     * Another agent's premain (or the program) built the platform server before ours ran: the
     * builder is never asked again, so offer() registers in the server that exists.
     */
    @Test
    void offerRegistersAtOnceWhenThePlatformServerExistsAlready() throws Exception {
        String builder = "javax.management.builder.initial";
        String before = System.getProperty(builder);
        System.clearProperty(builder);
        try {
            MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
            ObjectName guard = new ObjectName(GuardBean.NAME);
            if (platform.isRegistered(guard)) {
                platform.unregisterMBean(guard);
            }
            StateView state = new StateView(new ConnectionRegistry(), new Counters());
            assertThat(new GuardBean(state, "opts").offer()).isTrue();
            assertThat(platform.isRegistered(guard)).isTrue();
            assertThat(platform.isRegistered(new ObjectName("dev.jdbcguard:type=Events,event=heals,cause=killed"))).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(builder);
            } else {
                System.setProperty(builder, before);
            }
        }
    }

    private static Object count(MBeanServer server, String event, String cause) throws Exception {
        return server.getAttribute(new ObjectName("dev.jdbcguard:type=Events,event=" + event + ",cause=" + cause), "Count");
    }
}
