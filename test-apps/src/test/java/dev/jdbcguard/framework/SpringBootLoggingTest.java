package dev.jdbcguard.framework;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * logTo=application in a Spring Boot jar: SLF4J and Logback live in Boot's own class loader,
 * which neither the agent's loader nor the system class loader sees; the agent finds them
 * through the thread that opens the first connection, and its lines come out in Boot's console
 * layout, after Boot set its logging up.
 */
class SpringBootLoggingTest {

    /** Boot's console pattern: level, pid, ---, [application name, when set] [thread], logger padded, " : ", message. */
    private static final Pattern BOOT_LINE = Pattern.compile(
            " INFO \\d+ --- (\\[[^]]*\\] )?\\[ *main\\] jdbc-guard +: started \\(-javaagent\\): .*logTo=application.*"
                    + " \\[held from .* on thread jdbc-guard-start until the first JDBC connection]");

    @Test
    void theAgentsLinesComeOutThroughSpringBootsLogging() throws Exception {
        TestServer server = TestServers.shared();
        String output;
        // Hibernate opens the first connection while the service starts, on the main thread
        try (SpringService service = SpringService.start(server, true, List.of("-Djdbcguard.logTo=application"))) {
            output = service.output();
        }

        assertThat(output).as(output).containsPattern(BOOT_LINE).doesNotContain("] jdbc-guard - ")
                .doesNotContain(TestServer.PASSWORD);
        String started = output.lines().filter(l -> l.contains("started (-javaagent)")).findFirst().orElseThrow();
        String boot = output.lines().filter(l -> l.contains("Starting ServiceApplication")).findFirst().orElseThrow();
        assertThat(output.indexOf(boot)).as("Boot's logging was set up before the agent's first line reached it")
                .isLessThan(output.indexOf(started));
    }
}
