package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.CounterReadings;
import dev.tailgate.model.Mode;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From loaded JMH runs to paired inputs: one fork per arm and round, or one run of alternating forks. */
class PairedRunsTest {
    private static BenchmarkResult avgt(String name, List<List<Double>> forks) {
        return new BenchmarkResult(BenchmarkId.of(name), Mode.AVERAGE_TIME, 1, "ns/op", 30, forks, List.of(), Map.of(), Map.of());
    }

    private static Run run(BenchmarkResult... results) {
        return new Run("jmh.json", List.of(results), RunStatus.COMPLETE, "", Map.of(), CounterReadings.missing("run", "none"));
    }

    @Test
    void forkRoundsPairEachRoundsForksAndNoteWhatCannotBePaired() {
        List<Run> base = new ArrayList<>();
        List<Run> cand = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            base.add(run(avgt("a", List.of(List.of(30.0 + r, 31.0))), avgt("gone", List.of(List.of(1.0)))));
            cand.add(r == 2 ? run(avgt("a", List.of(List.of(33.0 + r, 34.0))))
                    : run(avgt("a", List.of(List.of(33.0 + r, 34.0))), avgt("gone", List.of(List.of(1.0)))));
        }
        PairedRuns.Result result = PairedRuns.forkRounds(base, cand);
        assertEquals(1, result.inputs().size());
        PairedInput a = result.inputs().get(0);
        assertEquals(Design.PAIRED_FORK_ROUNDS, a.design());
        assertEquals(4, a.rounds());
        assertArrayEquals(new double[] {32, 31}, a.groups().get(2).get(0).baseline().iterationScores());
        assertArrayEquals(new double[] {35, 34}, a.groups().get(2).get(0).candidate().iterationScores());
        assertEquals(List.of("gone: missing in the candidate round 3, not paired"), result.notes());
    }

    /** With mirrored forks, fork 1 ran B A A B: its first round's baseline is its second iteration. */
    @Test
    void mirroredIterationRoundsSwapTheLeadInOddForks() {
        Run run = run(avgt("a", List.of(List.of(1.0, 2.0, 3.0, 4.0), List.of(5.0, 6.0, 7.0, 8.0))));
        PairedInput plain = PairedRuns.iterationRounds(run, true).inputs().get(0);
        PairedInput mirrored = PairedRuns.iterationRounds(run, true, true).inputs().get(0);
        assertArrayEquals(new double[] {1}, mirrored.groups().get(0).get(0).baseline().iterationScores(), "fork 0 as ABBA");
        assertArrayEquals(new double[] {4}, mirrored.groups().get(0).get(1).baseline().iterationScores());
        assertArrayEquals(new double[] {6}, mirrored.groups().get(1).get(0).baseline().iterationScores(), "fork 1 as BAAB");
        assertArrayEquals(new double[] {5}, mirrored.groups().get(1).get(0).candidate().iterationScores());
        assertArrayEquals(new double[] {7}, mirrored.groups().get(1).get(1).baseline().iterationScores());
        assertArrayEquals(new double[] {5}, plain.groups().get(1).get(0).baseline().iterationScores(), "unmirrored: ABBA");
    }

    @Test
    void iterationRoundsSplitEveryForkOfOneRunAndNoteAnOddOne() {
        Run run = run(avgt("a", List.of(List.of(1.0, 2.0, 3.0, 4.0), List.of(5.0, 6.0))),
                avgt("odd", List.of(List.of(1.0, 2.0, 3.0))));
        PairedRuns.Result result = PairedRuns.iterationRounds(run, true);
        PairedInput a = result.inputs().get(0);
        assertEquals(Design.PAIRED_ITERATION_ROUNDS, a.design());
        assertEquals(2, a.groups().size());
        assertEquals(3, a.rounds());
        assertArrayEquals(new double[] {4}, a.groups().get(0).get(1).baseline().iterationScores());
        assertEquals(1, result.notes().size());
        assertTrue(result.notes().get(0).startsWith("odd: fork has 3 iterations"), result.notes().get(0));
    }

    private static RunComparison.OpenLoopArm hlogFork(long... latenciesNs) {
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        for (long v : latenciesNs) {
            h.recordValue(v);
        }
        return RunComparison.OpenLoopArm.of("histograms/x-fork1.hlog", List.of(List.of(h))).orElseThrow();
    }

    /**
     * A fixed-rate benchmark is paired on its rounds' response histograms, never on JMH's
     * single-shot score (the schedule's length); a round whose generator fell behind is left out;
     * one without them in a round is noted, not paired.
     */
    @Test
    void fixedRateRoundsArePairedOnTheirResponseHistograms() {
        BenchmarkResult fixed = new BenchmarkResult(BenchmarkId.of("fr"), Mode.SINGLE_SHOT, 1, "ms/op", 1,
                List.of(List.of(10_000.0)), List.of(), Map.of(), Map.of());
        List<Run> base = List.of(run(fixed), run(fixed), run(fixed));
        List<Run> cand = List.of(run(fixed), run(fixed), run(fixed));
        BenchmarkId id = BenchmarkId.of("fr");
        List<Map<BenchmarkId, RunComparison.OpenLoopArm>> b = List.of(Map.of(id, hlogFork(30_000, 31_000)),
                Map.of(id, hlogFork(30_000)), Map.of(id, hlogFork(32_000)));
        List<Map<BenchmarkId, RunComparison.OpenLoopArm>> c = List.of(Map.of(id, hlogFork(60_000)),
                Map.of(id, hlogFork(61_000)), Map.of(id, hlogFork(62_000, 63_000)));
        PairedRuns.Result result = PairedRuns.forkRounds(base, b, cand, c);
        assertEquals(List.of(), result.notes());
        PairedInput fr = result.inputs().get(0);
        assertEquals(StatisticSource.FIXED_RATE_RESPONSE, fr.latencySource());
        assertEquals(3, fr.rounds());
        assertEquals(2, fr.groups().get(0).get(0).baseline().iterationLatencies().get(0).total());
        assertEquals(0, fr.groups().get(0).get(0).baseline().scoreCount(), "the schedule's length is not a score here");

        BenchmarkResult late = new BenchmarkResult(BenchmarkId.of("fr"), Mode.SINGLE_SHOT, 1, "ms/op", 1,
                List.of(List.of(10_000.0)), List.of(), Map.of(),
                Map.of("valid", new dev.tailgate.model.SecondaryMetric(0, "#", List.of(List.of(0.0)))));
        PairedRuns.Result behind = PairedRuns.forkRounds(base, b, List.of(run(fixed), run(late), run(fixed)), c);
        assertEquals(2, behind.inputs().get(0).rounds(), "the round whose generator fell behind is left out");
        assertEquals(List.of("fr: round 2 left out: the fixed-rate generator fell behind its schedule (candidate fork 1)"),
                behind.notes());

        List<Map<BenchmarkId, RunComparison.OpenLoopArm>> gap = List.of(c.get(0), Map.of(), c.get(2));
        PairedRuns.Result partial = PairedRuns.forkRounds(base, b, cand, gap);
        assertEquals(List.of(), partial.inputs());
        assertEquals(List.of("fr: no fixed-rate response histograms (.hlog) in the candidate round 2, not paired"),
                partial.notes());
    }
}
