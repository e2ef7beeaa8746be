package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The replicate machinery must give, for every resampled multiset of iterations, exactly the
 * percentile and mean of the histogram obtained by adding the picked iterations' counts. The
 * arm's grid keeps only the buckets inside each percentile's window, so this is what would
 * break if a window were too narrow.
 */
class ArmResamplerTest {

    @Test
    void everyReplicateEqualsTheBruteForceMergeOfItsPickedIterations() {
        SplittableRandom gen = new SplittableRandom(5);
        for (int forks : new int[] {1, 3, 5}) {
            SyntheticRuns.Shape shape = new SyntheticRuns.Shape(forks, 4, 3_000, 0.05, 0.02);
            Arm arm = SyntheticRuns.latencyArm(shape, 1, 1, gen);
            List<LatencyCounts> flat = new ArrayList<>();
            arm.forks().forEach(f -> flat.addAll(f.iterationLatencies()));
            PreparedArm prepared = new PreparedArm(arm);
            assertTrue(prepared.grid.size() < flat.stream().mapToInt(LatencyCounts::size).sum() / 2,
                    "the grid keeps only the percentile windows, not every bucket");
            ArmResampler r = new ArmResampler(prepared);
            SplittableRandom rng = new SplittableRandom(forks);
            for (int rep = 0; rep < 200; rep++) {
                r.draw(rng);
                Histogram merged = new Histogram(3_600_000_000_000L, 3);
                double sum = 0;
                long n = 0;
                for (int h = 0; h < flat.size(); h++) {
                    LatencyCounts c = flat.get(h);
                    for (int k = 0; k < c.size(); k++) {
                        long count = (long) r.weightOf(h) * c.countAt(k);
                        if (count > 0) {
                            merged.recordValueWithCount(c.valueAt(k), count);
                            sum += (double) c.valueAt(k) * count;
                            n += count;
                        }
                    }
                }
                assertEquals(n, r.sampleCount());
                for (ComparedStatistic s : ComparedStatistic.values()) {
                    if (s.isPercentile()) {
                        assertEquals(merged.highestEquivalentValue(merged.getValueAtPercentile(s.quantile() * 100)),
                                r.percentile(s), 0, s.label() + " of replicate " + rep);
                    }
                }
                assertEquals(sum / n, r.histogramMean(), 1e-9 * sum / n);
            }
        }
    }

    @Test
    void mergeAddsTheCountsOfEqualValues() {
        SplittableRandom gen = new SplittableRandom(9);
        Arm arm = SyntheticRuns.latencyArm(new SyntheticRuns.Shape(3, 3, 2_000, 0.05, 0.02), 1, 1, gen);
        Histogram all = new Histogram(3_600_000_000_000L, 3);
        List<LatencyCounts> flat = new ArrayList<>();
        for (Fork f : arm.forks()) {
            for (LatencyCounts c : f.iterationLatencies()) {
                flat.add(c);
                for (int k = 0; k < c.size(); k++) {
                    all.recordValueWithCount(c.valueAt(k), c.countAt(k));
                }
            }
        }
        assertEquals(LatencyCounts.of(all), LatencyCountsTest.merged(flat));
    }

    @Test
    void belowStaysInRangeAndHitsEveryIndex() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int bound : new int[] {1, 2, 3, 5, 7, 10}) {
            int[] hits = new int[bound];
            for (int i = 0; i < 10_000; i++) {
                hits[ArmResampler.below(rng, bound)]++;
            }
            for (int k = 0; k < bound; k++) {
                assertTrue(Math.abs(hits[k] - 10_000.0 / bound) < 6 * Math.sqrt(10_000.0 / bound), "bound " + bound + " index " + k + ": " + hits[k]);
            }
        }
    }
}
