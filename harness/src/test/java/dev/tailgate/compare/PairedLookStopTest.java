package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When a look stops the A/B: every gating check decided, or a regression with the tail settled. */
class PairedLookStopTest {
    private static final LookSchedule.Look LOOK = new LookSchedule.Look(8, 0.25, 0.001, 0.001);
    private static final ArmSupport SUPPORT = new ArmSupport(8, 8, 80_000);

    private static PairedCheck check(ComparedStatistic st, Classification c, int roundsToDecide) {
        CheckResult r = new CheckResult("b", st, true, c, "r", 1, 1, 1, 1, 1, 0.05, 1, 1, 1, 1, SUPPORT, SUPPORT,
                StatisticSource.JMH_SAMPLE_HISTOGRAM, 0, Design.PAIRED_ITERATION_ROUNDS);
        return new PairedCheck(r, c == Classification.INCONCLUSIVE ? roundsToDecide : 0, 0.01);
    }

    private static PairedLook look(PairedCheck... checks) {
        return new PairedLook(1, LOOK, false, 32, List.of(checks));
    }

    @Test
    void aRegressionWaitsForAnOpenTailCheckThatTheScheduleCanStillDecide() {
        PairedLook l = look(check(ComparedStatistic.MEAN, Classification.REGRESSION, 0),
                check(ComparedStatistic.P50, Classification.INCONCLUSIVE, 12),
                check(ComparedStatistic.P99, Classification.INCONCLUSIVE, 20));
        assertTrue(l.failed());
        assertFalse(l.stop(), "p99 could still be decided by 32 rounds");
    }

    @Test
    void aRegressionStopsOnceTheTailIsDecidedOrCannotBe() {
        assertTrue(look(check(ComparedStatistic.MEAN, Classification.REGRESSION, 0),
                check(ComparedStatistic.P50, Classification.INCONCLUSIVE, 12),
                check(ComparedStatistic.P99, Classification.REGRESSION, 0)).stop(), "p99 decided; p50 may stay open");
        assertTrue(look(check(ComparedStatistic.P50, Classification.REGRESSION, 0),
                check(ComparedStatistic.P99, Classification.NO_CHANGE, 0),
                check(ComparedStatistic.P999, Classification.INCONCLUSIVE, 40)).stop(), "p99.9 needs more than 32 rounds");
        assertTrue(look(check(ComparedStatistic.P50, Classification.REGRESSION, 0),
                check(ComparedStatistic.P999, Classification.INCONCLUSIVE, -1)).stop(), "no number of rounds would tell");
    }

    @Test
    void anImprovementOrAnOpenCheckWithoutARegressionDoesNotStop() {
        assertFalse(look(check(ComparedStatistic.P50, Classification.IMPROVEMENT, 0),
                check(ComparedStatistic.P99, Classification.NO_CHANGE, 0),
                check(ComparedStatistic.MEAN, Classification.INCONCLUSIVE, 16)).stop());
        assertTrue(look(check(ComparedStatistic.P50, Classification.IMPROVEMENT, 0),
                check(ComparedStatistic.P99, Classification.NO_CHANGE, 0)).stop(), "every gating check decided");
    }

    @Test
    void futilityIsJudgedFromHalfTheScheduleOn() {
        PairedCheck hopeless = check(ComparedStatistic.P50, Classification.INCONCLUSIVE, 500);
        PairedLook early = new PairedLook(2, new LookSchedule.Look(8, 0.25, 1e-5, 1e-5), false, 32, List.of(hopeless));
        PairedLook half = new PairedLook(4, new LookSchedule.Look(16, 0.5, 1e-3, 1e-3), false, 32, List.of(hopeless));
        assertFalse(PairedSequence.futile(early, 32), "8 of 32 rounds: too early to give up");
        assertTrue(PairedSequence.futile(half, 32));
        PairedLook hope = new PairedLook(4, new LookSchedule.Look(16, 0.5, 1e-3, 1e-3), false, 32,
                List.of(check(ComparedStatistic.P50, Classification.INCONCLUSIVE, 24)));
        assertFalse(PairedSequence.futile(hope, 32), "24 rounds would do");
    }
}
