package dev.tailgate.gate;

import dev.tailgate.model.IterationHistogram;
import java.util.Arrays;

/**
 * Distribution-free confidence interval for a percentile, read straight off histogram counts.
 *
 * <p>For n i.i.d. samples and the true p-quantile q, the number B of samples at or below q is
 * Binomial(n, p). The order statistics x(l) and x(u) bracket q with probability
 * P(l <= B <= u-1). We pick the equal-tailed ranks: l the largest with P(B <= l-1) <= a/2 and
 * u the smallest with P(B >= u) <= a/2, a = 1 - confidence. Discreteness makes the coverage
 * at least the nominal level. When no rank l >= 1 qualifies the interval is unbounded below;
 * when u > n it is unbounded above — which is what too few samples look like.
 *
 * <p>The binomial CDF is summed over a window around the mode, out to where the pmf falls
 * below 1e-20 of its peak (about 9.6 standard deviations each side), so the cost grows with
 * sqrt(n), not n.
 */
public final class PercentileInterval {
    private static final double NEGLIGIBLE = 1e-20;

    private PercentileInterval() {
    }

    /**
     * @param h merged histogram (values ascending)
     * @param p quantile in (0, 1)
     * @return estimate = nearest-rank sample percentile, value at rank ceil(p n)
     */
    public static Interval of(IterationHistogram h, double p, double confidence) {
        long n = h.totalCount();
        if (n == 0) {
            throw new IllegalArgumentException("empty histogram");
        }
        long[] ranks = ranks(n, p, confidence);
        long estimateRank = estimateRank(n, p);
        double[] values = valuesAtRanks(h, new long[] {Math.max(1, ranks[0]), estimateRank, Math.min(n, ranks[1])});
        double low = ranks[0] < 1 ? Double.NEGATIVE_INFINITY : values[0];
        double high = ranks[1] > n ? Double.POSITIVE_INFINITY : values[2];
        return new Interval(values[1], low, high, n, 0,
                "order statistics x(" + ranks[0] + ")..x(" + ranks[1] + ") of n=" + n);
    }

    /**
     * The point estimates the gate judges, without their intervals: the nearest-rank sample
     * percentile of each quantile, in one pass over the counts. What {@code tailgate export}
     * publishes, so a dashboard shows the very number a gate's verdict names.
     *
     * @param quantiles ascending, each in (0, 1)
     */
    public static double[] estimates(IterationHistogram h, double... quantiles) {
        long n = h.totalCount();
        if (n == 0) {
            throw new IllegalArgumentException("empty histogram");
        }
        long[] ranks = new long[quantiles.length];
        for (int i = 0; i < quantiles.length; i++) {
            ranks[i] = estimateRank(n, quantiles[i]);
        }
        return valuesAtRanks(h, ranks);
    }

    /** Rank ceil(p n) of the nearest-rank percentile, at least 1. */
    private static long estimateRank(long n, double p) {
        return Math.max(1, (long) Math.ceil(p * n - 1e-9));
    }

    /** The 1-based ranks {l, u}; l = 0 means unbounded below, u = n + 1 unbounded above. */
    static long[] ranks(long n, double p, double confidence) {
        double tail = (1 - confidence) / 2;
        long mode = Math.min(n, (long) Math.floor((n + 1) * p));
        double ratioUp = p / (1 - p);
        // Unnormalized pmf on [from, to], pmf(mode) = 1.
        long to = mode;
        double w = 1;
        int up = 0;
        double[] upper = new double[64];
        while (to < n) {
            w *= (double) (n - to) / (to + 1) * ratioUp;
            if (w < NEGLIGIBLE) {
                break;
            }
            if (up == upper.length) {
                upper = Arrays.copyOf(upper, up * 2);
            }
            upper[up++] = w;
            to++;
        }
        long from = mode;
        w = 1;
        int down = 0;
        double[] lower = new double[64];
        while (from > 0) {
            w *= (double) from / (n - from + 1) / ratioUp;
            if (w < NEGLIGIBLE) {
                break;
            }
            if (down == lower.length) {
                lower = Arrays.copyOf(lower, down * 2);
            }
            lower[down++] = w;
            from--;
        }
        int size = down + 1 + up;
        double[] pmf = new double[size];
        for (int i = 0; i < down; i++) {
            pmf[down - 1 - i] = lower[i];
        }
        pmf[down] = 1;
        System.arraycopy(upper, 0, pmf, down + 1, up);
        double total = 0;
        for (double v : pmf) {
            total += v;
        }
        // cdf(k) for k = from + i; below the window the CDF is ~0, above it ~1.
        long l = 0;
        long u = n + 1;
        double cdf = 0;
        boolean foundU = false;
        if (from > 0) {
            l = from; // cdf(from - 1) ~ 0 <= tail, so l - 1 = from - 1 qualifies
        }
        for (int i = 0; i < size; i++) {
            cdf += pmf[i] / total;
            long k = from + i;
            if (cdf <= tail) {
                l = k + 1;
            }
            if (!foundU && cdf >= 1 - tail) {
                u = k + 1;
                foundU = true;
            }
        }
        return new long[] {l, u};
    }

    /** The values of the r-th smallest samples (1-based, ranks ascending), in one pass. */
    static double[] valuesAtRanks(IterationHistogram h, long[] ranks) {
        double[] out = new double[ranks.length];
        int k = 0;
        long seen = 0;
        for (int i = 0; i < h.size() && k < ranks.length; i++) {
            seen += h.count(i);
            while (k < ranks.length && seen >= ranks[k]) {
                out[k++] = h.value(i);
            }
        }
        while (k < ranks.length) {
            out[k++] = h.value(h.size() - 1);
        }
        return out;
    }
}
