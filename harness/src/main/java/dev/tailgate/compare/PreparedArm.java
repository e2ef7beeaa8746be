package dev.tailgate.compare;

import java.util.List;

/**
 * One arm flattened for fast resampling. Scores become one array with per-fork offsets.
 * Histograms become cumulative counts on the arm's {@link BucketGrid} (only the buckets a
 * resampled percentile can land on), stored bucket-major
 * ({@code cumulative[bucket * histograms + histogram]}), so evaluating the merged cumulative
 * count of any resampled multiset of histograms at one bucket reads one short contiguous run of
 * memory. A replicate percentile is then a binary search over buckets, each probe a weighted
 * sum over the chosen histograms: no Histogram objects, no per-replicate allocation.
 *
 * <p>Preparation is linear in the histograms' sizes: one pass per histogram for its total, sum
 * and own percentiles, one more to fill its column of the (small) grid.
 */
final class PreparedArm {
    private static final ComparedStatistic[] STATISTICS = ComparedStatistic.values();

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

    PreparedArm(Arm arm) {
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
        LatencyCounts[] counts = new LatencyCounts[nh];
        for (int f = 0; f < forks; f++) {
            Fork fork = fs.get(f);
            for (int i = 0; i < scoreCount[f]; i++) {
                scores[scoreStart[f] + i] = fork.score(i);
            }
            for (int i = 0; i < histCount[f]; i++) {
                counts[histStart[f] + i] = fork.iterationLatencies().get(i);
            }
        }
        histograms = nh;
        histTotal = new long[nh];
        histSum = new double[nh];
        long[] ownValue = new long[STATISTICS.length * nh];
        summarize(counts, ownValue);
        grid = nh == 0 ? BucketGrid.mixtureBound(counts, new long[0], new long[0]) : windowGrid(counts, ownValue);
        cumulative = new int[Math.multiplyExact(grid.size(), nh)];
        ownIndex = new int[STATISTICS.length * nh];
        fill(counts, ownValue);
    }

    /** Totals, sums and every histogram's own percentiles, in one pass over each histogram. */
    private void summarize(LatencyCounts[] counts, long[] ownValue) {
        int nh = histograms;
        long[] rank = new long[STATISTICS.length];
        for (int h = 0; h < nh; h++) {
            LatencyCounts c = counts[h];
            long total = 0;
            double sum = 0;
            for (int k = 0; k < c.size(); k++) {
                long n = c.countAt(k);
                total += n;
                sum += (double) c.valueAt(k) * n;
            }
            if (total * nh > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(nh + " iterations of up to " + total
                        + " samples each: a resampled arm could exceed 2^31-1 samples");
            }
            histTotal[h] = total;
            histSum[h] = sum;
            for (ComparedStatistic st : STATISTICS) {
                rank[st.ordinal()] = st.isPercentile() && total > 0 ? BucketGrid.rankAt(st.quantile(), total) : -1;
                ownValue[st.ordinal() * nh + h] = -1;
            }
            // Percentiles come in increasing order in the enum, so their ranks do too: one
            // pointer to the next unresolved percentile, one pass over the buckets.
            int next = nextPercentile(rank, 0);
            long running = 0;
            for (int k = 0; k < c.size() && next < rank.length; k++) {
                running += c.countAt(k);
                while (next < rank.length && running >= rank[next]) {
                    ownValue[next * nh + h] = c.valueAt(k);
                    next = nextPercentile(rank, next + 1);
                }
            }
        }
    }

    private static int nextPercentile(long[] rank, int from) {
        int s = from;
        while (s < rank.length && rank[s] < 0) {
            s++;
        }
        return s;
    }

    /** The grid restricted to each percentile's window [min own value, max own value]. */
    private BucketGrid windowGrid(LatencyCounts[] counts, long[] ownValue) {
        int nh = histograms;
        long[] lo = new long[STATISTICS.length];
        long[] hi = new long[STATISTICS.length];
        for (ComparedStatistic st : STATISTICS) {
            int s = st.ordinal();
            lo[s] = Long.MAX_VALUE;
            hi[s] = Long.MIN_VALUE;
            for (int h = 0; h < nh; h++) {
                long v = ownValue[s * nh + h];
                if (v >= 0) {
                    lo[s] = Math.min(lo[s], v);
                    hi[s] = Math.max(hi[s], v);
                }
            }
        }
        return BucketGrid.mixtureBound(counts, lo, hi);
    }

    /** Each histogram's column of cumulative counts on the grid, walking its values once. */
    private void fill(LatencyCounts[] counts, long[] ownValue) {
        int nh = histograms;
        int rows = grid.size();
        for (int h = 0; h < nh; h++) {
            LatencyCounts c = counts[h];
            int k = 0;
            int running = 0;
            for (int j = 0; j < rows; j++) {
                long v = grid.value(j);
                while (k < c.size() && c.valueAt(k) <= v) {
                    running += (int) c.countAt(k);
                    k++;
                }
                cumulative[j * nh + h] = running;
            }
            for (int s = 0; s < STATISTICS.length; s++) {
                long v = ownValue[s * nh + h];
                ownIndex[s * nh + h] = v < 0 ? -1 : grid.indexOf(v);
            }
        }
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
