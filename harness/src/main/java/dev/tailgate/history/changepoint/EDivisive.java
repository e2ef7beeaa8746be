package dev.tailgate.history.changepoint;

/**
 * The E-Divisive means candidate search (Matteson and James, 2014, with the exponent 1 that
 * Otava uses): within {@code x[from, to)}, the split {@code tau} and the end {@code kappa} that
 * maximise
 *
 * <pre>
 * Q(tau, kappa) = 2/(m+n) sum|X_i - Y_j| - 2m/((m+n)(n-1)) sum_{i&lt;k}|X_i - X_k|
 *                 - 2n/((m+n)(m-1)) sum_{j&lt;k}|Y_j - Y_k|
 * </pre>
 *
 * with {@code X = x[from, tau)} (n points) and {@code Y = x[tau, kappa)} (m points): the scaled
 * energy distance between the two sides. It is the same statistic as Otava's
 * {@code PairDistanceCalculator}; here every (tau, kappa) is visited in O(L^2) time and O(L)
 * memory for an interval of L points, from running within-segment sums, so nothing is boxed and
 * no L x L matrix is built. Ties go to the smallest tau, then the smallest kappa, as Otava's
 * row-major {@code argmax} does.
 */
final class EDivisive {
    private EDivisive() {
    }

    /** The best split and its Q-hat, or {@code index == -1} when the interval is too short. */
    record Candidate(int index, double qHat) {
        static final Candidate NONE = new Candidate(-1, Double.NEGATIVE_INFINITY);
    }

    /**
     * The best split of {@code x[from, to)} with at least {@code minSegment} points on either side
     * of {@code tau} and in {@code x[tau, kappa)}. With {@code minSegment == 1} the search space is
     * exactly Otava's.
     */
    static Candidate best(double[] x, int from, int to, int minSegment) {
        int length = to - from;
        if (length < 2 * minSegment) {
            return Candidate.NONE;
        }
        double[] within = prefixWithin(x, from, length);
        double[] withinY = new double[length + 1];
        double bestQ = Double.NEGATIVE_INFINITY;
        int bestTau = -1;
        int bestKappa = -1;
        for (int tau = length - 1; tau >= minSegment; tau--) {
            addRow(x, from, tau, length, withinY);
            if (tau > length - minSegment) {
                continue;
            }
            int n = tau;
            double xCoefficientBase = n > 1 ? 2.0 / (n - 1) : 0;
            for (int kappa = tau + minSegment; kappa <= length; kappa++) {
                int m = kappa - tau;
                double cross = within[kappa] - within[tau] - withinY[kappa];
                double q = (2.0 * cross - xCoefficientBase * m * within[tau]
                        - (m > 1 ? 2.0 * n / (m - 1) * withinY[kappa] : 0)) / (m + n);
                if (q > bestQ || (q == bestQ && (tau < bestTau || (tau == bestTau && kappa < bestKappa)))) {
                    bestQ = q;
                    bestTau = tau;
                    bestKappa = kappa;
                }
            }
        }
        return new Candidate(from + bestTau, bestQ);
    }

    /** {@code within[t]} = sum of |x_i - x_k| over i &lt; k in the first t points of the interval. */
    private static double[] prefixWithin(double[] x, int from, int length) {
        double[] within = new double[length + 1];
        for (int t = 1; t < length; t++) {
            double xt = x[from + t];
            double row = 0;
            for (int i = 0; i < t; i++) {
                row += Math.abs(xt - x[from + i]);
            }
            within[t + 1] = within[t] + row;
        }
        return within;
    }

    /**
     * Moves {@code withinY[kappa]} from the within-sum of {@code [tau+1, kappa)} to that of
     * {@code [tau, kappa)} for every kappa, by adding the distances from point tau onwards.
     */
    private static void addRow(double[] x, int from, int tau, int length, double[] withinY) {
        double xt = x[from + tau];
        double running = 0;
        for (int kappa = tau + 1; kappa <= length; kappa++) {
            withinY[kappa] += running;
            if (kappa < length) {
                running += Math.abs(xt - x[from + kappa]);
            }
        }
    }
}
