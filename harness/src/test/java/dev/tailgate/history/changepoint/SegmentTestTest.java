package dev.tailgate.history.changepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SegmentTestTest {
    private static double[] concat(double[] a, double[] b) {
        double[] x = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, x, a.length, b.length);
        return x;
    }

    /**
     * The reference values are SciPy's: Otava's call, {@code ttest_ind_from_stats(mean(a),
     * std(a), len(a), mean(b), std(b), len(b))} with NumPy's population std, and
     * {@code mannwhitneyu(a, b, method="asymptotic", use_continuity=True)}.
     */
    @Test
    void pValuesMatchScipyAsOtavaCallsIt() {
        double[] x = concat(new double[] {10.0, 11.5, 9.8, 10.2, 10.9, 10.4}, new double[] {11.9, 12.4, 11.1, 12.8});
        assertEquals(0.0034555840371108177, SegmentTest.pValue(x, 0, 6, 10), 1e-12);
        assertEquals(0.025181464404459664, SegmentTest.rankPValue(x, 0, 6, 10), 1e-12);
        double[] ties = concat(new double[] {1, 2, 2, 3, 3, 3}, new double[] {3, 4, 4, 5});
        assertEquals(0.0077213948593891565, SegmentTest.pValue(ties, 0, 6, 10), 1e-12);
        assertEquals(0.026826219079541514, SegmentTest.rankPValue(ties, 0, 6, 10), 1e-12);
    }

    @Test
    void degenerateSidesFollowOtava() {
        assertEquals(1.0, SegmentTest.pValue(new double[] {3, 5}, 0, 1, 2), "two points in all");
        assertEquals(1.0, SegmentTest.pValue(new double[] {4, 4, 4, 4}, 0, 2, 4), "no spread, same means");
        assertEquals(0.0, SegmentTest.pValue(new double[] {4, 4, 7, 7}, 0, 2, 4), "no spread, different means");
        assertEquals(1.0, SegmentTest.rankPValue(new double[] {4, 4, 4, 4}, 0, 2, 4), "all tied");
    }

    /** Over many seeds the 95% interval of a 10% step covers 1.10 about 95% of the time. */
    @Test
    void ratioIntervalCoversTheTrueRatioAtItsLevel() {
        int covered = 0;
        int seeds = 2000;
        for (int seed = 0; seed < seeds; seed++) {
            double[] x = SyntheticSeries.noisy(SyntheticSeries.step(30, 20, 1.10), 0.05, new SplittableRandom(seed));
            ChangePoint p = SegmentTest.describe(x, 0, 20, 30);
            assertEquals(20, p.index());
            assertEquals(p.meanAfter() / p.meanBefore(), p.ratio(), 1e-12);
            covered += p.ratioLow() <= 1.10 && 1.10 <= p.ratioHigh() ? 1 : 0;
        }
        double coverage = (double) covered / seeds;
        assertTrue(coverage > 0.93 && coverage < 0.97, "coverage " + coverage);
    }

    @Test
    void intervalIsUndefinedWhenAMeanIsNotPositive() {
        ChangePoint p = SegmentTest.describe(new double[] {-1, -2, -1, 3, 4, 3}, 0, 3, 6);
        assertTrue(Double.isNaN(p.ratioLow()) && Double.isNaN(p.ratioHigh()), p.toString());
    }
}
