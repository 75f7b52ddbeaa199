package dev.jdbcguard.bench;

import java.util.List;
import java.util.Locale;

/** How the suite writes numbers into the tables of docs/PERFORMANCE.md. */
final class Cells {

    private Cells() {
    }

    static String pm(double value, double error, int decimals) {
        return Double.isNaN(error) ? num(value, decimals) : num(value, decimals) + " ± " + num(error, decimals);
    }

    static String num(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String signed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "–";
        }
        String text = String.format(Locale.ROOT, "%+,." + decimals + "f", value);
        return text.replace("-", "−");
    }

    static String range(List<? extends Number> values, int decimals) {
        return num(Stats.median(values), decimals) + " (" + num(Stats.percentile(values, 10), decimals) + "–"
                + num(Stats.percentile(values, 90), decimals) + ")";
    }

    static String minMax(List<? extends Number> values) {
        return num(Stats.median(values), 0) + " (" + num(Stats.min(values), 0) + "–" + num(Stats.max(values), 0) + ")";
    }

    static String kib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f KiB", bytes / 1024.0);
    }
}
