package dev.jdbcguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.SecretsApp;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The password, given in URLs, Properties and DataSources, never appears in any log line, JMX
 * attribute, attached diagnosis, or status output (table and JSON).
 */
class SecretsTest {

    @Test
    void thePasswordAppearsNowhere() throws Exception {
        TestServer server = TestServers.shared();
        List<String> outputs = new ArrayList<>();
        ChildJvm.Result app = Apps.withAgent("log=debug").onLine(line -> {
            if (line.startsWith("ready pid ")) {
                String pid = line.substring("ready pid ".length());
                try {
                    outputs.add(dev.jdbcguard.attach.CliAccess.run("status", pid));
                    outputs.add(dev.jdbcguard.attach.CliAccess.run("status", pid, "--json"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }).run(SecretsApp.class, server.host(), String.valueOf(server.port()), TestServer.DATABASE, TestServer.USER,
                TestServer.PASSWORD);
        outputs.add(app.output);
        String everything = String.join("\n", outputs);

        assertThat(app.exitCode).as(app.output).isZero();
        assertThat(everything).as("the run did exercise what it must: heals, a diagnosis, a leak, JMX, status")
                .contains("healed connection #").contains("suppressed: dev.jdbcguard.diagnose.Diagnosis")
                .contains("garbage-collected without close()").contains("JMX Connections: [")
                .contains("password=***").contains("guard:***@").contains("\"connections\":[");
        assertThat(outputs.get(0)).contains("ID  ");
        assertThat(everything).doesNotContain(TestServer.PASSWORD);
        assertThat(everything.toLowerCase()).doesNotContain(TestServer.PASSWORD.toLowerCase());
        Files.writeString(Paths.get(System.getProperty("java.io.tmpdir"), "jdbc-guard-secrets-test.txt"), everything);
    }
}
