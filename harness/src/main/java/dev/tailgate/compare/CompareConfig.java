package dev.tailgate.compare;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the statistics engine needs besides the data. See docs/compare-statistics.md for
 * the decision rule these parameters feed.
 *
 * @param margins per-statistic practical margins
 * @param alpha family-wise rate of false claims of change over all gating checks, both
 *     directions together; each direction gets {@code alpha / 2} (Holm-corrected), so with one
 *     check and {@code confidence = 1 - alpha} a decision coincides with its interval
 * @param confidence two-sided coverage of the reported interval (0.95)
 * @param resamples bootstrap replicates per benchmark (all statistics of a benchmark share them)
 * @param seed seed of the bootstrap; a fixed seed and the same input give identical results
 * @param minTailSamplesAbove a percentile p is judged only when each arm has at least
 *     {@code minTailSamplesAbove / (1 - p)} samples, i.e. about that many samples above it
 *     (100: p99 needs 10,000, p99.9 needs 100,000, p99.99 needs 1,000,000 samples per arm)
 * @param minForks forks each arm needs before any check is judged; fewer is INCONCLUSIVE
 * @param gating the statistics whose checks gate (enter the Holm family and can fail the run);
 *     the others are reported with their unadjusted classification for information
 * @param earlyLook replicates after which a benchmark whose every check is already settled
 *     stops (see {@link SettledCheck}); it looks again half way from there to
 *     {@code resamples} ({@link #looks()}); 0, or not below {@code resamples}, draws all
 *     {@code resamples} for every benchmark
 */
public record CompareConfig(Margins margins, double alpha, double confidence, int resamples, long seed,
                            double minTailSamplesAbove, int minForks, Set<ComparedStatistic> gating,
                            int earlyLook) {

    /** Default replicate count; chosen for the 5 s budget, see docs/compare-statistics.md. */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** Default early look; see docs/compare-statistics.md, "Stopping early". */
    public static final int DEFAULT_EARLY_LOOK = 400;

    public CompareConfig {
        Objects.requireNonNull(margins, "margins");
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be >= 100, was " + resamples);
        }
        if (!(minTailSamplesAbove >= 0)) {
            throw new IllegalArgumentException("minTailSamplesAbove must be >= 0, was " + minTailSamplesAbove);
        }
        if (earlyLook != 0 && earlyLook < 100) {
            throw new IllegalArgumentException("earlyLook must be 0 (off) or >= 100, was " + earlyLook);
        }
        if (minForks < 2) {
            throw new IllegalArgumentException("minForks must be >= 2 (one fork has no replication), was " + minForks);
        }
        gating = Collections.unmodifiableSet(gating.isEmpty()
                ? EnumSet.noneOf(ComparedStatistic.class) : EnumSet.copyOf(gating));
    }

    /**
     * Default margins, alpha 0.05, 95% intervals, 1,000 replicates (looks at 400 and 700), 100
     * tail samples, 3 forks, p50/p99/p99.9/throughput/mean gate.
     */
    public static CompareConfig defaults(long seed) {
        return new CompareConfig(Margins.defaults(), 0.05, 0.95, DEFAULT_RESAMPLES, seed, 100, 3,
                EnumSet.of(ComparedStatistic.MEAN, ComparedStatistic.P50, ComparedStatistic.P99,
                        ComparedStatistic.P999, ComparedStatistic.THROUGHPUT), DEFAULT_EARLY_LOOK);
    }

    public CompareConfig withResamples(int n) {
        return new CompareConfig(margins, alpha, confidence, n, seed, minTailSamplesAbove, minForks, gating, earlyLook);
    }

    public CompareConfig withSeed(long s) {
        return new CompareConfig(margins, alpha, confidence, resamples, s, minTailSamplesAbove, minForks, gating, earlyLook);
    }

    public CompareConfig withMargins(Margins m) {
        return new CompareConfig(m, alpha, confidence, resamples, seed, minTailSamplesAbove, minForks, gating, earlyLook);
    }

    /** The same with another early look; 0 turns stopping early off. */
    public CompareConfig withEarlyLook(int look) {
        return new CompareConfig(margins, alpha, confidence, resamples, seed, minTailSamplesAbove, minForks, gating, look);
    }

    /**
     * The replicate counts at which a benchmark looks whether it is settled, ascending and all
     * below {@code resamples}: the early look and the midpoint between it and the end (400 and
     * 700 by default); none when stopping early is off.
     */
    int[] looks() {
        if (earlyLook <= 0 || earlyLook >= resamples) {
            return new int[0];
        }
        int second = (earlyLook + resamples) / 2;
        return second > earlyLook ? new int[] {earlyLook, second} : new int[] {earlyLook};
    }

    /** Samples each arm needs before percentile {@code statistic} is judged. */
    public long minSamples(ComparedStatistic statistic) {
        // Rounded first: 100 / (1 - 0.999) is 100000.00000000001 in binary floating point.
        return (long) Math.ceil(Math.rint(minTailSamplesAbove / (1 - statistic.quantile()) * 1e6) / 1e6);
    }

    public boolean gates(ComparedStatistic statistic) {
        return gating.contains(statistic);
    }
}
