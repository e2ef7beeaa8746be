package dev.tailgate.compare;

import java.util.Arrays;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Whether a check's classification is already settled after the first {@code look} of its
 * {@code total} bootstrap replicates, so the benchmark may stop drawing.
 *
 * <p>The reported interval is built from three type-7 quantiles of the replicates (the two tail
 * quantiles and the median, see {@link HierarchicalBootstrap}). Replicates are independent and
 * identically distributed, so the first {@code look} of {@code total} are a uniformly random
 * subset of them: the number of prefix replicates among the full run's {@code i + 1} smallest
 * is hypergeometric. The full run's q-quantile lies between its order statistics {@code i} and
 * {@code i + 1} ({@code i = floor(q·(total-1))}), so it is below the prefix's k-th order statistic
 * only if at most k prefix replicates are among those {@code i + 1} (then the k-th has rank
 * above i), and above the prefix's k'-th only if more than k' are (then the k'-th has rank at
 * most i, below order statistic i + 1). {@link Ranks} picks the tightest k and k' whose probability is at most
 * {@link #EPSILON}. This is exact and distribution-free: it holds for the lumpy replicate
 * distributions of percentiles on a discrete histogram as much as for smooth ones.
 *
 * <p>From those ranges follow the smallest and largest interval end the full run could report.
 * A check is settled when no margin boundary lies inside either range <em>and</em> the interval
 * cannot lie wholly beyond a boundary: REGRESSION and IMPROVEMENT also need a Holm-adjusted
 * p-value, which depends on the whole family and on the standard error, so a check that could be
 * one always gets every replicate. What can settle early is therefore NO CHANGE (interval
 * surely inside the margin) and INCONCLUSIVE (interval surely across a boundary). A settled
 * check's p-values come from the prefix; they are far above any Holm threshold (its interval
 * reaches back over the boundary), so they cannot change another check's adjusted p-value.
 */
final class SettledCheck {
    /**
     * Largest probability, per bound, that the full run's quantile lies outside the range read
     * off the prefix. A settled check differs from what all replicates would have said only if
     * one of its bounds fails right where a boundary is, so per check the chance is at most a few
     * times this, and the difference is between NO CHANGE and INCONCLUSIVE, never a claim of
     * change: much smaller than the spread of full runs between seeds.
     */
    static final double EPSILON = 1e-3;

    private SettledCheck() {
    }

    /** Which order statistics of a sorted prefix bound the full run's quantiles. */
    record Ranks(int look, int total, int[] lower, int[] upper) {
        /** For the quantiles {@code q} (ascending) of a run of {@code total}, looked at after {@code look}. */
        static Ranks of(int look, int total, double... q) {
            int[] lower = new int[q.length];
            int[] upper = new int[q.length];
            for (int j = 0; j < q.length; j++) {
                int i = (int) Math.floor(q[j] * (total - 1));
                // prefix replicates among the full run's i + 1 smallest
                HypergeometricDistribution g = new HypergeometricDistribution(null, total, i + 1, look);
                // lower: largest k with P(count <= k) <= EPSILON (-1: unbounded below)
                int k = -1;
                while (k + 1 < look && g.cumulativeProbability(k + 1) <= EPSILON) {
                    k++;
                }
                // upper: smallest k' with P(count >= k' + 1) <= EPSILON (look: unbounded above)
                int u = look;
                while (u - 1 >= 0 && 1 - g.cumulativeProbability(u - 1) <= EPSILON) {
                    u--;
                }
                lower[j] = k;
                upper[j] = u;
            }
            return new Ranks(look, total, lower, upper);
        }

        double low(double[] sorted, int j) {
            return lower[j] < 0 ? Double.NEGATIVE_INFINITY : sorted[lower[j]];
        }

        double high(double[] sorted, int j) {
            return upper[j] >= look ? Double.POSITIVE_INFINITY : sorted[upper[j]];
        }
    }

    /**
     * @param replicates log ratios; the first {@code ranks.look()} are read (not modified)
     * @param ranks bounds for the quantiles (tail, 0.5, 1 - tail), from {@link Ranks#of}
     * @param expand the few-fork expansion of the interval around the median (≥ 1)
     * @param margin the practical margin (0.05); boundaries are 1 - margin and 1 + margin
     */
    static boolean settled(double[] replicates, Ranks ranks, double expand, double margin) {
        double[] x = Arrays.copyOf(replicates, ranks.look());
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false; // the full run decides how many are undefined
            }
        }
        Arrays.sort(x);
        double up = Math.log1p(margin);
        double down = margin < 1 ? Math.log1p(-margin) : Double.NEGATIVE_INFINITY;
        // lo = (1 - e)·mid + e·q_low and hi = (1 - e)·mid + e·q_high, with e >= 1: both grow with
        // their tail quantile and shrink as the median grows.
        double loMin = end(expand, ranks.high(x, 1), ranks.low(x, 0));
        double loMax = end(expand, ranks.low(x, 1), ranks.high(x, 0));
        double hiMin = end(expand, ranks.high(x, 1), ranks.low(x, 2));
        double hiMax = end(expand, ranks.low(x, 1), ranks.high(x, 2));
        if (!(loMax < up && hiMin > down)) {
            return false; // could lie wholly beyond a boundary: the Holm step needs every replicate
        }
        boolean surelyInside = loMin > down && hiMax < up;
        boolean surelyAcross = loMax < down || hiMin > up;
        return surelyInside || surelyAcross;
    }

    /** An interval end in log space; infinite quantile bounds give infinite ends, never NaN. */
    private static double end(double expand, double median, double quantile) {
        if (Double.isInfinite(quantile)) {
            return quantile;
        }
        if (Double.isInfinite(median)) {
            return expand == 1 ? quantile : -median; // (1 - e)·(±inf) with e > 1
        }
        return (1 - expand) * median + expand * quantile;
    }
}
