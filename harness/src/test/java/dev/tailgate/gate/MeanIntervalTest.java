package dev.tailgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeanIntervalTest {

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /**
     * Forks differ by a random JVM-launch effect (sd 5) much larger than the iteration noise
     * (sd 0.5), as JIT and memory layout make them on real machines. The fork-level interval
     * must still cover the true mean ~95% of the time; an interval pooling iterations as if
     * independent would cover far less.
     */
    @ParameterizedTest(name = "{0} forks")
    @ValueSource(ints = {2, 3, 5})
    void coverageIsNominalWhenForksDiffer(int forks) {
        int trials = 2000;
        int covered = 0;
        for (int seed = 0; seed < trials; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed * 31L + forks);
            List<List<Double>> data = new ArrayList<>();
            double sum = 0;
            for (int f = 0; f < forks; f++) {
                double forkEffect = 5 * gaussian(rnd);
                List<Double> it = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    double v = 100 + forkEffect + 0.5 * gaussian(rnd);
                    it.add(v);
                    sum += v;
                }
                data.add(it);
            }
            Interval ci = MeanInterval.of(sum / (forks * 5), data, 0.95);
            if (ci.low() <= 100 && 100 <= ci.high()) {
                covered++;
            }
        }
        double coverage = covered / (double) trials;
        assertEquals(0.95, coverage, 0.02, "coverage " + coverage);
    }

    @Test
    void oneForkFallsBackToIterationsAndSaysSo() {
        Interval ci = MeanInterval.of(10, List.of(List.of(9.0, 10.0, 11.0)), 0.95);
        assertTrue(ci.bounded());
        assertTrue(ci.basis().contains("fork-to-fork variance unknown"), ci.basis());
        Interval none = MeanInterval.of(10, List.of(List.of(10.0)), 0.95);
        assertTrue(!none.bounded());
    }
}
