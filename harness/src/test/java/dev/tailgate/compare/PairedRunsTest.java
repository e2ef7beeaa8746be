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
}
