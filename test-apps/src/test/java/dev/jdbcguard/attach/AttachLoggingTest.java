package dev.jdbcguard.attach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.IdleWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * attach with logTo=application: the connection was opened before the agent came, so the lines
 * wait for its adoption at its next use, on the worker's thread, and then go through the worker's
 * SLF4J backend (slf4j-simple, on the test apps' class path), not the agent's own layout.
 */
class AttachLoggingTest {

    @Test
    void afterAnAttachTheLinesGoThroughTheProgramsSlf4jOnceTheOpenConnectionIsUsed() throws Exception {
        TestServer server = TestServers.shared();
        AtomicReference<String> pid = new AtomicReference<>();
        AtomicReference<Cli> attach = new AtomicReference<>();
        ChildJvm.Result worker = Apps.withoutAgent().jvmOption("-Dorg.slf4j.simpleLogger.log.jdbc-guard=info")
                .onLine(line -> {
                    try {
                        if (line.startsWith("worker pid ")) {
                            pid.set(line.substring("worker pid ".length()));
                        } else if (line.startsWith("idling")) {
                            attach.set(Cli.run("attach", pid.get(), "logTo=application"));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).run(IdleWorker.class, server.mariadbUrl(), TestServer.USER, TestServer.PASSWORD,
                        "waitTimeout=2", "idle=6", "jobs=2");

        assertThat(attach.get().exitCode).as(attach.get().out + attach.get().err).isZero();
        assertThat(worker.exitCode).as(worker.output).isZero();
        assertThat(worker.output).as(worker.output)
                .containsPattern("\\[main] INFO jdbc-guard - started \\(attached\\): .*logTo=application.* \\[held from .*"
                        + " until the first JDBC connection]")
                .containsPattern("\\[main] INFO jdbc-guard - healed connection #1 \\(server thread \\d+ -> \\d+\\) on thread"
                        + " main: opened before the agent was attached")
                .doesNotContain("[INFO] jdbc-guard - ");
    }
}
