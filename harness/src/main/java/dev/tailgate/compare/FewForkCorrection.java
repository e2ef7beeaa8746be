package dev.tailgate.compare;

import dev.tailgate.model.Stats;

/**
 * Widening of bootstrap intervals for few forks (see {@link HierarchicalBootstrap}): the
 * standard error is multiplied by {@code inflate} = sqrt(n/(n-1)) (n = the smaller fork count),
 * the percentile interval around the replicate median by {@code expand} = inflate · t(df) / z,
 * and p-values use Student's t with {@code df} = n_baseline + n_candidate - 2. Computed once per
 * distinct pair of fork counts: inverting t costs more than a whole score-only comparison.
 *
 * <p>{@link #paired} is the same correction for a paired comparison of n rounds: one sample of
 * n paired differences, so df = n - 1, and the interval is stretched to the level a look spends.
 */
record FewForkCorrection(double inflate, double expand, double df) {
    /** Smallest one-sided level a paired look resolves; see {@link #paired}. */
    static final double MIN_LEVEL = 1e-12;

    static FewForkCorrection of(int baselineForks, int candidateForks, double confidence) {
        int n = Math.min(baselineForks, candidateForks);
        if (n < 2) {
            return new FewForkCorrection(Double.NaN, Double.NaN, Double.NaN);
        }
        double df = baselineForks + candidateForks - 2;
        double upper = 1 - (1 - confidence) / 2;
        double inflate = Math.sqrt(n / (n - 1.0));
        return new FewForkCorrection(inflate, inflate * Stats.tQuantile(upper, df) / Stats.normalQuantile(upper), df);
    }

    /**
     * The correction for {@code rounds} paired rounds at a look that spends {@code level} per
     * direction. The replicates' percentile interval at {@code confidence} (its tails are what
     * 1,000 replicates resolve) is stretched around the median by
     * {@code sqrt(n/(n-1)) · t(1 - level, n - 1) / z(1 - (1 - confidence)/2)}, so its ends become
     * the look's one-sided {@code level} bounds. Early looks of an O'Brien-Fleming-type schedule
     * spend less than 1e-12 per direction, beyond what t's quantile is computed to (1e-12): the
     * expansion is then infinite and such a look cannot decide, which is all it spends.
     */
    static FewForkCorrection paired(int rounds, double confidence, double level) {
        if (rounds < 2) {
            return new FewForkCorrection(Double.NaN, Double.NaN, Double.NaN);
        }
        double df = rounds - 1;
        double inflate = Math.sqrt(rounds / (rounds - 1.0));
        double t = level >= MIN_LEVEL ? Stats.tQuantile(1 - level, df) : Double.POSITIVE_INFINITY;
        return new FewForkCorrection(inflate, inflate * t / Stats.normalQuantile(1 - (1 - confidence) / 2), df);
    }
}
