package dev.tailgate.ingest;

import dev.tailgate.model.IterationHistogram;
import java.util.Arrays;

/**
 * Collects (value, count) pairs into primitive arrays. JMH writes them ascending; when they
 * are not, they are sorted, and equal values are folded by adding counts. One builder can be
 * {@link #reset} and reused, so reading millions of pairs does not regrow arrays per iteration.
 */
public final class HistogramBuilder {
    private double[] values = new double[64];
    private long[] counts = new long[64];
    private int n;
    private boolean sorted = true;

    public void add(double value, long count) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
            counts = Arrays.copyOf(counts, n * 2);
        }
        if (n > 0 && !(value > values[n - 1])) {
            sorted = false;
        }
        values[n] = value;
        counts[n++] = count;
    }

    /** Empties the builder, keeping its arrays. */
    public void reset() {
        n = 0;
        sorted = true;
    }

    public IterationHistogram build() {
        if (!sorted) {
            sortAndFold();
        }
        return IterationHistogram.adopt(Arrays.copyOf(values, n), Arrays.copyOf(counts, n));
    }

    private void sortAndFold() {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] v = new double[n];
        long[] c = new long[n];
        int m = 0;
        for (int idx : order) {
            if (m > 0 && v[m - 1] == values[idx]) {
                c[m - 1] += counts[idx];
            } else {
                v[m] = values[idx];
                c[m++] = counts[idx];
            }
        }
        values = v;
        counts = c;
        n = m;
    }
}
