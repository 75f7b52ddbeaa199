package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logTo and logFormat options: what they accept, the file destination, the JSON layout. */
class LogSinkTest {

    @TempDir
    Path dir;

    private final PrintStream originalErr = System.err;
    private final String threadName = Thread.currentThread().getName();

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        Thread.currentThread().setName(threadName);
        Log.configure(Options.defaults());
    }

    @Test
    void badDestinationAndFormatAreReportedLikeEveryOtherOption() {
        Options options = Options.parse("logTo=syslog,logFormat=xml", new Properties());

        assertThat(options.errors()).containsExactly(
                "option logTo=syslog is not valid: expected one of stderr, application, file:<path>; using the default"
                        + " logTo=stderr",
                "option logFormat=xml is not valid: expected one of text, json; using the default logFormat=text");
        assertThat(options.logTo()).isEqualTo("stderr");
        assertThat(options.logJson()).isFalse();
        assertThat(Options.parse("logTo=file:", new Properties()).errors()).hasSize(1);
        assertThat(Options.parse("logTo=File:/var/log/Guard.log,logFormat=JSON", new Properties()).logTo())
                .isEqualTo("File:/var/log/Guard.log");
        assertThat(Options.parse("logTo=application,logFormat=JSON", new Properties()).logJson()).isTrue();
    }

    @Test
    void aFileGetsTheMaskedLinesAppendedAndStandardErrorNone() throws Exception {
        ByteArrayOutputStream err = captureStderr();
        Path file = dir.resolve("guard.log");
        Files.write(file, "an older line\n".getBytes(StandardCharsets.UTF_8));

        Log.configure(Options.parse("logTo=file:" + file, new Properties()));
        Log.info("connect failed: jdbc:mysql://db/app?user=app&password=hunter2");
        Log.debug("not at level info");

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("an older line");
        assertThat(lines.get(1)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[INFO] jdbc-guard - connect failed: .*")
                .doesNotContain("hunter2").contains("password=***");
        assertThat(err.toString("UTF-8")).isEmpty();
    }

    @Test
    void aFileThatWillNotOpenIsReportedOnceAndStandardErrorTakesOver() throws Exception {
        ByteArrayOutputStream err = captureStderr();

        Log.configure(Options.parse("logTo=file:" + dir, new Properties())); // a directory
        Log.warn("still logged");

        String text = err.toString("UTF-8");
        assertThat(text).contains("[ERROR] jdbc-guard - cannot open the log file " + dir + " given by logTo=file:" + dir)
                .contains("logging to standard error instead")
                .contains("[WARN] jdbc-guard - still logged");
        assertThat(text.split("\n")).hasSize(2);
    }

    @Test
    void jsonLinesCarryTheFieldsAndEscapeWhatJsonMust() throws Exception {
        ByteArrayOutputStream err = captureStderr();
        Log.configure(Options.parse("logFormat=json", new Properties()));
        Thread.currentThread().setName("worker \"1\"");

        Log.error("a \"quote\", a \\ backslash, a\nnewline, a\ttab, \u0001, \u2028, \uD83D\uDE00, a lone \uD800 and password=hunter2");

        String line = err.toString("UTF-8");
        assertThat(line).endsWith("}" + System.lineSeparator());
        assertThat(line.trim().split("\n")).hasSize(1);
        assertThat(line).matches("\\{\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d\","
                + "\"level\":\"ERROR\",\"logger\":\"jdbc-guard\",\"thread\":\"worker \\\\\"1\\\\\"\",\"message\":\".*\"}\\s*");
        assertThat(line).contains("\"message\":\"a \\\"quote\\\", a \\\\ backslash, a\\nnewline, a\\ttab, \\u0001, \\u2028, "
                + "\uD83D\uDE00, a lone \\ud800 and password=***\"}");
    }

    @Test
    void quotingLeavesOrdinaryTextAlone() {
        assertThat(Json.quote(new StringBuilder(), "héllo wörld / 100%").toString()).isEqualTo("\"héllo wörld / 100%\"");
        assertThat(Json.quote(new StringBuilder(), "\uDC00\uD800").toString()).isEqualTo("\"\\udc00\\ud800\"");
        assertThat(Json.quote(new StringBuilder(), "\u007f\u001f").toString()).isEqualTo("\"\u007f\\u001f\"");
    }

    private ByteArrayOutputStream captureStderr() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, "UTF-8"));
        return err;
    }
}
