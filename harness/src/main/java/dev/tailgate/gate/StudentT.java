package dev.tailgate.gate;

import dev.tailgate.model.TDistribution;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quantiles of Student's t distribution, for intervals over a handful of forks (the unit of
 * replication). Bisection on {@link TDistribution#cdf}: about 1e-10 accuracy, enough for a gate.
 */
final class StudentT {
    private StudentT() {
    }

    /** Quantiles already computed: a gate asks for the same few (q, df) thousands of times. */
    private static final Map<String, Double> CACHE = new ConcurrentHashMap<>();

    /** The q-quantile (0.5 < q < 1) of t with {@code df} degrees of freedom. */
    static double quantile(double q, int df) {
        if (!(q > 0.5 && q < 1) || df < 1) {
            throw new IllegalArgumentException("q=" + q + " df=" + df);
        }
        return CACHE.computeIfAbsent(q + "/" + df, k -> solve(q, df));
    }

    private static double solve(double q, int df) {
        double lo = 0;
        double hi = 1;
        while (cdf(hi, df) < q) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid, df) < q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    static double cdf(double t, int df) {
        return TDistribution.cdf(t, df);
    }
}
