package dev.tailgate.compare;

import java.util.SplittableRandom;

/**
 * Draws hierarchical bootstrap replicates of one {@link PreparedArm} and evaluates statistics on
 * the current replicate. A replicate picks as many forks as the arm has, with replacement; inside
 * each picked fork it picks as many iterations as the fork has, with replacement. Score
 * statistics average the picked iterations per fork, then the fork means (every fork weighs the
 * same, as every JVM launch is one replication). Histogram statistics merge the picked
 * iterations' histograms by adding counts, and read the percentile off the merged counts.
 * Mutable scratch state: one instance per thread.
 */
final class ArmResampler {
    private final PreparedArm arm;
    private final int[] weight;
    private final int[] chosen;
    private int chosenCount;
    private double scoreMean;
    private long total;

    ArmResampler(PreparedArm arm) {
        this.arm = arm;
        this.weight = new int[arm.histograms];
        this.chosen = new int[arm.histograms];
    }

    /** Makes the current "replicate" the observed data itself: every fork and iteration once. */
    void useObserved() {
        clearWeights();
        double sum = 0;
        for (int f = 0; f < arm.forks; f++) {
            int m = arm.scoreCount[f];
            double s = 0;
            for (int t = 0; t < m; t++) {
                s += arm.scores[arm.scoreStart[f] + t];
            }
            sum += m == 0 ? 0 : s / m;
        }
        scoreMean = sum / arm.forks;
        for (int i = 0; i < arm.histograms; i++) {
            weight[i] = 1;
            chosen[chosenCount++] = i;
        }
        total = weightedTotal();
    }

    /**
     * Makes the current "replicate" fork {@code f} alone, every iteration once: one round's
     * side, for the per-round ratios of {@link RoundRatios}.
     */
    void useFork(int f) {
        clearWeights();
        int m = arm.scoreCount[f];
        double s = 0;
        for (int t = 0; t < m; t++) {
            s += arm.scores[arm.scoreStart[f] + t];
        }
        scoreMean = m == 0 ? Double.NaN : s / m;
        for (int t = 0; t < arm.histCount[f]; t++) {
            int i = arm.histStart[f] + t;
            weight[i] = 1;
            chosen[chosenCount++] = i;
        }
        total = weightedTotal();
    }

    /** Draws a new replicate. The order of draws is fixed, so one seed gives one result. */
    void draw(SplittableRandom rng) {
        clearWeights();
        int forks = arm.forks;
        double sumForkMeans = 0;
        for (int k = 0; k < forks; k++) {
            sumForkMeans += addFork(below(rng, forks), rng);
        }
        scoreMean = sumForkMeans / forks;
        total = weightedTotal();
    }

    /**
     * Draws a replicate whose forks are given: {@code forks[0..count)}, picked by the caller
     * (the paired bootstrap picks rounds once for both arms). Iterations inside each fork are
     * resampled here as in {@link #draw}.
     */
    void drawForks(int[] forks, int count, SplittableRandom rng) {
        clearWeights();
        double sumForkMeans = 0;
        for (int k = 0; k < count; k++) {
            sumForkMeans += addFork(forks[k], rng);
        }
        scoreMean = sumForkMeans / count;
        total = weightedTotal();
    }

    /**
     * Adds fork {@code f} to the replicate with its iterations resampled; returns the mean of
     * its picked scores (0 when it has none, which leaves the sum of fork means unchanged).
     */
    private double addFork(int f, SplittableRandom rng) {
        double mean = 0;
        int m = arm.scoreCount[f];
        if (m > 0) {
            int start = arm.scoreStart[f];
            double s = 0;
            for (int t = 0; t < m; t++) {
                s += arm.scores[start + below(rng, m)];
            }
            mean = s / m;
        }
        int h = arm.histCount[f];
        int hStart = arm.histStart[f];
        for (int t = 0; t < h; t++) {
            int i = hStart + (h == 1 ? 0 : below(rng, h));
            if (weight[i]++ == 0) {
                chosen[chosenCount++] = i;
            }
        }
        return mean;
    }

    /**
     * A uniform index in [0, bound) by multiply-and-shift of 32 random bits (Lemire). Its bias
     * is at most bound / 2^32 (below 1e-8 for any fork or iteration count), far under the
     * bootstrap's own Monte-Carlo error; it replaces {@code nextInt(bound)}, whose rejection loop
     * and integer division were a fifth of the replicate time.
     */
    static int below(SplittableRandom rng, int bound) {
        return (int) (((rng.nextInt() & 0xFFFF_FFFFL) * bound) >>> 32);
    }

    private void clearWeights() {
        for (int c = 0; c < chosenCount; c++) {
            weight[chosen[c]] = 0;
        }
        chosenCount = 0;
    }

    private long weightedTotal() {
        long t = 0;
        for (int c = 0; c < chosenCount; c++) {
            int i = chosen[c];
            t += weight[i] * arm.histTotal[i];
        }
        return t;
    }

    /** How often histogram {@code h} (flattened index) is in the current replicate; for tests. */
    int weightOf(int h) {
        return weight[h];
    }

    double scoreMean() {
        return scoreMean;
    }

    long sampleCount() {
        return total;
    }

    /** Mean latency of the merged histograms of this replicate; NaN when they are empty. */
    double histogramMean() {
        if (total == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int c = 0; c < chosenCount; c++) {
            int i = chosen[c];
            s += weight[i] * arm.histSum[i];
        }
        return s / total;
    }

    /** Percentile of the merged histograms of this replicate, as HdrHistogram reports it; NaN when empty. */
    double percentile(ComparedStatistic statistic) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = BucketGrid.rankAt(statistic.quantile(), total);
        int row = statistic.ordinal() * arm.histograms;
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int c = 0; c < chosenCount; c++) {
            int own = arm.ownIndex[row + chosen[c]];
            if (own >= 0) {
                lo = Math.min(lo, own);
                hi = Math.max(hi, own);
            }
        }
        // Each probe is the merged cumulative count of this replicate at one bucket: a dot
        // product of the picked iterations' weights with one short contiguous row, in int
        // arithmetic (exact, so the order of the terms cannot change the result). Summing only
        // the picked iterations (about 63% of them: a bootstrap leaves ~1/e out) rather than the
        // whole row does a third less work for the same exact sum. Int cannot overflow: a replicate picks as many
        // iterations as the arm has, so its total is at most iterations x the largest
        // iteration's count, which PreparedArm checks against 2^31 up front (paired replicates
        // of unequal groups can pick more: RoundPicker checks its own bound). Written out here
        // rather than as a method: the CLI runs C1 only, which does not inline it, and this loop
        // is the engine's innermost one.
        int n = arm.histograms;
        int[] cum = arm.cumulative;
        int[] w = weight;
        int[] picked = chosen;
        int k = chosenCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int base = mid * n;
            int s = 0;
            for (int c = 0; c < k; c++) {
                int h = picked[c];
                s += w[h] * cum[base + h];
            }
            if (s >= rank) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return arm.grid.value(lo);
    }
}
