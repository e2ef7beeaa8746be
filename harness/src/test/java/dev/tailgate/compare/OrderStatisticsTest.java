package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Selection must give exactly the type-7 quantiles of the sorted values, ties and tiny arrays included. */
class OrderStatisticsTest {

    static double sortedQuantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    @Test
    void equalsTheQuantilesOfTheSortedArray() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] qs = {{0.025, 0.5, 0.975}, {0.0, 1.0}, {0.5, 0.5}, {0.1, 0.11, 0.9}};
        for (int n : new int[] {1, 2, 3, 5, 10, 999, 1000, 2000}) {
            for (int rep = 0; rep < 20; rep++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    // few distinct values in half the cases: ties must not break the partition
                    x[i] = rep % 2 == 0 ? rng.nextGaussian() : rng.nextInt(4);
                }
                double[] sorted = x.clone();
                Arrays.sort(sorted);
                for (double[] q : qs) {
                    double[] got = OrderStatistics.quantiles(x.clone(), q);
                    for (int k = 0; k < q.length; k++) {
                        assertEquals(sortedQuantile(sorted, q[k]), got[k], 0, "n " + n + " q " + q[k]);
                    }
                }
            }
        }
    }
}
