package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The input records refuse what the engine cannot judge instead of producing a number from it. */
class InputRecordsTest {

    @Test
    void scoresMustBeFiniteAndPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fork.ofScores(1.0, Double.NaN));
        assertTrue(e.getMessage().contains("iteration 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fork.ofScores(0.0));
        assertThrows(IllegalArgumentException.class, () -> new Fork(new double[0], List.of()));
    }

    @Test
    void latencyCountsMustBeSortedAndPositive() {
        assertThrows(IllegalArgumentException.class, () -> new LatencyCounts(new long[] {20, 10}, new long[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new LatencyCounts(new long[] {10, 10}, new long[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new LatencyCounts(new long[] {10}, new long[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new LatencyCounts(new long[] {10}, new long[] {1, 2}));
    }

    @Test
    void countsFromAHistogramKeepEveryNonEmptyBucket() {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        h.recordValueWithCount(0, 2);
        h.recordValueWithCount(17_321, 5);
        h.recordValueWithCount(2_000_000_123L, 1);
        LatencyCounts c = LatencyCounts.of(h);
        assertArrayEquals(new long[] {0, h.highestEquivalentValue(17_321), h.highestEquivalentValue(2_000_000_123L)}, c.valuesNs());
        assertArrayEquals(new long[] {2, 5, 1}, c.counts());
        assertEquals(8, c.total());
        assertEquals(0, LatencyCounts.of(new Histogram(3)).total());
    }

    @Test
    void armsAndMarginsCheckShape() {
        Fork scores = Fork.ofScores(1, 2);
        Fork latencies = Fork.ofLatencies(List.of(new LatencyCounts(new long[] {5}, new long[] {1})));
        assertThrows(IllegalArgumentException.class, () -> new Arm(ScoreKind.TIME_PER_OP, List.of(scores, latencies)));
        assertThrows(IllegalArgumentException.class, () -> new Arm(ScoreKind.TIME_PER_OP, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Margins.defaults().with(ComparedStatistic.P50, 1.0));
    }
}
