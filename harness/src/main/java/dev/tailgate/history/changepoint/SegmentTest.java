package dev.tailgate.history.changepoint;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

/**
 * The test that decides whether a candidate split of {@code x[from, to)} at {@code at} is a step:
 * Apache Otava's two-sided Student t-test with pooled variance, reproduced exactly (including its
 * use of the population standard deviation of each side), so the same series gives the same
 * p-values and the same decisions as Otava.
 */
final class SegmentTest {
    private static final double CONFIDENCE = 0.95;

    private SegmentTest() {
    }

    /** Count, mean and population variance of {@code x[from, to)}, two-pass for accuracy on flat data. */
    record Moments(int n, double mean, double populationVariance) {
        static Moments of(double[] x, int from, int to) {
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += x[i];
            }
            int n = to - from;
            double mean = sum / n;
            double squares = 0;
            for (int i = from; i < to; i++) {
                double d = x[i] - mean;
                squares += d * d;
            }
            return new Moments(n, mean, squares / n);
        }

        double sampleVariance() {
            return n > 1 ? populationVariance * n / (n - 1) : 0;
        }
    }

    /**
     * Otava's p-value: two sides with fewer than 3 points in all get 1; equal means with no spread
     * get 1 (Otava's NaN, never significant); different means with no spread get 0.
     */
    static double pValue(Moments before, Moments after) {
        int df = before.n() + after.n() - 2;
        if (df <= 0) {
            return 1.0;
        }
        double pooled = ((before.n() - 1) * before.populationVariance()
                + (after.n() - 1) * after.populationVariance()) / df;
        double difference = before.mean() - after.mean();
        double denominator = Math.sqrt(pooled * (1.0 / before.n() + 1.0 / after.n()));
        if (denominator == 0) {
            return difference == 0 ? 1.0 : 0.0;
        }
        double t = difference / denominator;
        return Beta.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }

    static double pValue(double[] x, int from, int at, int to) {
        return pValue(Moments.of(x, from, at), Moments.of(x, at, to));
    }

    /**
     * Two-sided Mann-Whitney rank test of {@code x[from, at)} against {@code x[at, to)}: normal
     * approximation with the tie correction and a continuity correction. It asks whether the bulk
     * of one side moved, which one or two extreme points cannot fake: five points after a step,
     * all above every earlier point, give p = 1.2e-4 against 360 before; one spike among five
     * otherwise typical points gives about 0.4, two about 0.1, whatever the spikes' size.
     * O(L log L) on primitive copies of the two sides.
     */
    static double rankPValue(double[] x, int from, int at, int to) {
        double[] a = Arrays.copyOfRange(x, from, at);
        double[] b = Arrays.copyOfRange(x, at, to);
        Arrays.sort(a);
        Arrays.sort(b);
        double u = 0;
        double ties = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            double v = j == b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            int ca = 0;
            int cb = 0;
            while (i < a.length && a[i] == v) {
                i++;
                ca++;
            }
            while (j < b.length && b[j] == v) {
                j++;
                cb++;
            }
            u += cb * (i - ca + 0.5 * ca);
            double t = ca + cb;
            ties += t * t * t - t;
        }
        double n1 = a.length;
        double n2 = b.length;
        double total = n1 + n2;
        double variance = n1 * n2 / 12 * ((total + 1) - ties / (total * (total - 1)));
        if (!(variance > 0)) {
            return 1.0;
        }
        double z = Math.max(0, Math.abs(u - n1 * n2 / 2) - 0.5) / Math.sqrt(variance);
        return Erf.erfc(z / Math.sqrt(2));
    }

    /** Otava's change magnitude: the larger relative change, forward or backward (0 for a zero mean). */
    static double magnitude(Moments before, Moments after) {
        double forward = before.mean() == 0 ? 0 : after.mean() / before.mean() - 1;
        double backward = after.mean() == 0 ? 0 : before.mean() / after.mean() - 1;
        return Math.max(Math.abs(forward), Math.abs(backward));
    }

    /**
     * The change point at {@code at} between the segments {@code x[from, at)} and {@code x[at, to)}.
     * The ratio is of arithmetic means, as Otava reports its change; its interval is taken on the
     * log scale (delta method, Welch degrees of freedom), which keeps it positive and asymmetric
     * as a ratio of positive latencies should be.
     */
    static ChangePoint describe(double[] x, int from, int at, int to) {
        Moments before = Moments.of(x, from, at);
        Moments after = Moments.of(x, at, to);
        double ratio = before.mean() == 0 ? Double.NaN : after.mean() / before.mean();
        double low = Double.NaN;
        double high = Double.NaN;
        if (before.mean() > 0 && after.mean() > 0) {
            double a = before.sampleVariance() / (before.n() * before.mean() * before.mean());
            double b = after.sampleVariance() / (after.n() * after.mean() * after.mean());
            double se = Math.sqrt(a + b);
            double q = se == 0 ? 0 : quantile(welchDf(a, before.n(), b, after.n()));
            low = ratio * Math.exp(-q * se);
            high = ratio * Math.exp(q * se);
        }
        return new ChangePoint(at, before.mean(), after.mean(), ratio, low, high, pValue(before, after));
    }

    private static double welchDf(double a, int na, double b, int nb) {
        double denominator = (na > 1 ? a * a / (na - 1) : 0) + (nb > 1 ? b * b / (nb - 1) : 0);
        return (a + b) * (a + b) / denominator;
    }

    private static double quantile(double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
    }
}
