package dev.jdbcguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.SimpleDateFormat;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    private final TimeZone original = TimeZone.getDefault();

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns"})
    void agreesWithSimpleDateFormat(String zone) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        SimpleDateFormat reference = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSS");
        long[] fixed = {
            0L, 951_782_400_000L /* 2000-02-29 */, 1_735_689_599_999L /* 2024-12-31 23:59:59.999 UTC */,
            1_711_846_800_000L /* 2024-03-31 01:00 UTC, a DST change in Europe */, 4_107_542_400_000L /* 2100-03-01 */,
        };
        for (long millis : fixed) {
            assertThat(Timestamps.local(millis)).as("%d in %s", millis, zone).isEqualTo(reference.format(new Date(millis)));
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long millis = (long) (random.nextDouble() * 4_102_444_800_000L); // 1970 to 2100
            assertThat(Timestamps.local(millis)).as("%d in %s", millis, zone).isEqualTo(reference.format(new Date(millis)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns"})
    void isoNamesTheSameInstantWithTheZonesOffset(String zone) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            long millis = (long) (random.nextDouble() * 4_102_444_800_000L);
            OffsetDateTime parsed = OffsetDateTime.parse(Timestamps.iso(millis));
            assertThat(parsed.toInstant().toEpochMilli()).as("%d in %s", millis, zone).isEqualTo(millis);
            assertThat(parsed.getOffset()).isEqualTo(ZoneId.of(zone).getRules().getOffset(parsed.toInstant()));
        }
        assertThat(Timestamps.iso(0L)).matches("19(70|69)-..-..T..:..:00\\.000[+-]..:..");
    }
}
