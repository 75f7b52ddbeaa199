package dev.jdbcguard.core;

/** Parses and prints the durations used in options and log lines. */
public final class Durations {

    private Durations() {
    }

    /** "500ms", "2s", "5m", "1h", "0" to milliseconds; -1 when the text is not a duration. */
    public static long parseMillis(String text) {
        if (text == null) {
            return -1;
        }
        String t = Options.lower(text.trim());
        if (t.equals("0")) {
            return 0;
        }
        long unit;
        String number;
        if (t.endsWith("ms")) {
            unit = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = 1000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3_600_000;
            number = t.substring(0, t.length() - 1);
        } else {
            return -1;
        }
        try {
            long n = Long.parseLong(number.trim());
            return n < 0 || n > Long.MAX_VALUE / unit ? -1 : n * unit;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Nanoseconds as seconds with one decimal, the way log lines show idle times. */
    public static String seconds(long nanos) {
        long tenths = Math.round(nanos / 100_000_000.0);
        return (tenths / 10) + "." + (tenths % 10) + " s";
    }

    /** Nanoseconds as milliseconds, for how long an action took. */
    public static String millis(long nanos) {
        return (nanos / 1_000_000) + " ms";
    }
}
