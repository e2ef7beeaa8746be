package dev.tailgate.history.changepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EDivisiveTest {
    /** Q-hat straight from its definition, O(L^2) per (tau, kappa). */
    private static double q(double[] x, int from, int tau, int kappa) {
        int n = tau - from;
        int m = kappa - tau;
        double cross = 0;
        double withinX = 0;
        double withinY = 0;
        for (int i = from; i < tau; i++) {
            for (int j = tau; j < kappa; j++) {
                cross += Math.abs(x[i] - x[j]);
            }
            for (int k = i + 1; k < tau; k++) {
                withinX += Math.abs(x[i] - x[k]);
            }
        }
        for (int j = tau; j < kappa; j++) {
            for (int k = j + 1; k < kappa; k++) {
                withinY += Math.abs(x[j] - x[k]);
            }
        }
        return 2.0 / (m + n) * cross - (n > 1 ? 2.0 * m / ((m + n) * (n - 1.0)) * withinX : 0)
                - (m > 1 ? 2.0 * n / ((m + n) * (m - 1.0)) * withinY : 0);
    }

    @Test
    void bestSplitIsTheArgmaxOfTheDefinition() {
        for (int seed = 0; seed < 30; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] x = SyntheticSeries.noisy(SyntheticSeries.step(40, 5 + random.nextInt(30), 1.05), 0.04, random);
            int from = random.nextInt(5);
            int to = 40 - random.nextInt(5);
            int minSegment = 1 + random.nextInt(4);
            double best = Double.NEGATIVE_INFINITY;
            int bestTau = -1;
            for (int tau = from + minSegment; tau <= to - minSegment; tau++) {
                for (int kappa = tau + minSegment; kappa <= to; kappa++) {
                    double value = q(x, from, tau, kappa);
                    if (value > best) {
                        best = value;
                        bestTau = tau;
                    }
                }
            }
            EDivisive.Candidate c = EDivisive.best(x, from, to, minSegment);
            assertEquals(bestTau, c.index(), "seed " + seed);
            assertEquals(best, c.qHat(), 1e-9 * Math.abs(best), "seed " + seed);
        }
    }

    @Test
    void intervalShorterThanTwoSegmentsHasNoCandidate() {
        assertEquals(-1, EDivisive.best(new double[] {1, 2, 3, 4, 5}, 0, 5, 3).index());
        assertEquals(1, EDivisive.best(new double[] {1, 9}, 0, 2, 1).index());
    }
}
