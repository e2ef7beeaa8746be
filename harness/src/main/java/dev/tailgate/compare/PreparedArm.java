package dev.tailgate.compare;

import java.util.List;

/**
 * One arm flattened for fast resampling. Scores become one array with per-fork offsets.
 * Histograms become cumulative counts on the shared {@link BucketGrid}, stored bucket-major
 * ({@code cumulative[bucket * histograms + histogram]}), so evaluating the merged cumulative
 * count of any resampled multiset of histograms at one bucket reads one short contiguous run of
 * memory. A replicate percentile is then a binary search over buckets, each probe a weighted
 * sum over the chosen histograms: no Histogram objects, no per-replicate allocation.
 */
final class PreparedArm {
    final int forks;
    final double[] scores;
    final int[] scoreStart;
    final int[] scoreCount;

    final int histograms;
    final int[] histStart;
    final int[] histCount;
    final int[] cumulative;
    final long[] histTotal;
    final double[] histSum;
    /**
     * {@code ownIndex[statistic.ordinal() * histograms + h]}: grid index of percentile
     * {@code statistic} of histogram h alone (-1 when h is empty). The merged percentile of any
     * weighted set of histograms lies between the smallest and largest of these over the set
     * (a mixture's quantile lies within its components' quantiles), which narrows each
     * replicate's binary search to a few buckets.
     */
    final int[] ownIndex;
    final BucketGrid grid;

    /** {@code counts} holds the arm's histograms flattened in fork order, as {@link #sparse} gives them. */
    PreparedArm(Arm arm, LatencyCounts[] counts, BucketGrid grid) {
        this.grid = grid;
        List<Fork> fs = arm.forks();
        forks = fs.size();
        scoreStart = new int[forks];
        scoreCount = new int[forks];
        histStart = new int[forks];
        histCount = new int[forks];
        int ns = 0;
        int nh = 0;
        for (int f = 0; f < forks; f++) {
            scoreStart[f] = ns;
            scoreCount[f] = fs.get(f).scoreCount();
            ns += scoreCount[f];
            histStart[f] = nh;
            histCount[f] = fs.get(f).iterationLatencies().size();
            nh += histCount[f];
        }
        scores = new double[ns];
        for (int f = 0; f < forks; f++) {
            for (int i = 0; i < scoreCount[f]; i++) {
                scores[scoreStart[f] + i] = fs.get(f).score(i);
            }
        }
        histograms = nh;
        histTotal = new long[nh];
        histSum = new double[nh];
        cumulative = new int[Math.multiplyExact(grid.size(), nh)];
        ownIndex = new int[ComparedStatistic.values().length * nh];
        fill(counts);
    }

    static LatencyCounts[] sparse(Arm arm) {
        return arm.forks().stream().flatMap(f -> f.iterationLatencies().stream())
                .toArray(LatencyCounts[]::new);
    }

    /** Bucket-major fill, row by row, so the writes run sequentially through memory. */
    private void fill(LatencyCounts[] counts) {
        int nh = histograms;
        int[] running = new int[nh];
        int[] next = new int[nh];
        for (int h = 0; h < nh; h++) {
            long total = counts[h].total();
            if (total * nh > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(nh + " iterations of up to " + total
                        + " samples each: a resampled arm could exceed 2^31-1 samples");
            }
            histTotal[h] = total;
            histSum[h] = counts[h].sumNs();
        }
        for (int j = 0; j < grid.size(); j++) {
            long value = grid.value(j);
            int row = j * nh;
            for (int h = 0; h < nh; h++) {
                LatencyCounts c = counts[h];
                int k = next[h];
                if (k < c.size() && c.valueAt(k) == value) {
                    running[h] += (int) c.countAt(k);
                    next[h] = k + 1;
                }
                cumulative[row + h] = running[h];
            }
        }
        for (int h = 0; h < nh; h++) {
            for (ComparedStatistic st : ComparedStatistic.values()) {
                if (st.isPercentile()) {
                    ownIndex[st.ordinal() * nh + h] = histTotal[h] == 0 ? -1 : search(h, BucketGrid.rankAt(st.quantile(), histTotal[h]));
                }
            }
        }
    }

    private int search(int h, long rank) {
        int lo = 0;
        int hi = grid.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid * histograms + h] >= rank) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    boolean hasScores() {
        return scores.length > 0;
    }

    boolean hasHistograms() {
        return histograms > 0;
    }

    ArmSupport scoreSupport() {
        return new ArmSupport(forks, scores.length, scores.length);
    }

    ArmSupport histogramSupport() {
        long samples = 0;
        for (long t : histTotal) {
            samples += t;
        }
        return new ArmSupport(forks, histograms, samples);
    }
}
