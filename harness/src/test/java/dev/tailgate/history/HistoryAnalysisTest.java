package dev.tailgate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.compare.Margins;
import dev.tailgate.history.changepoint.ChangePoint;
import dev.tailgate.history.changepoint.ChangePointOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which steps fail, and which runs are points: the decisions of history, without files. */
class HistoryAnalysisTest {
    private static ChangePoint step(double ratio, double low, double high) {
        return new ChangePoint(10, 1, ratio, ratio, low, high, 1e-6);
    }

    @Test
    void aRegressionIsWorseBeyondTheMarginWithAnIntervalExcludingNoChange() {
        assertEquals(Step.Kind.REGRESSION, HistoryAnalysis.kind(step(1.12, 1.08, 1.16), 0.10, true));
        assertEquals(Step.Kind.SHIFT, HistoryAnalysis.kind(step(1.08, 1.06, 1.10), 0.10, true), "within the margin");
        assertEquals(Step.Kind.SHIFT, HistoryAnalysis.kind(step(1.12, 0.98, 1.30), 0.10, true), "interval spans 1");
        assertEquals(Step.Kind.IMPROVEMENT, HistoryAnalysis.kind(step(0.85, 0.80, 0.90), 0.10, true));
        assertEquals(Step.Kind.SHIFT, HistoryAnalysis.kind(step(1.2, Double.NaN, Double.NaN), 0.05, true));
    }

    @Test
    void throughputIsWorseDownwards() {
        assertEquals(Step.Kind.REGRESSION, HistoryAnalysis.kind(step(0.90, 0.88, 0.92), 0.05, false));
        assertEquals(Step.Kind.IMPROVEMENT, HistoryAnalysis.kind(step(1.10, 1.08, 1.12), 0.05, false));
        assertEquals(Step.Kind.SHIFT, HistoryAnalysis.kind(step(0.96, 0.95, 0.97), 0.05, false));
    }

    /** 30 nights at 100 µs; nights 15.. at 140 µs are arms of an A/B (or, second case, ordinary runs). */
    private static SeriesHistory series(String statistic, boolean abArms) {
        Random rnd = new Random(5);
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            TreeMap<String, String> identity = new TreeMap<>(Map.of("profile", "stock"));
            if (abArms && i >= 15) {
                identity.put("ab.role", "candidate");
            }
            HistoryRun run = new HistoryRun("n" + i, GeneratedRuns.FIRST_NIGHT.plus(Duration.ofDays(i)), "COMPLETE", null,
                    identity);
            double v = (i >= 15 ? 140e-6 : 100e-6) * (1 + 0.01 * rnd.nextGaussian());
            points.add(new SeriesPoint(run, v, v * 0.98, v * 1.02, 10_000));
        }
        return HistoryAnalysis.analyse(new SeriesKey("b.C.m", "", "sample", statistic, "s"), points,
                ChangePointOptions.defaults(), Margins.defaults());
    }

    @Test
    void aStepOfOrdinaryRunsFailsOnAGatingStatisticOnly() {
        SeriesHistory p99 = series("p99", false);
        assertEquals(1, p99.steps().size());
        assertEquals("n15", p99.steps().get(0).after().name());
        assertTrue(p99.failsGate());
        SeriesHistory max = series("max", false);
        assertEquals(Step.Kind.REGRESSION, max.steps().get(0).kind());
        assertFalse(max.failsGate(), "max is shown, never gating");
    }

    @Test
    void armsOfAnAbAreShownButAreNotPoints() {
        SeriesHistory s = series("p99", true);
        assertTrue(s.steps().isEmpty(), s.steps().toString());
        assertEquals(30, s.points().size());
        assertEquals("ab candidate", s.points().get(20).run().mark());
    }
}
