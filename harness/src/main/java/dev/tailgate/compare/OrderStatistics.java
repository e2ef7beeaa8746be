package dev.tailgate.compare;

/**
 * Type-7 quantiles (linear interpolation between order statistics, as R's default) of the
 * bootstrap replicates, by selection instead of a full sort: each result needs only six order
 * statistics of its ~1,000 replicates per statistic, and selection finds those in linear time
 * where a sort needs n log n. The pivot rule is fixed (median of three), so the result is deterministic, and
 * the values are exactly those a sort would give.
 */
final class OrderStatistics {
    private OrderStatistics() {
    }

    /**
     * Quantiles {@code q} (each in [0, 1], ascending) of {@code x}, which is reordered in place.
     */
    static double[] quantiles(double[] x, double... q) {
        double[] out = new double[q.length];
        // Order statistics are selected in ascending order: a selection leaves everything below
        // its index in front of it and final, so the next one only searches what follows.
        int last = -1;
        for (int k = 0; k < q.length; k++) {
            double pos = q[k] * (x.length - 1);
            int i = (int) Math.floor(pos);
            int j = Math.min(i + 1, x.length - 1);
            if (i < last - 1) {
                throw new IllegalArgumentException("quantiles must be ascending");
            }
            double a = i <= last ? x[i] : select(x, last + 1, i);
            last = Math.max(last, i);
            double b = j <= last ? x[j] : select(x, last + 1, j);
            last = Math.max(last, j);
            out[k] = a + (pos - i) * (b - a);
        }
        return out;
    }

    /** The k-th smallest of {@code x[from..]} (k absolute), with x[from..] reordered around it. */
    private static double select(double[] x, int from, int k) {
        int lo = from;
        int hi = x.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double pivot = medianOfThree(x[lo], x[mid], x[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (x[i] < pivot) {
                    i++;
                }
                while (x[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = x[i];
                    x[i] = x[j];
                    x[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return x[k];
            }
        }
        return x[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
