package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The paired path on generated data with regime-switching noise ({@link RegimeHost}) and on
 * constructed spoiled rounds, over fixed seeds. Bounds carry binomial tolerance: with n seeds
 * and a nominal 2.5% per direction, Binomial(60, 0.025) exceeds 5 with probability ~0.4%.
 * The bigger tables are {@link PairedStatisticsBenchmark}'s (docs/compare-statistics.md).
 */
class PairedCalibrationTest {
    private static final CompareConfig ZERO_MARGINS =
            PairedStatisticsBenchmark.zeroMargins(CompareConfig.defaults(0).withResamples(400));

    private static boolean claims(List<CheckResult> r, Classification c) {
        return r.stream().anyMatch(x -> x.gating() && x.classification() == c);
    }

    /** A/A with regime switches, every margin 0: only the interval stands between noise and a claim. */
    @Test
    void regimeSwitchingAaRarelyClaimsAChangeInEitherLayout() {
        for (boolean forkLevel : new boolean[] {true, false}) {
            int regressions = 0;
            int improvements = 0;
            for (int seed = 0; seed < 60; seed++) {
                PairedInput in = PairedStatisticsBenchmark.data(forkLevel, forkLevel ? 8 : 16, RegimeHost.Effect.NONE, seed);
                List<CheckResult> r = PairedCompare.fixed(List.of(in), ZERO_MARGINS.withSeed(seed)).results();
                regressions += claims(r, Classification.REGRESSION) ? 1 : 0;
                improvements += claims(r, Classification.IMPROVEMENT) ? 1 : 0;
            }
            assertTrue(regressions <= 5, (forkLevel ? "fork" : "iteration") + " rounds: " + regressions + "/60 REGRESSION");
            assertTrue(improvements <= 5, (forkLevel ? "fork" : "iteration") + " rounds: " + improvements + "/60 IMPROVEMENT");
        }
    }

    /**
     * Iteration-level rounds, 32 of them: the paired p50 interval says "no change within 5%" in
     * more than half of the A/A seeds; the independent bootstrap of the same data (4 JMH forks
     * per arm) hardly ever.
     */
    @Test
    void pairedResolvesWhatUnpairedCannot() {
        CompareConfig config = CompareConfig.defaults(0).withResamples(400);
        int paired = 0;
        int unpaired = 0;
        for (int seed = 0; seed < 20; seed++) {
            PairedInput in = PairedStatisticsBenchmark.data(false, 32, RegimeHost.Effect.NONE, seed);
            paired += PairedStatisticsBenchmark.check(PairedCompare.fixed(List.of(in), config.withSeed(seed)).results(),
                    ComparedStatistic.P50).classification() == Classification.NO_CHANGE ? 1 : 0;
            unpaired += PairedStatisticsBenchmark.check(CompareEngine.compare(List.of(in.unpaired()), config.withSeed(seed)),
                    ComparedStatistic.P50).classification() == Classification.NO_CHANGE ? 1 : 0;
        }
        assertTrue(paired >= 9, "paired p50 NO CHANGE in " + paired + "/20 (12 measured)");
        assertTrue(unpaired <= 5, "unpaired p50 NO CHANGE in " + unpaired + "/20");
    }

    /**
     * Score rounds in which the host slowed down between the two sides in half the rounds: the
     * later side is 1.6x slower. In ABBA order the later side is the candidate in odd rounds and
     * the baseline in even ones, so spoiled rounds scatter both ways: the estimate stays at 1 on
     * average and the false-claim rate at nominal. Always measuring the candidate second (AB AB)
     * turns the same spoils into a bias that claims a regression.
     */
    @Test
    void spoiledRoundsAddSpreadNotBiasInAbbaOrder() {
        int claimsAbba = 0;
        int claimsAbab = 0;
        double logSum = 0;
        int seeds = 200;
        for (int seed = 0; seed < seeds; seed++) {
            List<CheckResult> abba = PairedCompare.fixed(List.of(spoiled(16, true, seed)), ZERO_MARGINS.withSeed(seed)).results();
            List<CheckResult> abab = PairedCompare.fixed(List.of(spoiled(16, false, seed)), ZERO_MARGINS.withSeed(seed)).results();
            claimsAbba += claims(abba, Classification.REGRESSION) || claims(abba, Classification.IMPROVEMENT) ? 1 : 0;
            claimsAbab += claims(abab, Classification.REGRESSION) ? 1 : 0;
            logSum += Math.log(abba.get(0).ratio());
        }
        assertTrue(claimsAbba <= 16, "ABBA: claims in " + claimsAbba + "/200 (nominal 5% over both directions)");
        assertTrue(Math.abs(logSum / seeds) < 0.01, "mean log ratio " + logSum / seeds);
        assertTrue(claimsAbab > 50, "AB AB: claims in " + claimsAbab + "/200");
    }

    private static PairedInput spoiled(int rounds, boolean abba, long seed) {
        SplittableRandom rng = new SplittableRandom(0x5B0000L + seed);
        List<PairedRound> rs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double speed = rng.nextBoolean() ? 1 : 1.6;
            double later = rng.nextBoolean() ? 1.6 : 1;
            double first = speed * Math.exp(0.02 * rng.nextGaussian());
            double second = speed * later * Math.exp(0.02 * rng.nextGaussian());
            boolean baselineFirst = !abba || r % 2 == 0;
            rs.add(baselineFirst ? new PairedRound(Fork.ofScores(30 * first), Fork.ofScores(30 * second))
                    : new PairedRound(Fork.ofScores(30 * second), Fork.ofScores(30 * first)));
        }
        return PairedInput.forkRounds("b", ScoreKind.TIME_PER_OP, rs);
    }

    /**
     * A/A with looks at 4, 6, 8, 12, 16, 24, 32 rounds (O'Brien-Fleming spending), zero margins:
     * a claim at any look counts. The union bound keeps the rate of any REGRESSION at or below
     * 2.5%.
     */
    @Test
    void lookingAtEveryScheduledLookKeepsTheFalseAlarmRate() {
        LookSchedule schedule = LookSchedule.standard(32, 0.05, LookSchedule.Spending.OBRIEN_FLEMING);
        assertEquals(7, schedule.size());
        int regressions = 0;
        for (int seed = 0; seed < 30; seed++) {
            PairedInput in = PairedStatisticsBenchmark.data(false, 32, RegimeHost.Effect.NONE, seed);
            regressions += PairedStatisticsBenchmark.claimedAtAnyLook(in, ZERO_MARGINS.withSeed(seed), schedule,
                    CheckResult::failsGate) ? 1 : 0;
        }
        assertTrue(regressions <= 3, "A/A, any look: " + regressions + "/30 REGRESSION");
    }
}
