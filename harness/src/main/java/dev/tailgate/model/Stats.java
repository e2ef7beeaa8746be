package dev.tailgate.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The few distribution functions the decisions need, from commons-math3 (which JMH already
 * brings): Student's t for the gate's mean interval, compare's few-fork correction and p-values
 * and the JMH merger's score error; the standard normal; the sample standard deviation. The cdf is
 * relatively accurate far into the lower tail (Holm needs p-values down to ~1e-6), and quantiles
 * are cached: a gate asks for the same few (p, df) thousands of times, and inverting t costs more
 * than a whole score-only comparison.
 */
public final class Stats {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    private static final Map<Key, Double> QUANTILES = new ConcurrentHashMap<>();

    private record Key(double p, double df) {
    }

    private Stats() {
    }

    /** P(T <= t) with {@code df} degrees of freedom. */
    public static double tCdf(double t, double df) {
        return distribution(df).cumulativeProbability(t);
    }

    /** The t with P(T <= t) = p, for 0 < p < 1. */
    public static double tQuantile(double p, double df) {
        if (!(p > 0 && p < 1) || !(df > 0)) {
            throw new IllegalArgumentException("p=" + p + " df=" + df);
        }
        return QUANTILES.computeIfAbsent(new Key(p, df), k -> distribution(df).inverseCumulativeProbability(p));
    }

    /** The z with P(Z <= z) = p for the standard normal. */
    public static double normalQuantile(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /** Sample standard deviation (n - 1 in the denominator); NaN below two values. */
    /** Quantile p of the chi-squared distribution with {@code df} degrees of freedom. */
    public static double chiSquaredQuantile(double p, double df) {
        return new ChiSquaredDistribution(null, df, 1e-12).inverseCumulativeProbability(p);
    }

    public static double standardDeviation(double[] x) {
        return x.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(x));
    }

    private static TDistribution distribution(double df) {
        // no random generator: this class never samples, and building one per call would cost more
        // than the cdf; quantiles to 1e-12 (the library's default is 1e-9), as the bisection it replaced
        return new TDistribution(null, df, 1e-12);
    }
}
