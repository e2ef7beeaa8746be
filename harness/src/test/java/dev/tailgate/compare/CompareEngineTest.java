package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Behaviour of the engine on small generated inputs: semantics, directions, refusals, determinism. */
class CompareEngineTest {
    private static final SyntheticRuns.Shape SHAPE = SyntheticRuns.Shape.realistic(5);

    private static CheckResult check(List<CheckResult> results, ComparedStatistic s) {
        return results.stream().filter(r -> r.statistic() == s).findFirst().orElseThrow(() -> new AssertionError("no " + s));
    }

    @Test
    void pointEstimatesEqualPercentilesOfTheMergedHistogram() {
        SplittableRandom rng = new SplittableRandom(42);
        List<Histogram> all = new ArrayList<>();
        List<Fork> forks = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            List<Histogram> its = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Histogram h = new Histogram(3_600_000_000_000L, 3);
                for (int n = 0; n < 3000; n++) {
                    h.recordValue(1000 + (long) (rng.nextDouble() * rng.nextDouble() * 5_000_000 * (f + 1)));
                }
                its.add(h);
                all.add(h);
            }
            forks.add(Fork.ofHistograms(its));
        }
        Histogram merged = new Histogram(3_600_000_000_000L, 3);
        all.forEach(merged::add);
        Arm arm = new Arm(ScoreKind.TIME_PER_OP, forks);
        CompareConfig config = CompareConfig.defaults(1).withResamples(200);
        List<CheckResult> results = CompareEngine.compare(List.of(new ComparisonInput("b", arm, arm)), config);
        for (ComparedStatistic s : List.of(ComparedStatistic.P50, ComparedStatistic.P90, ComparedStatistic.P99,
                ComparedStatistic.P999, ComparedStatistic.P9999)) {
            assertEquals(merged.getValueAtPercentile(s.quantile() * 100), check(results, s).baselineValue(), 0, s.label());
        }
        // The mean is taken from the reported (highest equivalent) bucket values: within 0.1% at 3 digits.
        assertEquals(merged.getMean(), check(results, ComparedStatistic.MEAN).baselineValue(), merged.getMean() * 1e-3);
    }

    @Test
    void sameSeedGivesIdenticalResultsAndAnotherSeedDiffers() {
        SplittableRandom rng = new SplittableRandom(7);
        List<ComparisonInput> inputs = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            inputs.add(new ComparisonInput("bench" + b, SyntheticRuns.latencyArm(SHAPE, 1, 1, rng),
                    SyntheticRuns.latencyArm(SHAPE, 1.03, 1, rng)));
        }
        CompareConfig config = CompareConfig.defaults(99).withResamples(500);
        List<CheckResult> first = CompareEngine.compare(inputs, config);
        List<CheckResult> again = CompareEngine.compare(inputs, config);
        assertEquals(first, again);
        // One worker thread instead of the common pool: per-benchmark generators make the
        // output independent of how the benchmarks are spread over threads.
        java.util.concurrent.ForkJoinPool single = new java.util.concurrent.ForkJoinPool(1);
        try {
            assertEquals(first, single.submit(() -> CompareEngine.compare(inputs, config)).join());
        } finally {
            single.shutdown();
        }
        List<CheckResult> other = CompareEngine.compare(inputs, config.withSeed(100));
        assertNotEquals(first.get(1).ciLow(), other.get(1).ciLow());
        assertEquals(first.get(1).ratio(), other.get(1).ratio(), 0, "the point estimate does not depend on the seed");
    }

    @Test
    void throughputIsHigherIsBetter() {
        SplittableRandom rng = new SplittableRandom(3);
        Arm base = SyntheticRuns.scoreArm(SHAPE, ScoreKind.OPS_PER_TIME, 100_000, rng);
        Arm slower = SyntheticRuns.scoreArm(SHAPE, ScoreKind.OPS_PER_TIME, 70_000, rng);
        Arm faster = SyntheticRuns.scoreArm(SHAPE, ScoreKind.OPS_PER_TIME, 140_000, rng);
        CompareConfig config = CompareConfig.defaults(5).withResamples(1000);
        List<CheckResult> r = CompareEngine.compare(List.of(new ComparisonInput("down", base, slower),
                new ComparisonInput("up", base, faster)), config);
        assertEquals(2, r.size(), "thrpt scores give only a throughput check: " + r);
        assertEquals(Classification.REGRESSION, r.get(0).classification(), r.get(0).reason());
        assertTrue(r.get(0).failsGate());
        assertEquals(Classification.IMPROVEMENT, r.get(1).classification(), r.get(1).reason());
        assertEquals(1, r.get(0).baseline().iterations() / SHAPE.forks() / SHAPE.iterations());
    }

    @Test
    void averageTimeIsLowerIsBetter() {
        SplittableRandom rng = new SplittableRandom(4);
        Arm base = SyntheticRuns.scoreArm(SHAPE, ScoreKind.TIME_PER_OP, 30.0, rng);
        Arm slower = SyntheticRuns.scoreArm(SHAPE, ScoreKind.TIME_PER_OP, 39.0, rng);
        CheckResult r = CompareEngine.compare(List.of(new ComparisonInput("avgt", base, slower)),
                CompareConfig.defaults(5).withResamples(1000)).get(0);
        assertEquals(ComparedStatistic.MEAN, r.statistic());
        assertEquals(Classification.REGRESSION, r.classification(), r.reason());
        assertTrue(r.ciLow() > 1.05 && r.ratio() > 1.2 && r.ratio() < 1.4, r.reason());
    }

    @Test
    void tooFewForksOrTailSamplesIsInconclusiveWithReason() {
        SplittableRandom rng = new SplittableRandom(5);
        SyntheticRuns.Shape two = new SyntheticRuns.Shape(2, 5, 8_000, 0.03, 0.01);
        List<CheckResult> fewForks = CompareEngine.compare(List.of(new ComparisonInput("x",
                SyntheticRuns.latencyArm(two, 1, 1, rng), SyntheticRuns.latencyArm(two, 2, 1, rng))),
                CompareConfig.defaults(1).withResamples(200));
        for (CheckResult r : fewForks) {
            assertEquals(Classification.INCONCLUSIVE, r.classification());
            assertTrue(r.reason().contains("2 forks"), r.reason());
            assertEquals(2, r.baseline().forks());
        }
        // 5 × 5 × 8,000 = 200,000 samples per arm: enough for p99.9 (100,000), not for p99.99 (1,000,000).
        List<CheckResult> r = CompareEngine.compare(List.of(new ComparisonInput("y",
                SyntheticRuns.latencyArm(SHAPE, 1, 1, rng), SyntheticRuns.latencyArm(SHAPE, 1, 4, rng))),
                CompareConfig.defaults(1).withResamples(500));
        CheckResult p9999 = check(r, ComparedStatistic.P9999);
        assertEquals(Classification.INCONCLUSIVE, p9999.classification());
        assertTrue(p9999.reason().contains("needs at least 1,000,000"), p9999.reason());
        assertEquals(200_000, p9999.baseline().samples());
        assertEquals(25, p9999.candidate().iterations());
        assertEquals(Classification.REGRESSION, check(r, ComparedStatistic.P999).classification());
    }

    /**
     * Holm runs over the gating checks of all benchmarks. A modest regression (+13% mean
     * against a 5% margin, 10 forks) compared alone,
     * then again next to 40 unchanged benchmarks: it is the first input both times, so it gets
     * the same generator and the same replicates and its raw p-value is identical; being the
     * smallest p of the family, its Holm value is min(1, 41 × p), and the classification
     * follows that adjusted value.
     */
    @Test
    void holmAdjustsAcrossBenchmarks() {
        SplittableRandom rng = new SplittableRandom(8);
        SyntheticRuns.Shape ten = SyntheticRuns.Shape.realistic(10);
        ComparisonInput modest = new ComparisonInput("modest", SyntheticRuns.scoreArm(ten, ScoreKind.TIME_PER_OP, 30, rng),
                SyntheticRuns.scoreArm(ten, ScoreKind.TIME_PER_OP, 34, rng));
        List<ComparisonInput> crowd = new ArrayList<>(List.of(modest));
        for (int b = 0; b < 40; b++) {
            crowd.add(new ComparisonInput("same" + b, SyntheticRuns.scoreArm(ten, ScoreKind.TIME_PER_OP, 30, rng),
                    SyntheticRuns.scoreArm(ten, ScoreKind.TIME_PER_OP, 30, rng)));
        }
        CompareConfig config = CompareConfig.defaults(21);
        CheckResult alone = CompareEngine.compare(List.of(modest), config).get(0);
        CheckResult inCrowd = CompareEngine.compare(crowd, config).get(0);
        assertEquals(alone.pWorse(), alone.pWorseHolm(), 0, "a family of one is not adjusted");
        assertEquals(alone.pWorse(), inCrowd.pWorse(), 0);
        assertEquals(Math.min(1, 41 * alone.pWorse()), inCrowd.pWorseHolm(), 1e-15);
        assertTrue(alone.pWorse() < 0.025 && 41 * alone.pWorse() > 0.025,
                "the example must sit between the two thresholds: p = " + alone.pWorse());
        assertEquals(Classification.REGRESSION, alone.classification(), alone.reason());
        assertEquals(Classification.INCONCLUSIVE, inCrowd.classification(), inCrowd.reason());
        assertTrue(inCrowd.reason().contains("Holm over 41 gating checks"), inCrowd.reason());
    }

    @Test
    void minimumSamplesFollowOneHundredAboveThePercentile() {
        CompareConfig c = CompareConfig.defaults(1);
        assertEquals(200, c.minSamples(ComparedStatistic.P50));
        assertEquals(10_000, c.minSamples(ComparedStatistic.P99));
        assertEquals(100_000, c.minSamples(ComparedStatistic.P999));
        assertEquals(1_000_000, c.minSamples(ComparedStatistic.P9999));
    }
}
