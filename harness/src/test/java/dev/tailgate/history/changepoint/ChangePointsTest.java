package dev.tailgate.history.changepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChangePointsTest {
    private static final ChangePointOptions DEFAULTS = ChangePointOptions.defaults();

    /**
     * A 10% step at CV 2%: found within one point of where it happened (the windowed search can
     * place it one late when the point at the step lies between the two levels), with an interval
     * that covers the true ratio. The t-test p-value is not corrected for the search choosing the
     * best split, so noise alone sometimes passes it (docs/change-points.md measures how often):
     * a few seeds of twenty may carry one more point, never most of them.
     */
    @Test
    void cleanStepIsFoundWhereItHappensWithItsRatio() {
        int withExtras = 0;
        for (int seed = 0; seed < 20; seed++) {
            double[] x = SyntheticSeries.noisy(SyntheticSeries.step(120, 60, 1.10), 0.02, new SplittableRandom(seed));
            List<ChangePoint> points = ChangePoints.detect(x, DEFAULTS);
            ChangePoint step = near(points, 60, "seed " + seed);
            assertTrue(step.ratioLow() < step.ratio() && step.ratio() < step.ratioHigh(), step.toString());
            assertTrue(step.ratioLow() < 1.10 && 1.10 < step.ratioHigh(), "interval misses the true ratio: " + step);
            assertTrue(step.pValue() < DEFAULTS.maxPValue(), step.toString());
            withExtras += points.size() > 1 ? 1 : 0;
        }
        assertTrue(withExtras <= 3, withExtras + " of 20 seeds found more than the step");
    }

    @Test
    void twoStepsAreBothFound() {
        double[] levels = SyntheticSeries.step(150, 50, 1.20);
        Arrays.fill(levels, 100, 150, SyntheticSeries.BASE);
        int withExtras = 0;
        for (int seed = 0; seed < 20; seed++) {
            double[] x = SyntheticSeries.noisy(levels, 0.02, new SplittableRandom(seed));
            List<ChangePoint> points = ChangePoints.detect(x, DEFAULTS);
            assertTrue(near(points, 50, "seed " + seed).ratio() > 1.1, points.toString());
            assertTrue(near(points, 100, "seed " + seed).ratio() < 0.9, points.toString());
            withExtras += points.size() > 2 ? 1 : 0;
        }
        assertTrue(withExtras <= 3, withExtras + " of 20 seeds found more than the two steps");
    }

    /**
     * A creep of 1% every 7 points is reported as a staircase of regressions. Noise can make one
     * stair look like a small improvement (docs/change-points.md: 1.5-3.5% of drifting series),
     * so the claim is on the first change point and on nearly all of them.
     */
    @Test
    void slowDriftIsReportedAsRegressions() {
        int regressions = 0;
        int all = 0;
        for (int seed = 0; seed < 10; seed++) {
            double[] x = SyntheticSeries.noisy(SyntheticSeries.drift(365, 1.01, 7), 0.01, new SplittableRandom(seed));
            List<ChangePoint> points = ChangePoints.detect(x, DEFAULTS);
            assertTrue(!points.isEmpty(), "a 1%-a-week creep over a year went unnoticed, seed " + seed);
            assertTrue(points.get(0).ratio() > 1, "the creep starts as an improvement: " + points);
            regressions += (int) points.stream().filter(p -> p.ratio() > 1).count();
            all += points.size();
        }
        assertTrue(regressions >= 0.95 * all, regressions + " of " + all + " change points are regressions");
    }

    @Test
    void singleSpikesAreNotChangePoints() {
        for (int seed = 0; seed < 20; seed++) {
            double[] flat = SyntheticSeries.noisy(SyntheticSeries.step(200, 0, 1), 0.02, new SplittableRandom(seed));
            double[] x = SyntheticSeries.spikes(flat, 3.0, 0, 37, 90, 150, 199);
            assertEquals(List.of(), ChangePoints.detect(x, DEFAULTS), "seed " + seed);
        }
    }

    /**
     * A x10 spike on the newest point can pass Otava's t-test as the last five points against the
     * rest (the mean of those five is far off; it does in a few of these seeds); the rank test
     * sees one point, not a shifted segment, and the detector reports nothing.
     */
    @Test
    void spikeOnTheNewestPointIsNotAStep() {
        int otavaWouldReport = 0;
        for (int seed = 0; seed < 20; seed++) {
            double[] flat = SyntheticSeries.noisy(SyntheticSeries.step(200, 0, 1), 0.02, new SplittableRandom(seed));
            double[] x = SyntheticSeries.spikes(flat, 10.0, 199);
            assertEquals(List.of(), ChangePoints.detect(x, DEFAULTS), "seed " + seed);
            otavaWouldReport += ChangePoints.detectAsOtava(x, DEFAULTS).isEmpty() ? 0 : 1;
        }
        assertTrue(otavaWouldReport > 0, "the t-test alone never reported the spike: this test shows nothing");
    }

    /** What `history` gates on: a regression seven runs ago is a change point before the newest run. */
    @Test
    void recentRegressionIsFound() {
        for (int seed = 0; seed < 20; seed++) {
            double[] x = SyntheticSeries.noisy(SyntheticSeries.step(365, 358, 1.10), 0.02, new SplittableRandom(seed));
            assertTrue(near(ChangePoints.detect(x, DEFAULTS), 358, "seed " + seed).ratio() > 1.05);
        }
    }

    @Test
    void constantSeriesHasNone() {
        double[] x = new double[200];
        Arrays.fill(x, 42.5);
        assertEquals(List.of(), ChangePoints.detect(x, DEFAULTS));
    }

    @Test
    void seriesShorterThanTwoSegmentsHasNoneWhateverItsStep() {
        double[] x = SyntheticSeries.step(2 * DEFAULTS.minSegment() - 1, DEFAULTS.minSegment(), 10.0);
        assertEquals(List.of(), ChangePoints.detect(x, DEFAULTS));
        assertEquals(List.of(), ChangePoints.detect(new double[0], DEFAULTS));
    }

    @Test
    void sameSeriesSameAnswer() {
        double[] x = SyntheticSeries.noisy(SyntheticSeries.drift(365, 1.01, 7), 0.03, new SplittableRandom(7));
        assertEquals(ChangePoints.detect(x, DEFAULTS), ChangePoints.detect(x.clone(), DEFAULTS));
    }

    @Test
    void nanOrInfinitePointIsRejectedWithItsIndex() {
        double[] x = SyntheticSeries.step(20, 10, 1.5);
        x[13] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChangePoints.detect(x, DEFAULTS));
        assertTrue(e.getMessage().contains("point 13"), e.getMessage());
        x[13] = Double.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> ChangePoints.detect(x, DEFAULTS));
    }

    @Test
    void optionsOutOfRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ChangePointOptions(0, 50, 5));
        assertThrows(IllegalArgumentException.class, () -> new ChangePointOptions(Double.NaN, 50, 5));
        assertThrows(IllegalArgumentException.class, () -> new ChangePointOptions(0.001, 50, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChangePointOptions(0.001, 9, 5));
    }

    /** The change point within one point of {@code expected}; fails when there is none. */
    private static ChangePoint near(List<ChangePoint> points, int expected, String what) {
        return points.stream().filter(p -> Math.abs(p.index() - expected) <= 1).findFirst()
                .orElseThrow(() -> new AssertionError(what + ": no change point near " + expected + " in " + points));
    }
}
