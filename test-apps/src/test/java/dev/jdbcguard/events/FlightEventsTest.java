package dev.jdbcguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.apps.ChildJvm;
import dev.jdbcguard.apps.EventsWorker;
import dev.jdbcguard.support.Apps;
import dev.jdbcguard.testdb.TestServer;
import dev.jdbcguard.testdb.TestServers;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker heals, loses a transaction and is refused, leaks a connection and shares one between
 * two threads under a JFR recording: each fact is in the recording as a {@code dev.jdbcguard.*}
 * event whose fields are the figures of its log line. Without the jdk.jfr module the same worker
 * starts, heals and logs.
 */
class FlightEventsTest {

    static final String OPTIONS = "validateAfter=1s,maxConnections=2,pressureWarnAt=100%,heldTooLong=2s";
    /**
     * The least the agent and both drivers run with, and nothing of JFR: java.sql (which brings
     * java.logging, java.transaction.xa and java.xml); java.naming, without which both drivers fail
     * to connect (NoClassDefFoundError: javax/naming/NamingException); java.management for the
     * agent's JMX bean (without it the agent starts without the bean); java.instrument for -javaagent.
     */
    static final String WITHOUT_JFR = "java.sql,java.naming,java.management,java.instrument";
    static final String WITHOUT_JFR_AND_JMX = "java.sql,java.naming,java.instrument";

    private final TestServer server = TestServers.shared();

    @TempDir
    Path dir;

