package dev.jdbcguard.core;

import java.util.TimeZone;

/**
 * "yyyy-MM-dd HH:mm:ss.SSS" in the JVM's time zone, without {@code SimpleDateFormat} or
 * {@code java.time} formatting: the first use of either loads locale data that costs tens of
 * milliseconds of the host program's start-up, and the agent's first log line is written then.
 */
public final class Timestamps {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Timestamps() {
    }

    public static String local(long epochMillis) {
        long local = epochMillis + TimeZone.getDefault().getOffset(epochMillis);
        long days = Math.floorDiv(local, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(local, MILLIS_PER_DAY);
        StringBuilder out = new StringBuilder(23);
        appendDate(out, days);
        out.append(' ');
        pad(out, millisOfDay / 3_600_000, 2).append(':');
        pad(out, millisOfDay / 60_000 % 60, 2).append(':');
        pad(out, millisOfDay / 1_000 % 60, 2).append('.');
        pad(out, millisOfDay % 1_000, 3);
        return out.toString();
    }

    /**
     * ISO-8601 with the zone's offset, "2026-12-07T01:14:20.123+01:00", for the JSON lines that
     * log shippers parse: the offset makes the instant unambiguous wherever the line is read.
     */
    public static String iso(long epochMillis) {
        int offsetMillis = TimeZone.getDefault().getOffset(epochMillis);
        StringBuilder out = new StringBuilder(local(epochMillis));
        out.setCharAt(10, 'T');
        int offsetMinutes = Math.abs(offsetMillis) / 60_000;
        out.append(offsetMillis < 0 ? '-' : '+');
        pad(out, offsetMinutes / 60, 2).append(':');
        pad(out, offsetMinutes % 60, 2);
        return out.toString();
    }

    /** The proleptic Gregorian date of a day count from 1970-01-01 (the civil-from-days method). */
    private static void appendDate(StringBuilder out, long epochDay) {
        long shifted = epochDay + 719_468; // days from 0000-03-01, so leap days end each year
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        pad(out, year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2);
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
