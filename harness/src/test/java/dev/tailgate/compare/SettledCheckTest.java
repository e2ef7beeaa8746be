package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stopping early must not change what the full set of replicates would say, except with the
 * small probability the bound is built for, and must never settle a check that could be a
 * REGRESSION or IMPROVEMENT.
 */
class SettledCheckTest {
    private static final int LOOK = 250;
    private static final int TOTAL = 1000;
    private static final double TAIL = 0.025;

    /**
     * The rank bounds hold as often as they claim, for a smooth distribution and for a lumpy one
     * (a replicate percentile on a discrete grid takes few values). A bound one rank too tight
     * (the off-by-one this test exists for) fails it at these trial counts.
     */
    @ParameterizedTest
    @ValueSource(ints = {250, 400, 700})
    void fullRunQuantilesLieWithinTheBoundsReadOffThePrefix(int look) {
        SettledCheck.Ranks ranks = SettledCheck.Ranks.of(look, TOTAL, TAIL, 0.5, 1 - TAIL);
        SplittableRandom rng = new SplittableRandom(7 + look);
        DoubleSupplier normal = () -> gaussian(rng);
        DoubleSupplier lumpy = () -> Math.floor(gaussian(rng) * 3) / 3;
        for (DoubleSupplier d : new DoubleSupplier[] {normal, lumpy}) {
            int trials = 10_000;
            int[] misses = new int[3];
            double[] q = {TAIL, 0.5, 1 - TAIL};
            for (int t = 0; t < trials; t++) {
                double[] x = new double[TOTAL];
                for (int i = 0; i < TOTAL; i++) {
                    x[i] = d.getAsDouble();
                }
                double[] prefix = java.util.Arrays.copyOf(x, look);
                java.util.Arrays.sort(prefix);
                double[] full = OrderStatistics.quantiles(x.clone(), q);
                for (int j = 0; j < 3; j++) {
                    if (full[j] < ranks.low(prefix, j) || full[j] > ranks.high(prefix, j)) {
                        misses[j]++;
                    }
                }
            }
            for (int j = 0; j < 3; j++) {
                // two bounds of EPSILON each; 10,000 trials: expected <= 20, allow sampling noise
                assertTrue(misses[j] <= 2 * SettledCheck.EPSILON * trials * 1.6 + 10,
                        "quantile " + q[j] + " outside its bounds in " + misses[j] + " of " + trials);
            }
        }
    }

    /** The bounds are not vacuous: all three quantiles are bounded on both sides at the default look. */
    @Test
    void boundsAreFiniteAtTheDefaultLook() {
        SettledCheck.Ranks ranks = SettledCheck.Ranks.of(CompareConfig.DEFAULT_EARLY_LOOK, CompareConfig.DEFAULT_RESAMPLES,
                TAIL, 0.5, 1 - TAIL);
        for (int j = 0; j < 3; j++) {
            assertTrue(ranks.lower()[j] >= 0 && ranks.upper()[j] < CompareConfig.DEFAULT_EARLY_LOOK,
                    "quantile " + j + ": ranks " + ranks.lower()[j] + ".." + ranks.upper()[j]);
            assertTrue(ranks.lower()[j] <= ranks.upper()[j]);
        }
    }

    /**
     * Over replicate sets centred anywhere from far inside the margin to far beyond it, a check
     * settled at the look classifies exactly as the full set does (up to the bound's small
     * failure rate), and no check whose full interval lies beyond a boundary is ever settled.
     */
    @Test
    void aSettledCheckClassifiesAsTheFullRunWould() {
        SplittableRandom rng = new SplittableRandom(11);
        SettledCheck.Ranks ranks = SettledCheck.Ranks.of(LOOK, TOTAL, TAIL, 0.5, 1 - TAIL);
        double margin = 0.05;
        int settled = 0;
        int disagree = 0;
        int trials = 4_000;
        for (int t = 0; t < trials; t++) {
            double centre = (rng.nextDouble() - 0.5) * 0.3; // log ratio -0.15..0.15
            double sd = 0.005 + rng.nextDouble() * 0.05;
            double expand = 1 + rng.nextDouble();
            double[] x = new double[TOTAL];
            for (int i = 0; i < TOTAL; i++) {
                x[i] = centre + sd * gaussian(rng);
            }
            String full = classify(x.clone(), expand, margin);
            if (SettledCheck.settled(x, ranks, expand, margin)) {
                settled++;
                assertFalse(full.equals("BEYOND"), "settled a check whose full interval lies beyond a boundary");
                if (!classify(java.util.Arrays.copyOf(x, LOOK), expand, margin).equals(full)) {
                    disagree++;
                }
            }
        }
        assertTrue(settled > trials / 3, "only " + settled + " of " + trials + " settled: the rule is vacuous");
        assertTrue(disagree <= settled * 0.002 + 2, disagree + " of " + settled + " settled checks disagree with the full run");
    }

