package dev.tailgate.compare;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The sorted distinct bucket values (HdrHistogram's highest equivalent value of each non-empty
 * bucket) of one arm's histograms that a resampled percentile can land on. Expressing every
 * histogram as cumulative counts on this grid makes "merge by adding counts" a weighted sum,
 * and reading a percentile off it gives exactly what {@link Histogram#getValueAtPercentile}
 * gives on the merged histogram (same buckets, same reported value).
 *
 * <p>Only values inside the <em>search windows</em> are kept: for each percentile, the range
 * between the smallest and the largest value that percentile takes in any single histogram of
 * the arm. The percentile of any weighted merge of those histograms lies in that range (see
 * {@link #mixtureBound}), so the buckets outside can never be an answer and are not stored.
 * On sample-mode data most buckets lie outside every window (the body between p50 and p90,
 * the sparse region between p90 and p99), which is what makes preparing an arm cheap.
 */
final class BucketGrid {
    private final long[] values;

    private BucketGrid(long[] values) {
        this.values = values;
    }

    /**
     * Grid of the values of {@code counts} inside the closed ranges {@code [lo[w], hi[w]]}.
     *
     * <p>Why a mixture bound: let v_h be percentile q of histogram h alone, the smallest value
     * whose cumulative count reaches rank_h = ceil(q n_h). At x = max v_h every C_h(x) >= q n_h,
     * so any weighted sum reaches q N and, being an integer, ceil(q N): the merged percentile is
     * at most max v_h. Below min v_h every C_h(x) < q n_h, so the weighted sum stays below q N:
     * the merged percentile is at least min v_h.
     */
    static BucketGrid mixtureBound(LatencyCounts[] counts, long[] lo, long[] hi) {
        long[][] windows = mergedWindows(lo, hi);
        // Windows are disjoint and sorted: the grid is the concatenation of each window's own
        // union, so each merge only walks one window's values.
        long[] grid = new long[0];
        long[] union = new long[64];
        long[] next = new long[64];
        for (long[] w : windows) {
            int size = 0;
            for (LatencyCounts c : counts) {
                int from = c.indexFrom(w[0]);
                int to = c.indexAfter(w[1]);
                if (from == to) {
                    continue;
                }
                int need = size + to - from;
                if (next.length < need) {
                    next = new long[Math.max(need, 2 * next.length)];
                }
                size = mergeDistinct(union, size, c, from, to, next);
                long[] t = union;
                union = next;
                next = t;
            }
            int at = grid.length;
            grid = Arrays.copyOf(grid, at + size);
            System.arraycopy(union, 0, grid, at, size);
        }
        return new BucketGrid(grid);
    }

    /**
     * Sorted union of {@code a[0, size)} (strictly increasing) and {@code c}'s values at
     * [from, to) into {@code out}; both are sorted already, so a linear merge, no sort.
     */
    private static int mergeDistinct(long[] a, int size, LatencyCounts c, int from, int to, long[] out) {
        int i = 0;
        int j = from;
        int n = 0;
        while (i < size && j < to) {
            long x = a[i];
            long y = c.valueAt(j);
            if (x <= y) {
                out[n++] = x;
                i++;
                if (x == y) {
                    j++;
                }
            } else {
                out[n++] = y;
                j++;
            }
        }
        while (i < size) {
            out[n++] = a[i++];
        }
        while (j < to) {
            out[n++] = c.valueAt(j++);
        }
        return n;
    }

    /** The windows sorted by start, overlapping ones joined; empty windows (lo > hi) dropped. */
    private static long[][] mergedWindows(long[] lo, long[] hi) {
        long[][] w = new long[lo.length][];
        int n = 0;
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] <= hi[i]) {
                w[n++] = new long[] {lo[i], hi[i]};
            }
        }
        w = Arrays.copyOf(w, n);
        Arrays.sort(w, (a, b) -> Long.compare(a[0], b[0]));
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && w[i][0] <= w[m - 1][1]) {
                w[m - 1][1] = Math.max(w[m - 1][1], w[i][1]);
            } else {
                w[m++] = w[i];
            }
        }
        return Arrays.copyOf(w, m);
    }

    int size() {
        return values.length;
    }

    long value(int index) {
        return values[index];
    }

    /** Index of a value known to be on the grid. */
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
