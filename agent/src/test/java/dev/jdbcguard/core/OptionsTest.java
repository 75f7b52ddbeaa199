package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreTwoSecondsValidateAfterTwoSecondPingHealOnLogInfo() {
        Options options = Options.defaults();

        assertThat(options.errors()).isEmpty();
        assertThat(options.validateAfterNanos()).isEqualTo(2_000_000_000L);
        assertThat(options.pingTimeoutMillis()).isEqualTo(2000L);
        assertThat(options.heal()).isTrue();
        assertThat(options.logLevel()).isEqualTo(Log.Level.INFO);
    }

    @Test
    void agentArgumentSetsValidateAfterAndTurnsHealingOff() {
        Options options = Options.parse("validateAfter=500ms,heal=off", new Properties());

        assertThat(options.errors()).isEmpty();
        assertThat(options.validateAfterNanos()).isEqualTo(500_000_000L);
        assertThat(options.heal()).isFalse();
        assertThat(options.pingTimeoutMillis()).isEqualTo(2000L);
    }

    @Test
    void systemPropertyIsUsedWhenTheAgentArgumentIsSilent() {
        Properties props = new Properties();
        props.setProperty("jdbcguard.validateAfter", "10s");

        Options options = Options.parse("heal=off", props);

        assertThat(options.errors()).isEmpty();
        assertThat(options.validateAfterNanos()).isEqualTo(10_000_000_000L);
    }

    @Test
    void agentArgumentWinsOverSystemProperty() {
        Properties props = new Properties();
        props.setProperty("jdbcguard.validateAfter", "10s");

        Options options = Options.parse("validateAfter=500ms", props);

        assertThat(options.errors()).isEmpty();
        assertThat(options.validateAfterNanos()).isEqualTo(500_000_000L);
    }

    @Test
    void badDurationGivesOneErrorNamingOptionValueChoicesAndDefault_andDefaultIsUsed() {
        Options options = Options.parse("validateAfter=banana", new Properties());

        assertThat(options.errors()).hasSize(1);
        assertThat(options.errors().get(0))
                .contains("validateAfter")
                .contains("banana")
                .contains("500ms, 2s, 5m or 1h")
                .contains("validateAfter=2s");
        assertThat(options.validateAfterNanos()).isEqualTo(2_000_000_000L);
    }

    @Test
    void weaveCacheIsOffOrAFileInAFolderThatExists() {
        String tmp = System.getProperty("java.io.tmpdir");
        assertThat(Options.parse("", new Properties()).weaveCache()).isEqualTo("off");
        Options good = Options.parse("weaveCache=" + tmp + "/app.weaves", new Properties());
        assertThat(good.errors()).isEmpty();
        assertThat(good.weaveCache()).isEqualTo(tmp + "/app.weaves");
        for (String bad : new String[] {tmp, tmp + "/no-such-folder-here/app.weaves", " "}) {
            Options options = Options.parse("weaveCache=" + bad, new Properties());
            assertThat(options.errors()).as(bad).hasSize(1);
            assertThat(options.errors().get(0)).contains("weaveCache").contains("off, or a file in a folder that exists")
                    .contains("weaveCache=off");
            assertThat(options.weaveCache()).isEqualTo("off");
        }
    }

    @Test
    void badSystemPropertyIsReportedAndDefaultUsed() {
        Properties props = new Properties();
        props.setProperty("jdbcguard.heal", "maybe");

        Options options = Options.parse(null, props);

        assertThat(options.errors()).hasSize(1);
        assertThat(options.errors().get(0)).contains("heal=maybe").contains("on, off");
        assertThat(options.heal()).isTrue();
    }

    @Test
    void unknownKeyGivesErrorListingValidOptions() {
        Options options = Options.parse("foo=1", new Properties());

        assertThat(options.errors()).hasSize(1);
        assertThat(options.errors().get(0))
                .contains("foo")
                .contains("validateAfter, pingTimeout, reconnectTimeout, heal, log, threads, strictThreads");
        assertThat(options.toString()).doesNotContain("foo");
    }

    @Test
    void pairWithoutEqualsSignIsAnErrorAndOtherPairsStillApply() {
        Options options = Options.parse("heal,validateAfter=1s", new Properties());

        assertThat(options.errors()).hasSize(1);
        assertThat(options.errors().get(0)).contains("'heal'").contains("key=value");
        assertThat(options.heal()).isTrue();
        assertThat(options.validateAfterNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void emptyAndNullArgumentsGiveNoErrorsAndDefaults() {
        Options fromEmpty = Options.parse("", new Properties());
        Options fromBlank = Options.parse("  ", new Properties());
        Options fromNull = Options.parse(null, new Properties());

        assertThat(fromEmpty.errors()).isEmpty();
        assertThat(fromBlank.errors()).isEmpty();
        assertThat(fromNull.errors()).isEmpty();
        assertThat(fromEmpty.toString()).isEqualTo(Options.defaults().toString());
        assertThat(fromNull.toString()).isEqualTo(Options.defaults().toString());
    }

    @Test
    void toStringRoundTripsThroughParse() {
        Options original = Options.parse("validateAfter=5m,pingTimeout=750ms,heal=off,log=debug", new Properties());
        assertThat(original.errors()).isEmpty();

        Options reparsed = Options.parse(original.toString(), new Properties());

        assertThat(reparsed.errors()).isEmpty();
        assertThat(reparsed.toString()).isEqualTo(original.toString());
        assertThat(reparsed.validateAfterNanos()).isEqualTo(300_000_000_000L);
        assertThat(reparsed.pingTimeoutMillis()).isEqualTo(750L);
        assertThat(reparsed.heal()).isFalse();
        assertThat(reparsed.logLevel()).isEqualTo(Log.Level.DEBUG);
    }

    @Test
    void defaultsToStringLooksLikeAnAgentArgument() {
        assertThat(Options.defaults().toString()).isEqualTo("validateAfter=2s,pingTimeout=2s,reconnectTimeout=10s,heal=on,log=info,threads=warn,"
                + "strictThreads=off,creationStacks=on,pressureWarnAt=80%,maxConnections=0,heldTooLong=0,"
                + "logTo=stderr,logFormat=text,weaveCache=off");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstOption() throws Exception {
        byte[] text = "validateAfter=5s\nheal=off\n".getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[text.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withMark, 3, text.length);

        Options options = Options.parse("optionsFile=" + file(withMark), new Properties());

        assertThat(options.errors()).isEmpty();
        assertThat(options.validateAfterNanos()).isEqualTo(5_000_000_000L);
        assertThat(options.heal()).isFalse();
    }

    @Test
    void aBinaryFileIsNamedOnceAsNotTextAndTheOtherOptionsApply() throws Exception {
        byte[] binary = new byte[64 * 1024];
        new Random(21).nextBytes(binary);

        Options options = Options.parse("optionsFile=" + file(binary) + ",heal=off", new Properties());

        assertThat(options.errors()).singleElement().asString().contains("is not a text file").contains("its options were not used");
        assertThat(options.heal()).isFalse();
    }

    @Test
    void invalidUtf8WithoutNulBytesIsNotText() throws Exception {
        Options options = Options.parse("optionsFile=" + file(new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}), new Properties());

        assertThat(options.errors()).singleElement().asString().contains("is not a text file (not UTF-8 text)");
    }

    @Test
    void anEndlessDeviceIsReadOnlyUpToTheBound() {
        Options options = Options.parse("optionsFile=/dev/zero", new Properties());

        assertThat(options.errors()).containsExactly(
                "options file /dev/zero is not a text file (it holds NUL bytes); its options were not used");
    }

    @Test
    void aTextFileOverTheBoundIsRefusedInOneLine() throws Exception {
        byte[] big = new byte[OptionsFile.MAX_BYTES + 10];
        java.util.Arrays.fill(big, (byte) '#');

        Options options = Options.parse("optionsFile=" + file(big), new Properties());

        assertThat(options.errors()).singleElement().asString().contains("is larger than 1 MiB");
    }

    @Test
    void invisibleCharactersInAnUnknownKeyAreShown() {
        Options options = Options.parse("\u200BvalidateAfter=5s", new Properties());

        assertThat(options.errors()).singleElement().asString().startsWith("unknown option '\\u200BvalidateAfter'");
    }

    @Test
    void invisibleCharactersInABadValueOrAPairWithoutEqualsSignAreShown() {
        Options badValue = Options.parse("validateAfter=5s\u00A0", new Properties());
        Options noEquals = Options.parse("heal\u200B", new Properties());

        assertThat(badValue.errors()).singleElement().asString().startsWith("option validateAfter=5s\\u00A0 is not valid");
        assertThat(noEquals.errors()).singleElement().asString().startsWith("option 'heal\\u200B' is not key=value");
    }

    private static String file(byte[] bytes) throws Exception {
        Path path = Files.createTempFile("jdbc-guard-options", ".properties");
        path.toFile().deleteOnExit();
        Files.write(path, bytes);
        return path.toString();
    }
}