    @Test
    void undefinedReplicatesNeverSettle() {
        double[] x = new double[TOTAL];
        x[3] = Double.NaN;
        assertFalse(SettledCheck.settled(x, SettledCheck.Ranks.of(LOOK, TOTAL, TAIL, 0.5, 1 - TAIL), 1.0, 0.05));
    }

    /** A benchmark that settles stops at the look; one that does not draws every replicate, exactly as without the look. */
    @Test
    void theEngineStopsOnlyWhenSettledAndIsOtherwiseUnchanged() {
        CompareConfig on = CompareConfig.defaults(3);
        CompareConfig off = on.withEarlyLook(0);
        // 10 forks with 1% fork-to-fork spread: the A/A intervals lie well inside every margin
        SyntheticRuns.Shape shape = new SyntheticRuns.Shape(10, 5, 1_500, 0.01, 0.005); // p99.9 and beyond: too few samples
        SplittableRandom rng = new SplittableRandom(31);
        java.util.List<ComparisonInput> inputs = java.util.List.of(
                new ComparisonInput("same", SyntheticRuns.latencyArm(shape, 1.0, 1.0, rng),
                        SyntheticRuns.latencyArm(shape, 1.0, 1.0, rng)),
                new ComparisonInput("slower", SyntheticRuns.latencyArm(shape, 1.0, 1.0, rng),
                        SyntheticRuns.latencyArm(shape, 1.5, 1.0, rng)));
        java.util.List<CheckResult> a = CompareEngine.compare(inputs, on);
        java.util.List<CheckResult> b = CompareEngine.compare(inputs, off);
        assertEquals(a.size(), b.size());
        boolean anySettled = false;
        for (int i = 0; i < a.size(); i++) {
            CheckResult x = a.get(i);
            CheckResult y = b.get(i);
            assertEquals(y.classification(), x.classification(), x.benchmark() + " " + x.statistic());
            if (x.resamples() == on.resamples() || x.resamples() == 0) {
                assertEquals(y.ciLow(), x.ciLow(), 0.0);
                assertEquals(y.ciHigh(), x.ciHigh(), 0.0);
            } else {
                assertTrue(java.util.Arrays.stream(on.looks()).anyMatch(l -> l == x.resamples()),
                        "settled at a look: " + x.resamples());
                anySettled = true;
            }
            if (x.classification() == Classification.REGRESSION) {
                assertEquals(on.resamples(), x.resamples(), "a regression is always judged on every replicate");
            }
        }
        assertTrue(anySettled, "nothing settled early on an A/A pair far from its margins");
        assertEquals(a, CompareEngine.compare(inputs, on), "same seed, same output");
    }

    /** The engine's interval and decision rule on raw replicates, for the comparison above. */
    private static String classify(double[] x, double expand, double margin) {
        double[] q = OrderStatistics.quantiles(x, TAIL, 0.5, 1 - TAIL);
        double lo = q[1] - expand * (q[1] - q[0]);
        double hi = q[1] + expand * (q[2] - q[1]);
        double up = Math.log1p(margin);
        double down = Math.log1p(-margin);
        if (lo > up || hi < down) {
            return "BEYOND";
        }
        return lo >= down && hi <= up ? "NO_CHANGE" : "INCONCLUSIVE";
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
