package dev.jdbcguard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arithmetic behind every verdict in docs/PERFORMANCE.md. */
class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueInAnyOrder() {
        assertThat(Stats.median(Arrays.asList(9.0, 1.0, 5.0, 3.0, 7.0))).isEqualTo(5.0);
    }

    @Test
    void medianOfAnEvenCountIsBetweenTheTwoMiddleValues() {
        assertThat(Stats.median(Arrays.asList(4, 1, 3, 2))).isEqualTo(2.5);
    }

    @Test
    void percentilesInterpolateBetweenRanks() {
        List<Integer> values = Arrays.asList(10, 20, 30, 40, 50);
        assertThat(Stats.percentile(values, 25)).isEqualTo(20.0);
        assertThat(Stats.percentile(values, 75)).isEqualTo(40.0);
        assertThat(Stats.percentile(values, 10)).isCloseTo(14.0, within(1e-9));
        assertThat(Stats.min(values)).isEqualTo(10.0);
        assertThat(Stats.max(values)).isEqualTo(50.0);
    }

    @Test
    void emptySampleHasNoMedian() {
        assertThat(Stats.median(Collections.<Double>emptyList())).isNaN();
    }

    @Test
    void medianIntervalOfFifteenRoundsIsTheThirdSmallestToTheThirdLargest() {
        List<Double> values = new ArrayList<>();
        for (int i = 15; i >= 1; i--) {
            values.add((double) i);
        }
        assertThat(Stats.medianInterval95(values)).containsExactly(3.0, 13.0);
    }

    @Test
    void tooFewValuesGiveNoInterval() {
        assertThat(Stats.medianInterval95(Arrays.asList(1, 2, 3, 4, 5, 6, 7))).containsExactly(Double.NaN, Double.NaN);
        assertThat(Stats.medianInterval95(Arrays.asList(1, 2, 3, 4, 5, 6, 7, 8))).containsExactly(1.0, 8.0);
    }

    /**
     * The interval's ranks come from a normal approximation; the exact binomial probability that
     * the true median lies between them must still be at least 95 % for every sample size the
     * suite uses (15 start-up rounds, 40 and 100 loop rounds) and for all others up to 300.
     */
    @Test
    void intervalCoversTheMedianWithAtLeastNinetyFivePercentForEverySampleSize() {
        for (int n = 8; n <= 300; n++) {
            List<Double> ranks = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                ranks.add((double) i);
            }
            double[] interval = Stats.medianInterval95(ranks);
            int lowerRank = (int) interval[0];
            int upperRank = (int) interval[1];
            assertThat(upperRank).as("n=%d", n).isEqualTo(n + 1 - lowerRank);
            // the true median lies in [X(r), X(n+1-r)] exactly when r <= B <= n - r, B ~ Binomial(n, 1/2)
            assertThat(binomialHalfBetween(n, lowerRank, n - lowerRank)).as("coverage at n=%d", n).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void intervalHoldsTheMedianOfSkewedSamplesAboutAsOftenAsItPromises() {
        Random random = new Random(42);
        int trials = 4000;
        int covered = 0;
        double trueMedian = Math.log(2); // of the exponential distribution with rate 1
        for (int t = 0; t < trials; t++) {
            List<Double> sample = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sample.add(-Math.log(1 - random.nextDouble()));
            }
            double[] interval = Stats.medianInterval95(sample);
            if (interval[0] <= trueMedian && trueMedian <= interval[1]) {
                covered++;
            }
        }
        assertThat(covered / (double) trials).isBetween(0.95, 0.995);
    }

    private static double binomialHalfBetween(int n, int lo, int hi) {
        double p = 0;
        double term = Math.pow(0.5, n); // P(B = 0)
        for (int k = 0; k <= hi; k++) {
            if (k >= lo) {
                p += term;
            }
            term = term * (n - k) / (k + 1);
        }
        return p;
    }
}
