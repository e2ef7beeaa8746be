package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tailgate.compare.ArmSupport;
import dev.tailgate.compare.CheckResult;
import dev.tailgate.compare.Classification;
import dev.tailgate.compare.ComparedStatistic;
import dev.tailgate.compare.Design;
import dev.tailgate.compare.LookSchedule;
import dev.tailgate.compare.PairedCheck;
import dev.tailgate.compare.PairedLook;
import dev.tailgate.compare.StatisticSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The time to decision ab reports: from the look where the REGRESSION it ends with was shown and then held. */
class AbDecidedTest {
    private static final ArmSupport SUPPORT = new ArmSupport(8, 8, 80_000);

    private static PairedLook look(int rounds, Classification p50) {
        CheckResult r = new CheckResult("b", ComparedStatistic.P50, true, p50, "r", 1, 1, 1, 1, 1, 0.05, 1, 1, 1, 1,
                SUPPORT, SUPPORT, StatisticSource.JMH_SAMPLE_HISTOGRAM, 0, Design.PAIRED_ITERATION_ROUNDS);
        return new PairedLook(0, new LookSchedule.Look(rounds, rounds / 32.0, 0.001, 0.001), false, 32,
                List.of(new PairedCheck(r, p50 == Classification.INCONCLUSIVE ? 10 : 0, 0.01)));
    }

    @Test
    void decidedIsTheStartOfTheLastUnbrokenRunOfFailingLooks() {
        List<PairedLook> looks = List.of(look(4, Classification.INCONCLUSIVE), look(8, Classification.REGRESSION),
                look(12, Classification.INCONCLUSIVE), look(16, Classification.REGRESSION),
                look(24, Classification.REGRESSION));
        assertEquals(Optional.of(new AbEngine.Decided(16, 40.0)),
                AbEngine.decided(looks, List.of(10.0, 20.0, 30.0, 40.0, 60.0)), "the claim at 8 rounds was lost at 12");
    }

    @Test
    void noDecisionWhenTheLastLookHasNoRegression() {
        assertEquals(Optional.empty(), AbEngine.decided(List.of(look(4, Classification.REGRESSION),
                look(8, Classification.NO_CHANGE)), List.of(10.0, 20.0)));
        assertEquals(Optional.empty(), AbEngine.decided(List.of(), List.of()));
    }
}
