package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LatencyCountsTest {

    /**
     * The walk over the parts gives, at every rank, the value the merged counts give: parts
     * that share values (the walk meets equal values one part at a time), empty parts, one part,
     * and ranks at both ends.
     */
    @Test
    void valuesAtRanksEqualTheMergedCounts() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int k = 1 + rng.nextInt(25);
            List<LatencyCounts> parts = new ArrayList<>();
            for (int p = 0; p < k; p++) {
                TreeMap<Long, Long> m = new TreeMap<>();
                int n = rng.nextInt(4) == 0 ? 0 : 1 + rng.nextInt(60);
                for (int i = 0; i < n; i++) {
                    m.merge(1_000L + rng.nextInt(200), 1L + rng.nextInt(5), Long::sum); // narrow range: many shared values
                }
                parts.add(new LatencyCounts(m.keySet().stream().mapToLong(Long::longValue).toArray(),
                        m.values().stream().mapToLong(Long::longValue).toArray()));
            }
            LatencyCounts merged = merged(parts);
            long total = merged.total();
            if (total == 0) {
                continue;
            }
            long[] ranks = {1, 1 + total / 3, (total + 1) / 2, total - 1, total};
            java.util.Arrays.sort(ranks);
            long[] expected = new long[ranks.length];
            for (int r = 0; r < ranks.length; r++) {
                long seen = 0;
                long want = Math.max(1, ranks[r]);
                for (int i = 0; i < merged.size(); i++) {
                    seen += merged.countAt(i);
                    if (seen >= want) {
                        expected[r] = merged.valueAt(i);
                        break;
                    }
                }
                ranks[r] = want;
            }
            assertArrayEquals(expected, LatencyCounts.valuesAtRanks(parts, ranks), "trial " + trial);
        }
    }

    @Test
    void aRankBeyondTheSamplesIsAnError() {
        List<LatencyCounts> parts = List.of(new LatencyCounts(new long[] {5, 9}, new long[] {2, 1}));
        assertArrayEquals(new long[] {5, 9}, LatencyCounts.valuesAtRanks(parts, new long[] {2, 3}));
        assertThrows(IllegalArgumentException.class, () -> LatencyCounts.valuesAtRanks(parts, new long[] {4}));
    }

    /**
     * All of {@code parts} merged by adding the counts of equal values: the plain reference the
     * engine's walks are checked against.
     */
    static LatencyCounts merged(List<LatencyCounts> parts) {
        TreeMap<Long, Long> m = new TreeMap<>();
        for (LatencyCounts p : parts) {
            for (int i = 0; i < p.size(); i++) {
                m.merge(p.valueAt(i), p.countAt(i), Long::sum);
            }
        }
        return new LatencyCounts(m.keySet().stream().mapToLong(Long::longValue).toArray(),
                m.values().stream().mapToLong(Long::longValue).toArray());
    }
}
