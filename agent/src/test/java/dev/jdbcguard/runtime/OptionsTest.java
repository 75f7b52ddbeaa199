package dev.jdbcguard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.report.Log;
import java.util.Properties;
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
                + "strictThreads=off,creationStacks=on,pressureWarnAt=80%,maxConnections=0,heldTooLong=0");
    }
}
