package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paired path on small constructed inputs whose answers are known. */
class PairedCompareTest {
    private static final CompareConfig CONFIG = CompareConfig.defaults(3);

    /**
     * Score rounds where each round's host speed (sd 30%) hits both sides and the candidate is
     * 10% slower with 1% noise per side: paired, the speed cancels and the interval is about
     * ±1%; the same data unpaired carry the 30% between rounds into the interval in full.
     */
    private static PairedInput sharedSpeed(int rounds, double effect, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<PairedRound> rs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double speed = Math.exp(0.3 * rng.nextGaussian());
            rs.add(new PairedRound(Fork.ofScores(30 * speed * Math.exp(0.01 * rng.nextGaussian())),
                    Fork.ofScores(30 * effect * speed * Math.exp(0.01 * rng.nextGaussian()))));
        }
        return PairedInput.forkRounds("b", ScoreKind.TIME_PER_OP, rs);
    }

    private static CheckResult mean(List<CheckResult> results) {
        return results.stream().filter(c -> c.statistic() == ComparedStatistic.MEAN).findFirst().orElseThrow();
    }

    @Test
    void pairingCancelsWhatBothSidesOfARoundShared() {
        PairedInput in = sharedSpeed(12, 1.10, 1);
        CheckResult paired = mean(PairedCompare.fixed(List.of(in), CONFIG).results());
        CheckResult unpaired = mean(CompareEngine.compare(List.of(in.unpaired()), CONFIG));
        assertEquals(Classification.REGRESSION, paired.classification(), paired.reason());
        assertTrue(paired.ciLow() > 1.08 && paired.ciHigh() < 1.12, paired.reason());
        assertTrue(unpaired.ciHigh() - unpaired.ciLow() > 0.2, unpaired.reason());
        assertEquals(Design.PAIRED_FORK_ROUNDS, paired.design());
        assertEquals(Design.INDEPENDENT, unpaired.design());
        assertEquals(new ArmSupport(12, 12, 12), paired.baseline());
    }

    /** The estimate is the statistic of the pooled data, as in the independent comparison; only the interval differs. */
    @Test
    void pointEstimatesAreThoseOfThePooledData() {
        PairedInput in = RegimeHost.generate(RegimeHost.Layout.forkRounds(6), RegimeHost.Effect.scale("+5%", 1.05),
                new SplittableRandom(4));
        List<CheckResult> paired = PairedCompare.fixed(List.of(in), CONFIG).results();
        List<CheckResult> unpaired = CompareEngine.compare(List.of(in.unpaired()), CONFIG);
        assertEquals(unpaired.size(), paired.size());
        for (int i = 0; i < paired.size(); i++) {
            assertEquals(unpaired.get(i).statistic(), paired.get(i).statistic());
            assertEquals(unpaired.get(i).baselineValue(), paired.get(i).baselineValue(), 0);
            assertEquals(unpaired.get(i).candidateValue(), paired.get(i).candidateValue(), 0);
        }
    }

    @Test
    void sameSeedSameLook() {
        PairedInput in = RegimeHost.generate(RegimeHost.Layout.iterationRounds(16), RegimeHost.Effect.NONE,
                new SplittableRandom(8));
        assertEquals(PairedCompare.fixed(List.of(in), CONFIG), PairedCompare.fixed(List.of(in), CONFIG));
    }

    @Test
    void fewRoundsAreInconclusiveWithTheirCount() {
        CheckResult r = mean(PairedCompare.fixed(List.of(sharedSpeed(2, 1.5, 2)), CONFIG).results());
        assertEquals(Classification.INCONCLUSIVE, r.classification());
        assertEquals("2 rounds in the baseline; at least 3 per arm are needed", r.reason());
    }

    @Test
    void forkLevelPicksRoundsAndIterationLevelPicksForksThenRoundsInside() {
        SplittableRandom rng = new SplittableRandom(5);
        RoundPicker flat = new RoundPicker(sharedSpeed(7, 1, 1));
        int count = flat.pick(rng);
        assertEquals(7, count);
        assertTrue(java.util.Arrays.stream(flat.picked(count)).allMatch(i -> i >= 0 && i < 7));

        List<List<PairedRound>> forks = new ArrayList<>();
        PairedInput rounds = sharedSpeed(12, 1, 1);
        forks.add(rounds.groups().stream().limit(3).map(g -> g.get(0)).toList());
        forks.add(rounds.groups().stream().skip(3).limit(4).map(g -> g.get(0)).toList());
        forks.add(rounds.groups().stream().skip(7).map(g -> g.get(0)).toList());
        RoundPicker nested = new RoundPicker(PairedInput.iterationRounds("b", ScoreKind.TIME_PER_OP, forks));
        int[][] group = {{0, 1, 2}, {3, 4, 5, 6}, {7, 8, 9, 10, 11}};
        Set<Integer> seenSizes = new HashSet<>();
        for (int rep = 0; rep < 200; rep++) {
            int[] picked = nested.picked(nested.pick(rng));
            int at = 0;
            while (at < picked.length) {
                int g = picked[at] < 3 ? 0 : picked[at] < 7 ? 1 : 2;
                for (int j = 0; j < group[g].length; j++) {
                    int p = picked[at + j];
                    assertTrue(p >= group[g][0] && p <= group[g][group[g].length - 1], "round " + p + " outside fork " + g);
                }
                at += group[g].length;
            }
            seenSizes.add(picked.length);
        }
        assertTrue(seenSizes.size() > 3, "replicate sizes vary with the forks picked: " + seenSizes);
    }

    @Test
    void alternatingForkSplitsIntoAbbaRounds() {
        Fork fork = Fork.ofScores(1, 2, 3, 4, 5, 6);
        List<PairedRound> rounds = PairedRound.alternating(fork, true);
        assertEquals(3, rounds.size());
        assertArrayEquals(new double[] {1}, rounds.get(0).baseline().iterationScores());
        assertArrayEquals(new double[] {2}, rounds.get(0).candidate().iterationScores());
        assertArrayEquals(new double[] {4}, rounds.get(1).baseline().iterationScores());
        assertArrayEquals(new double[] {3}, rounds.get(1).candidate().iterationScores());
        assertArrayEquals(new double[] {2}, PairedRound.alternating(fork, false).get(0).baseline().iterationScores());
        assertThrows(IllegalArgumentException.class, () -> PairedRound.alternating(Fork.ofScores(1, 2, 3), true));
    }

    @Test
    void aLookNeedsItsRoundCountAndTheConfiguredAlpha() {
        LookSchedule schedule = LookSchedule.standard(16, 0.05, LookSchedule.Spending.OBRIEN_FLEMING);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedCompare.look(List.of(sharedSpeed(5, 1, 1)), CONFIG, schedule, 0));
        assertEquals("b has 5 rounds; look 1 of the schedule is at 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PairedCompare.look(List.of(sharedSpeed(4, 1, 1)), CONFIG,
                LookSchedule.standard(16, 0.10, LookSchedule.Spending.POCOCK), 0));
    }

    @Test
    void roundsToDecideIsTheFirstCountWhoseHalfWidthFits() {
        double level = 0.0125;
        double margin = 0.05;
        double logRatio = Math.log(1.02);
        double distance = Math.log1p(margin) - logRatio;
        double se = 0.03;
        int n = 10;
        int need = PairedCompare.roundsToDecide(logRatio, se, n, margin, level);
        double sigma = se * Math.sqrt(n - 1.0);
        java.util.function.IntToDoubleFunction half = k ->
                sigma * dev.tailgate.model.Stats.tQuantile(1 - level, k - 1) / Math.sqrt(k - 1.0);
        assertTrue(half.applyAsDouble(need) <= distance && half.applyAsDouble(need - 1) > distance, "need " + need);
        // The spread halved needs about a quarter of the rounds.
        int quarter = PairedCompare.roundsToDecide(logRatio, se / 2, n, margin, level);
        assertTrue(Math.abs(quarter - need / 4.0) < need / 10.0, quarter + " vs " + need);
        assertEquals(n, PairedCompare.roundsToDecide(logRatio, 1e-4, n, margin, level));
        assertEquals(-1, PairedCompare.roundsToDecide(Math.log1p(margin), se, n, margin, level));
        assertEquals(-1, PairedCompare.roundsToDecide(logRatio, Double.NaN, n, margin, level));
    }

    @Test
    void anInconclusiveCheckSaysHowManyRoundsWouldDecide() {
        PairedLook look = PairedCompare.fixed(List.of(sharedSpeed(4, 1.06, 11)), CONFIG.withMargins(
                CONFIG.margins().with(ComparedStatistic.MEAN, 0.05)));
        PairedCheck c = look.checks().get(0);
        assertEquals(Classification.INCONCLUSIVE, c.result().classification(), c.result().reason());
        assertTrue(c.roundsToDecide() > 4, c.notShown());
        assertTrue(c.notShown().startsWith("not shown: ratio 1.0"), c.notShown());
        assertTrue(c.notShown().endsWith(" rounds would decide at this spread"), c.notShown());
        assertTrue(look.finalLook() && look.stop() && !look.allGatingDecided());
    }

    /** 4 iteration rounds of 2,000 samples per side: p99 needs 10,000 per arm (5 rounds), p99.9 100,000 (50). */
    @Test
    void aCheckTooSmallToJudgeSaysWhenItWouldHaveEnoughData() {
        PairedInput in = RegimeHost.generate(RegimeHost.Layout.iterationRounds(4), RegimeHost.Effect.NONE,
                new SplittableRandom(6));
        PairedLook look = PairedCompare.fixed(List.of(in), CONFIG);
        PairedCheck p99 = look.checks().stream().filter(c -> c.result().statistic() == ComparedStatistic.P99)
                .findFirst().orElseThrow();
        PairedCheck p999 = look.checks().stream().filter(c -> c.result().statistic() == ComparedStatistic.P999)
                .findFirst().orElseThrow();
        assertEquals(5, p99.roundsToDecide());
        assertEquals(50, p999.roundsToDecide());
        assertEquals("not judged: 8,000 samples in the baseline; p99 needs at least 10,000 per arm; "
                + "about 5 rounds would give it enough data", p99.notShown());
    }
}
