package dev.tailgate.bench.trading;

import java.util.SplittableRandom;

/**
 * Draws a popularity rank 1..n with P(k) proportional to 1/k^s, by binary search in a
 * cumulative table. StrictMath keeps the table bit-identical on every JVM.
 */
public final class ZipfSampler {
    private final double[] cumulative;

    public ZipfSampler(int n, double exponent) {
        cumulative = new double[n];
        double sum = 0.0;
        for (int k = 1; k <= n; k++) {
            sum += 1.0 / StrictMath.pow(k, exponent);
            cumulative[k - 1] = sum;
        }
    }

    /** Probability of rank k under this distribution. */
    public double probability(int rank) {
        double prev = rank == 1 ? 0.0 : cumulative[rank - 2];
        return (cumulative[rank - 1] - prev) / cumulative[cumulative.length - 1];
    }

    public int sample(SplittableRandom rnd) {
        double u = rnd.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo + 1;
    }
}
