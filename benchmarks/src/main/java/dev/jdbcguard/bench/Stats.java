package dev.jdbcguard.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and percentiles of small samples (nearest-rank, interpolated for the median). */
final class Stats {

    private Stats() {
    }

    static double median(List<? extends Number> values) {
        return percentile(values, 50);
    }

    static double percentile(List<? extends Number> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = sorted(values);
        double rank = p / 100.0 * (sorted.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (rank - lo);
    }

    /**
     * A distribution-free 95 % confidence interval for the median: the order statistics whose
     * ranks a Binomial(n, 1/2) count puts on either side of it (normal approximation), so it holds
     * whatever shape the scatter has. {lo, hi}; both NaN below 8 values, where even the
     * smallest and the largest value would bound the median with less than 95 % confidence.
     */
    static double[] medianInterval95(List<? extends Number> values) {
        int n = values.size();
        int r = (int) Math.floor((n - 1.96 * Math.sqrt(n)) / 2); // 1-based rank of the lower bound
        if (r < 1) {
            return new double[] {Double.NaN, Double.NaN};
        }
        List<Double> sorted = sorted(values);
        return new double[] {sorted.get(r - 1), sorted.get(n - r)};
    }

    private static List<Double> sorted(List<? extends Number> values) {
        List<Double> sorted = new ArrayList<>();
        for (Number v : values) {
            sorted.add(v.doubleValue());
        }
        Collections.sort(sorted);
        return sorted;
    }

    static double min(List<? extends Number> values) {
        return percentile(values, 0);
    }

    static double max(List<? extends Number> values) {
        return percentile(values, 100);
    }
}