    @Test
    void eachFactIsAnEventWithTheFieldsOfItsLogLine() throws Exception {
        Path recording = dir.resolve("worker.jfr");
        ChildJvm.Result result = Apps.withAgent(OPTIONS).jvmOption("-XX:StartFlightRecording=filename=" + recording)
                .run(EventsWorker.class, server.url("mariadb"), TestServer.USER, TestServer.PASSWORD);
        String out = result.output;
        assertThat(result.exitCode).as(out).isZero();
        assertThat(out).contains("jdk.jfr module: present", "events worker done");
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.jdbcguard.")).collect(Collectors.toList());

        // the heal: killed, idle past validateAfter, pinged and reconnected before the next statement
        Matcher heal = find(out, "heal: server thread (\\d+) -> (\\d+)");
        Matcher healLine = find(out, "healed connection #(\\d+) \\(server thread " + heal.group(1) + " -> "
                + heal.group(2) + "\\) on thread main: (.*?); reconnected in");
        long id = Long.parseLong(healLine.group(1));
        RecordedEvent healed = one(events, "dev.jdbcguard.Heal", e -> e.getLong("oldServerThread") == num(heal, 1));
        assertThat(healed.getLong("connectionId")).isEqualTo(id);
        assertThat(healed.getLong("newServerThread")).isEqualTo(num(heal, 2));
        assertThat(healed.getString("cause")).isEqualTo(healLine.group(2));
        assertThat(healed.getString("server")).isEqualTo(server.host() + ":" + server.port());
        assertThat(healed.getDuration("idle")).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(healed.getDuration("reconnect")).isPositive();
        assertThat(healed.getString("restored")).isNotNull();
        assertThat(healed.getThread().getJavaName()).isEqualTo("main");
        assertThat(healed.getEventType().getCategoryNames()).containsExactly("jdbc-guard");

        // the statement under which the transaction was lost: a diagnosed loss, then a lost transaction
        long lost = num(find(out, "transaction: lost on server thread (\\d+)"), 1);
        assertThat(out).contains("transaction: lost, got SQLState 40000", "transaction: refused, got SQLState 40000");
        Matcher lossLine = find(out, "connection #" + id + " \\(server thread " + lost + "\\) failed on thread main: (.*)"
                + " \\[(\\w+) (\\w+)]\n");
        RecordedEvent loss = one(events, "dev.jdbcguard.Loss", e -> e.getLong("serverThread") == lost);
        assertThat(loss.getLong("connectionId")).isEqualTo(id);
        assertThat(loss.getString("cause")).isEqualTo(lossLine.group(1));
        assertThat(loss.getString("error")).contains(lossLine.group(2), lossLine.group(3));
        RecordedEvent transaction = one(events, "dev.jdbcguard.TransactionLost", e -> e.getLong("serverThread") == lost);
        assertThat(transaction.getLong("connectionId")).isEqualTo(id);
        assertThat(transaction.getString("cause")).startsWith("the statement failed: ");
        assertThat(transaction.getInt("statements")).isPositive();
        RecordedEvent refusal = one(events, "dev.jdbcguard.Refusal", e -> e.getLong("connectionId") == id);
        assertThat(refusal.getString("sql")).isEqualTo("INSERT INTO events_run (step) VALUES ('password=***");
        assertThat(refusal.getString("lostTransaction")).isEqualTo(transaction.getString("cause"));
        long afterRollback = num(find(out, "transaction: rolled back, now on server thread (\\d+)"), 1);
        assertThat(one(events, "dev.jdbcguard.Heal", e -> e.getLong("oldServerThread") == lost)
                .getLong("newServerThread")).isEqualTo(afterRollback);

        // the leak, with its creation chain
        long dropped = num(find(out, "leak: dropped server thread (\\d+)"), 1);
        Matcher leakLine = find(out, "1 connection\\(s\\) garbage-collected without close\\(\\) \\(leaked\\), opened at"
                + " (dev\\.jdbcguard\\.apps\\.EventsWorker\\.leakOne.*?) \\[#(\\d+)]");
        RecordedEvent leak = one(events, "dev.jdbcguard.Leak", e -> e.getLong("serverThread") == dropped);
        assertThat(leak.getLong("connectionId")).isEqualTo(Long.parseLong(leakLine.group(2)));
        assertThat(leak.getString("openedAt")).isEqualTo(leakLine.group(1));
        assertThat(leak.getString("openedBy")).isEqualTo("main");
        assertThat(leak.getString("pool")).isEmpty();

        // two threads in one connection at once
        assertThat(out).contains("connection #" + id + " (server thread " + afterRollback + ") used by two threads at"
                + " once: thread \"clash-B\" entered it while thread \"clash-A\" was inside");
        // clash-B enters twice while clash-A is inside (createStatement, then the query): two call sites, two reports
        List<RecordedEvent> clashes = events.stream().filter(e -> e.getEventType().getName().equals("dev.jdbcguard.ThreadClash"))
                .collect(Collectors.toList());
        assertThat(clashes).as("%s", events).isNotEmpty().allSatisfy(clash -> {
            assertThat(clash.getLong("connectionId")).isEqualTo(id);
            assertThat(clash.getString("kind")).isEqualTo("concurrent");
            assertThat(clash.getLong("serverThread")).isEqualTo(afterRollback);
            assertThat(clash.getString("thread")).isEqualTo("clash-B");
            assertThat(clash.getString("otherThread")).isEqualTo("clash-A");
            assertThat(clash.getString("otherStack")).contains("dev.jdbcguard.apps.EventsWorker.lambda$clash$");
            assertThat(clash.getString("message")).isEqualTo("connection #" + id + " (server thread " + afterRollback
                    + ") used by two threads at once: thread \"clash-B\" entered it while thread \"clash-A\" was inside");
            assertThat(clash.getString("policy")).isEqualTo("warn");
            assertThat(clash.getBoolean("refused")).isFalse();
            assertThat(clash.getThread().getJavaName()).isEqualTo("clash-B");
        });

        // the second connection reached maxConnections=2 at pressureWarnAt=100%
        assertThat(out).contains("[WARN] jdbc-guard - connection pressure: ");
        RecordedEvent pressure = one(events, "dev.jdbcguard.ConnectionPressure", e -> true);
        assertThat(pressure.getString("server")).isEqualTo(server.host() + ":" + server.port());
        assertThat(pressure.getInt("open")).isEqualTo(2);
        assertThat(pressure.getLong("maxConnections")).isEqualTo(2);
        assertThat(pressure.getInt("warnAtPercent")).isEqualTo(100);

        // an autocommit write after the kill: healed, but the write's outcome is unknown
        Matcher unknown = find(out, "unknown outcome: lost on server thread (\\d+), got SQLState 08007");
        Matcher unknownLine = find(out, "connection #" + id + " \\(server thread \\d+\\): (.*?); the outcome is unknown");
        RecordedEvent outcome = one(events, "dev.jdbcguard.UnknownOutcome", e -> true);
        assertThat(outcome.getLong("connectionId")).isEqualTo(id);
        assertThat(outcome.getLong("serverThread")).as("the session the write was sent to").isEqualTo(num(unknown, 1));
        assertThat(outcome.getString("what")).isEqualTo(unknownLine.group(1));
        assertThat(outcome.getString("error")).contains("SQL");

        // a session that held a named lock is not reconnected
        Matcher notHealed = find(out, "not healed: server thread (\\d+), got SQLState 08003");
        Matcher failedLine = find(out, "connection #(\\d+) \\(server thread " + notHealed.group(1) + "\\) is dead \\((.*?)\\)"
                + " and its session held (.*?), which a new session would not have");
        RecordedEvent failure = one(events, "dev.jdbcguard.HealFailure", e -> true);
        assertThat(failure.getLong("connectionId")).isEqualTo(Long.parseLong(failedLine.group(1)));
        assertThat(failure.getLong("serverThread")).isEqualTo(num(notHealed, 1));
        assertThat(failure.getString("cause")).isEqualTo(failedLine.group(2));
        assertThat(failure.getString("outcome")).isEqualTo("its session held " + failedLine.group(3) + ": not reconnected");

        // the first connection, open without a pool past heldTooLong=2s, found by the agent's watcher
        Matcher heldLine = find(out, "connection #" + id + " \\(server thread \\d+\\) open without a pool for [^(]*\\(heldTooLong=[^)]*\\),"
                + " opened by thread \"main\" at (.*)\n");
        RecordedEvent held = one(events, "dev.jdbcguard.HeldTooLong", e -> e.getLong("connectionId") == id);
        assertThat(held.getString("pool")).isEmpty();
        assertThat(held.getString("thread")).isEqualTo("main");
        assertThat(held.getString("takenAt")).isEqualTo(heldLine.group(1));
        assertThat(held.getDuration("held")).isGreaterThan(Duration.ofSeconds(2));
        assertThat(held.getThread().getJavaName()).isEqualTo("jdbc-guard-leaks");

        // no text field holds the password
        assertThat(events).allSatisfy(e -> e.getFields().stream().filter(f -> f.getTypeName().equals("java.lang.String"))
                .forEach(f -> assertThat(e.getString(f.getName())).as(f.getName()).doesNotContain(TestServer.PASSWORD)));

        // and jfr print shows them by name, as docs/EVENTS.md says
        Process print = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jfr").toString(), "print",
                "--events", "dev.jdbcguard.Heal", recording.toString()).redirectErrorStream(true).start();
        String printed = new String(print.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(print.waitFor()).as(printed).isZero();
        assertThat(printed).contains("dev.jdbcguard.Heal {", "oldServerThread = " + heal.group(1),
                "newServerThread = " + heal.group(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void withoutTheJdkJfrModuleTheWorkerStillStartsHealsAndLogs(String driver) throws Exception {
        startsHealsAndLogsWith(WITHOUT_JFR, driver);
    }

    /** The agent's JMX bean is the one thing it loses; before, its whole start-up line was lost too. */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void withoutJfrAndWithoutJavaManagementTheWorkerStillStartsHealsAndLogs(String driver) throws Exception {
        startsHealsAndLogsWith(WITHOUT_JFR_AND_JMX, driver);
    }

    private void startsHealsAndLogsWith(String modules, String driver) throws Exception {
        ChildJvm.Result result = Apps.withAgent(OPTIONS).jvmOption("--limit-modules").jvmOption(modules)
                .run(EventsWorker.class, server.url(driver), TestServer.USER, TestServer.PASSWORD);
        String out = result.output;
        assertThat(result.exitCode).as(out).isZero();
        assertThat(out).contains("jdk.jfr module: absent", "[INFO] jdbc-guard - started (-javaagent)",
                "transaction: lost, got SQLState 40000", "transaction: refused, got SQLState 40000",
                "garbage-collected without close() (leaked), opened at dev.jdbcguard.apps.EventsWorker.leakOne",
                "used by two threads at once", "connection pressure: ", "unknown outcome: lost on server thread",
                "got SQLState 08007", "not healed: server thread", "got SQLState 08003", "open without a pool for",
                "events worker done");
        Matcher heal = find(out, "heal: server thread (\\d+) -> (\\d+)");
        assertThat(out).contains("healed connection #1 (server thread " + heal.group(1) + " -> " + heal.group(2) + ")");
        assertThat(out).doesNotContain("Exception in thread", "[ERROR]", "NoClassDefFoundError");
    }

    private static Matcher find(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as("/%s/ in:%n%s", regex, output).isTrue();
        return m;
    }

    private static long num(Matcher m, int group) {
        return Long.parseLong(m.group(group));
    }

    private static RecordedEvent one(List<RecordedEvent> events, String type, Predicate<RecordedEvent> which) {
        List<RecordedEvent> found = events.stream().filter(e -> e.getEventType().getName().equals(type))
                .filter(which).collect(Collectors.toList());
        assertThat(found).as("one %s event as wanted among %s", type, events).hasSize(1);
        return found.get(0);
    }
}
