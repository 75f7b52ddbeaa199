package dev.jdbcguard.healing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.OtherDriverApp;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.io.File;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * A driver without in-place reconnect (Connector/J 5.1, com.mysql.jdbc): the dead connection is
 * reported with a clear 08003 before the doomed statement is sent, so a pool or the program can
 * replace it.
 */
class OtherDriverTest {

    @Test
    void deadConnectionIsReportedBeforeTheStatementIsSent() throws Exception {
        TestServer server = TestServers.shared();
        String url = "jdbc:mysql://" + server.host() + ":" + server.port() + "/" + TestServer.DATABASE + "?useSSL=false";
        String classpath = System.getProperty("jdbcguard.appClasses") + File.pathSeparator
                + Paths.get(System.getProperty("jdbcguard.legacyLibs"), "mysql-connector-java-5.1.49.jar");

        ChildJvm.Result without = ChildJvm.withClasspath(classpath)
                .run(OtherDriverApp.class, url, TestServer.USER, TestServer.PASSWORD);
        assertThat(without.output).contains("first query: ok")
                .contains("after idling: com.mysql.jdbc.exceptions.jdbc4.CommunicationsException [08S01]");

        ChildJvm.Result with = ChildJvm.withClasspath(classpath).agent(Apps.agentJar(), null)
                .run(OtherDriverApp.class, url, TestServer.USER, TestServer.PASSWORD);
        assertThat(with.exitCode).as(with.output).isZero();
        assertThat(with.output)
                .contains("after idling: java.sql.SQLRecoverableException [08003]: jdbc-guard: connection #1")
                .containsPattern("is dead \\(idle \\d+\\.\\d s > wait_timeout 2 s\\); this driver cannot be reconnected in place\\."
                        + " Close it and open a new one\\.")
                .contains("new connection: ok");
    }
}
