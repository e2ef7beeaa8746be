package dev.tailgate.compare;

import dev.tailgate.model.TDistribution;

/**
 * Student's t quantiles by bisection on {@link TDistribution#cdf}. Used to correct the
 * bootstrap for few forks: with n forks per arm, the spread between forks is itself estimated
 * from n values, which a plain bootstrap ignores.
 */
final class StudentT {
    private StudentT() {
    }

    /** P(T <= t) with {@code df} degrees of freedom; accurate in relative terms far into the tails. */
    static double cdf(double t, double df) {
        return TDistribution.cdf(t, df);
    }

    /** The t with P(T <= t) = p. */
    static double quantile(double p, double df) {
        return Normal.invert(t -> cdf(t, df), p, -1e4, 1e4);
    }
}
