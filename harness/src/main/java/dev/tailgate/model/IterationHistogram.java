package dev.tailgate.model;

import java.util.Arrays;
import java.util.List;

/**
 * Per-operation samples of one JMH sample-mode iteration as (value, count) pairs, values
 * ascending and distinct, in the result's score unit. Histograms merge by adding counts —
 * never by averaging percentiles.
 */
public final class IterationHistogram {
    private final double[] values;
    private final long[] counts;
    private final long total;

    public IterationHistogram(double[] values, long[] counts) {
        this(values.clone(), counts.clone(), checkedTotal(values, counts));
    }

    /**
     * Like the constructor, checked the same way, but takes the arrays over instead of copying
     * them: the caller hands them in fresh and never touches them again. The JMH reader builds
     * millions of pairs into arrays of its own; copying each iteration's twice more would add
     * allocation and copying in proportion to the whole file to a cold read.
     */
    public static IterationHistogram adopt(double[] values, long[] counts) {
        return new IterationHistogram(values, counts, checkedTotal(values, counts));
    }

    private static long checkedTotal(double[] values, long[] counts) {
        if (values.length != counts.length) {
            throw new IllegalArgumentException("values and counts differ in length");
        }
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0 && !(values[i] > values[i - 1])) {
                throw new IllegalArgumentException("values not ascending and distinct at " + i);
            }
            if (counts[i] < 0) {
                throw new IllegalArgumentException("negative count at " + i);
            }
            sum += counts[i];
        }
        return sum;
    }

    /** Trusted: arrays already ascending, distinct, owned by this instance. */
    private IterationHistogram(double[] values, long[] counts, long total) {
        this.values = values;
        this.counts = counts;
        this.total = total;
    }

    public static final IterationHistogram EMPTY = new IterationHistogram(new double[0], new long[0]);

    public int size() {
        return values.length;
    }

    public double value(int i) {
        return values[i];
    }

    public long count(int i) {
        return counts[i];
    }

    public long totalCount() {
        return total;
    }

    /** Mean of the samples; NaN when empty. */
    public double mean() {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * counts[i];
        }
        return total == 0 ? Double.NaN : sum / total;
    }

    /** Adds counts of all histograms (balanced pairwise merge, O(n log k)). */
    public static IterationHistogram merge(List<IterationHistogram> parts) {
        if (parts.isEmpty()) {
            return EMPTY;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int mid = parts.size() / 2;
        return merge2(merge(parts.subList(0, mid)), merge(parts.subList(mid, parts.size())));
    }

    private static IterationHistogram merge2(IterationHistogram a, IterationHistogram b) {
        double[] av = a.values;
        double[] bv = b.values;
        long[] ac = a.counts;
        long[] bc = b.counts;
        int na = av.length;
        int nb = bv.length;
        double[] v = new double[na + nb];
        long[] c = new long[na + nb];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < na && j < nb) {
            double x = av[i];
            double y = bv[j];
            if (x < y) {
                v[n] = x;
                c[n++] = ac[i++];
            } else if (y < x) {
                v[n] = y;
                c[n++] = bc[j++];
            } else {
                v[n] = x;
                c[n++] = ac[i++] + bc[j++];
            }
        }
        int restA = na - i;
        System.arraycopy(av, i, v, n, restA);
        System.arraycopy(ac, i, c, n, restA);
        n += restA;
        int restB = nb - j;
        System.arraycopy(bv, j, v, n, restB);
        System.arraycopy(bc, j, c, n, restB);
        n += restB;
        return new IterationHistogram(n == v.length ? v : Arrays.copyOf(v, n), n == c.length ? c : Arrays.copyOf(c, n),
                a.total + b.total);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IterationHistogram h
                && Arrays.equals(values, h.values) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "IterationHistogram[pairs=" + values.length + ", total=" + total + "]";
    }
}
