package dev.jdbcguard.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.IdleWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attached to a JVM that is already recording: the event classes, loaded by the agent's class
 * loader (the application's, after the attach) while the recording runs, land in the recording.
 */
class AttachedEventsTest {

    private static final Pattern JOB = Pattern.compile("job (\\d): done on server thread (\\d+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"this JDK", AttachTest.TEMURIN_25})
    void aHealAfterTheAttachIsARecordedEvent(String jdk) throws Exception {
        ChildJvm worker = Apps.withoutAgent();
        if (!jdk.equals("this JDK")) {
            assumeTrue(Files.isExecutable(Paths.get(jdk, "bin", "java")), "no JDK at " + jdk);
            worker.javaHome(jdk);
        }
        Path recording = dir.resolve("attached.jfr");
        AtomicReference<String> pid = new AtomicReference<>();
        AtomicReference<Cli> attach = new AtomicReference<>();
        ChildJvm.Result result = worker.jvmOption("-XX:StartFlightRecording=filename=" + recording).onLine(line -> {
            try {
                if (line.startsWith("worker pid ")) {
                    pid.set(line.substring("worker pid ".length()));
                } else if (line.startsWith("idling") && attach.get() == null) {
                    attach.set(Cli.run("attach", pid.get()));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).run(IdleWorker.class, TestServers.shared().url("mariadb"), TestServer.USER, TestServer.PASSWORD,
                "waitTimeout=2", "idle=8", "jobs=2");
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(attach.get().exitCode).as(attach.get().toString()).isZero();
        assertThat(result.output).contains("jdbc-guard - started (attached)", "healed connection #1");

        List<Long> threads = new ArrayList<>();
        Matcher m = JOB.matcher(result.output);
        while (m.find()) {
            threads.add(Long.parseLong(m.group(2)));
        }
        assertThat(threads).as(result.output).hasSize(2);
        List<RecordedEvent> heals = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("dev.jdbcguard.Heal")).collect(Collectors.toList());
        assertThat(heals).as(result.output).hasSize(1);
        RecordedEvent heal = heals.get(0);
        assertThat(heal.getLong("connectionId")).isEqualTo(1);
        assertThat(heal.getLong("oldServerThread")).isEqualTo(threads.get(0));
        assertThat(heal.getLong("newServerThread")).isEqualTo(threads.get(1));
        assertThat(heal.getString("cause")).isEqualTo("opened before the agent was attached, so its idle time is"
                + " unknown, and the ping failed");
    }
}
