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
import org.junit.jupiter.api.Test;

class AbReportTest {
    private static PairedCheck check(ComparedStatistic st, Classification c, double lo, double hi) {
        ArmSupport s = new ArmSupport(4, 4, 40_000);
        return new PairedCheck(new CheckResult("dev.tailgate.bench.redis.JedisPingBenchmark.ping", st, true, c, "r", 1, 1,
                1.05, lo, hi, 0.05, 1, 1, 1, 1, s, s, StatisticSource.JMH_SAMPLE_HISTOGRAM, 0,
                Design.PAIRED_ITERATION_ROUNDS), 0, 0.01);
    }

    @Test
    void aLookLineGivesEachGatingCheckItsIntervalAndSaysWhenItIsTooWideToRead() {
        PairedLook look = new PairedLook(0, new LookSchedule.Look(4, 0.125, 1e-8, 1e-8), false, 32, List.of(
                check(ComparedStatistic.MEAN, Classification.INCONCLUSIVE, 1e-6, 4.6e18),
                check(ComparedStatistic.P50, Classification.REGRESSION, 1.061, 1.073),
                check(ComparedStatistic.P999, Classification.INCONCLUSIVE, Double.NaN, Double.NaN)));
        assertEquals("look 1 at 4 rounds (one-sided level 1.0e-08): JedisPing.ping mean 1.050 [wider than 100x] open; "
                + "JedisPing.ping p50 1.050 [1.061, 1.073] REGRESSION; JedisPing.ping p99.9 not judged yet open",
                AbReport.lookLine(look));
    }
}
