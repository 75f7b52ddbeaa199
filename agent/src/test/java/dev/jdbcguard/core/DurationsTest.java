package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void zeroIsZero() {
        assertThat(Durations.parseMillis("0")).isEqualTo(0L);
    }

    @Test
    void eachUnitConvertsToMillis() {
        assertThat(Durations.parseMillis("500ms")).isEqualTo(500L);
        assertThat(Durations.parseMillis("2s")).isEqualTo(2_000L);
        assertThat(Durations.parseMillis("5m")).isEqualTo(300_000L);
        assertThat(Durations.parseMillis("1h")).isEqualTo(3_600_000L);
    }

    @Test
    void upperCaseAndSurroundingSpacesAreAccepted() {
        assertThat(Durations.parseMillis(" 3S ")).isEqualTo(3_000L);
        assertThat(Durations.parseMillis("250MS")).isEqualTo(250L);
    }

    @Test
    void negativeIsRejected() {
        assertThat(Durations.parseMillis("-5s")).isEqualTo(-1L);
    }

    @Test
    void textThatIsNotADurationIsRejected() {
        assertThat(Durations.parseMillis("abc")).isEqualTo(-1L);
        assertThat(Durations.parseMillis("5")).isEqualTo(-1L);
        assertThat(Durations.parseMillis("s")).isEqualTo(-1L);
        assertThat(Durations.parseMillis("1.5s")).isEqualTo(-1L);
    }

    @Test
    void emptyAndNullAreRejected() {
        assertThat(Durations.parseMillis("")).isEqualTo(-1L);
        assertThat(Durations.parseMillis(null)).isEqualTo(-1L);
    }

    @Test
    void overflowIsRejectedInsteadOfWrapping() {
        assertThat(Durations.parseMillis("9999999999999999h")).isEqualTo(-1L);
        assertThat(Durations.parseMillis("99999999999999999999ms")).isEqualTo(-1L);
    }

    @Test
    void secondsPrintsOneDecimal() {
        assertThat(Durations.seconds(3_000_000_000L)).isEqualTo("3.0 s");
        assertThat(Durations.seconds(1_250_000_000L)).isEqualTo("1.3 s");
        assertThat(Durations.seconds(0L)).isEqualTo("0.0 s");
    }

    @Test
    void millisTruncatesNanos() {
        assertThat(Durations.millis(1_999_999L)).isEqualTo("1 ms");
        assertThat(Durations.millis(42_000_000L)).isEqualTo("42 ms");
    }
}
