package dev.tailgate.compare;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The sorted distinct bucket values (HdrHistogram's highest equivalent value of each non-empty
 * bucket) over every histogram of both arms of one benchmark. Expressing every histogram as
 * counts on this one grid makes "merge by adding counts" a plain array sum, and reading a
 * percentile off the grid gives exactly what {@link Histogram#getValueAtPercentile} gives on the
 * merged histogram (same buckets, same reported value).
 */
final class BucketGrid {
    private final long[] values;

    private BucketGrid(long[] values) {
        this.values = values;
    }

    static BucketGrid of(LatencyCounts[]... arms) {
        long[] union = new long[0];
        for (LatencyCounts[] arm : arms) {
            for (LatencyCounts h : arm) {
                union = mergeDistinct(union, h);
            }
        }
        return new BucketGrid(union);
    }

    /** Sorted union of two strictly increasing sequences; the inputs are already sorted, so no sort. */
    private static long[] mergeDistinct(long[] a, LatencyCounts b) {
        long[] out = new long[a.length + b.size()];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.size()) {
            long next;
            if (j == b.size() || (i < a.length && a[i] < b.valueAt(j))) {
                next = a[i++];
            } else if (i == a.length || b.valueAt(j) < a[i]) {
                next = b.valueAt(j++);
            } else {
                next = a[i++];
                j++;
            }
            out[n++] = next;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    int size() {
        return values.length;
    }

    long value(int index) {
        return values[index];
    }

    int indexOf(long value) {
        int i = Arrays.binarySearch(values, value);
        if (i < 0) {
            throw new IllegalStateException("value " + value + " is not on the grid");
        }
        return i;
    }

    /**
     * The rank HdrHistogram uses for a percentile: the smallest count whose cumulative share
     * reaches it, at least 1 (copied from {@code AbstractHistogram.getValueAtPercentile}, so
     * the engine's point estimates equal what the merged histogram reports).
     */
    static long rankAt(double quantile, long totalCount) {
        double percentile = Math.min(Math.max(Math.nextAfter(quantile * 100.0, Double.NEGATIVE_INFINITY), 0), 100.0);
        return Math.max(1, (long) Math.ceil(percentile * totalCount / 100.0));
    }
}
