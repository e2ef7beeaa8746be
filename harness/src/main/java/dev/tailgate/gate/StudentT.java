package dev.tailgate.gate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quantiles of Student's t distribution, for intervals over a handful of forks (the unit of
 * replication). Computed from the regularized incomplete beta function (continued fraction,
 * Numerical Recipes 6.4) and bisection: about 1e-10 accuracy, enough for a gate.
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
        double x = df / (df + t * t);
        double tail = 0.5 * regularizedBeta(x, df / 2.0, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** Lanczos approximation (g=7, n=9), good to ~15 digits for x > 0. */
    static double lnGamma(double x) {
        final double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905,
            -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        x -= 1;
        double a = g[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += g[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
