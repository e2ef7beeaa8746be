package dev.tailgate.compare;

import java.util.function.DoubleUnaryOperator;

/** Standard normal distribution function, accurate in the far tails (Holm needs p-values down to ~1e-6). */
final class Normal {
    private Normal() {
    }

    /** P(Z <= z). */
    static double cdf(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The z with P(Z <= z) = p (called once per configuration, not per replicate). */
    static double quantile(double p) {
        return invert(Normal::cdf, p, -40, 40);
    }

    /** The x in [lo, hi] with cdf(x) = p, by bisection, for any increasing distribution function. */
    static double invert(DoubleUnaryOperator cdf, double p, double lo, double hi) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), was " + p);
        }
        double a = lo;
        double b = hi;
        for (int i = 0; i < 100 && b - a > 1e-12 * Math.max(1, Math.abs(a)); i++) {
            double mid = (a + b) / 2;
            if (cdf.applyAsDouble(mid) < p) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return (a + b) / 2;
    }

    /**
     * Complementary error function with fractional error below 1.2e-7 everywhere (Chebyshev fit
     * from Numerical Recipes, "erfcc"); relative, not absolute, accuracy is what keeps tiny
     * p-values meaningful.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}
