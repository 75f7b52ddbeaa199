package dev.jdbcguard.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.LeakyModules;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.LocalMariaDb;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The leaky-modules reproducer ends in 1040; with the agent the log says who holds the connections. */
class LeakyModulesTest {

    private static final Pattern OPENED = Pattern.compile("modules opened: (\\d+)");
    private static LocalMariaDb server;

    @BeforeAll
    static void serverWithTenConnections() throws Exception {
        server = TestServers.startPrivate("--max-connections=10");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void theLogNamesTheCreationSiteThatHoldsTheConnections(String driver) throws Exception {
        String[] args = {server.url(driver), TestServer.USER, TestServer.PASSWORD};
        ChildJvm.Result without = Apps.withoutAgent().run(LeakyModules.class, args);
        assertThat(without.exitCode).as(without.output).isEqualTo(1);
        assertThat(without.output).contains("/1040] ").containsIgnoringCase("too many connections");

        ChildJvm.Result with = Apps.withAgent().run(LeakyModules.class, args);
        assertThat(with.exitCode).as(with.output).isEqualTo(1);
        Matcher opened = OPENED.matcher(with.output);
        assertThat(opened.find()).isTrue();
        int held = Integer.parseInt(opened.group(1));
        assertThat(held).isBetween(8, 10);
        String site = "dev.jdbcguard.apps.LeakyModules\\$Module.<init>\\(LeakyModules.java:\\d+\\)"
                + " <- LeakyModules.main\\(LeakyModules.java:\\d+\\)";
        assertThat(with.output).containsPattern("\\[WARN] jdbc-guard - connecting to 127.0.0.1:" + server.port()
                + " failed on thread main: too many connections: the server refused a new session \\(error 1040;"
                + " max_connections 10\\); " + held + " connection\\(s\\) open to 127.0.0.1:" + server.port()
                + " from this JVM \\(\\d+% of max_connections 10\\); top creation sites: " + site + " x" + held + " ");
        assertThat(with.output).containsPattern("\\[WARN] jdbc-guard - connection pressure: 8 connection\\(s\\) open to"
                + " 127.0.0.1:" + server.port() + " from this JVM \\(80% of max_connections 10\\); top creation sites: "
                + site + " x8 \\[pressureWarnAt=80%]");
    }
}
