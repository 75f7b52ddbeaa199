package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * logTo=application without SLF4J in sight: lines are held until the first JDBC connection, then
 * reach java.util.logging as logger jdbc-guard. (SLF4J and Logback: test-apps' ApplicationLoggingTest.)
 */
class ApplicationLogTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger jdk = Logger.getLogger("jdbc-guard");
    private final ClassLoader originalContext = Thread.currentThread().getContextClassLoader();
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void listen() throws Exception {
        jdk.addHandler(handler);
        jdk.setLevel(Level.ALL);
        // a program's loader that sees no SLF4J (this module's test class path has slf4j-api, without a backend)
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[0], null));
        System.setErr(new PrintStream(err, true, "UTF-8"));
    }

    @AfterEach
    void restore() {
        jdk.removeHandler(handler);
        jdk.setLevel(null);
        Thread.currentThread().setContextClassLoader(originalContext);
        System.setErr(originalErr);
        Log.configure(Options.defaults());
    }

    @Test
    void linesAreHeldUntilTheFirstConnectionThenGoToTheJdksLogging() throws Exception {
        ApplicationLog log = new ApplicationLog(false);
        log.write("INFO", "started");
        log.write("ERROR", "a bad option");

        assertThat(records).as("nothing before the program opened a connection").isEmpty();

        log.connectionSeen(new Object());
        log.write("WARN", "after");
        log.write("DEBUG", "detail");
        log.connectionSeen(new Object());

        assertThat(records).extracting(LogRecord::getLoggerName).containsOnly("jdbc-guard");
        assertThat(records).extracting(LogRecord::getSourceClassName).containsOnly("jdbc-guard");
        assertThat(records).extracting(LogRecord::getLevel)
                .containsExactly(Level.INFO, Level.SEVERE, Level.WARNING, Level.FINE);
        assertThat(records.get(0).getMessage()).matches("started \\[held from \\d{4}-.* on thread .* until the first JDBC"
                + " connection]");
        assertThat(records.get(2).getMessage()).isEqualTo("after");
        assertThat(err.toString("UTF-8")).isEmpty();
    }

    @Test
    void atMostTwoHundredFiftySixLinesAreHeldTheRestCounted() {
        ApplicationLog log = new ApplicationLog(false);
        for (int i = 0; i < 300; i++) {
            log.write("INFO", "line " + i);
        }
        log.connectionSeen(new Object());

        assertThat(records).hasSize(ApplicationLog.HELD + 1);
        assertThat(records.get(ApplicationLog.HELD - 1).getMessage()).startsWith("line 255 [held from ");
        assertThat(records.get(ApplicationLog.HELD).getMessage())
                .isEqualTo("44 earlier line(s) were dropped: at most 256 are held until the first JDBC connection");
        assertThat(records.get(ApplicationLog.HELD).getLevel()).isEqualTo(Level.WARNING);
    }

    @Test
    void aLineTheProgramsLoggingCausesGoesToStandardErrorInsteadOfLooping() throws Exception {
        ApplicationLog log = new ApplicationLog(false);
        log.connectionSeen(new Object());
        jdk.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage().equals("outer")) {
                    log.write("WARN", "inner"); // as an appender that writes through JDBC would
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });

        log.write("INFO", "outer");

        assertThat(records).extracting(LogRecord::getMessage).containsExactly("outer");
        assertThat(err.toString("UTF-8")).contains("[WARN] jdbc-guard - inner");
    }

    @Test
    void theDestinationIsChosenByTheOptionAndMaskingStillApplies() {
        Log.configure(Options.parse("logTo=application", new java.util.Properties()));
        Log.info("url jdbc:mariadb://db/app?password=hunter2");
        assertThat(records).isEmpty();

        Log.connectionSeen(new Object());

        assertThat(records).hasSize(1);
        assertThat(records.get(0).getMessage()).startsWith("url jdbc:mariadb://db/app?password=***")
                .doesNotContain("hunter2");
    }
}
