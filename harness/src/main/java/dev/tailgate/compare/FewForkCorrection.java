package dev.tailgate.compare;

import dev.tailgate.model.Stats;
/**
 * Widening of bootstrap intervals for few forks (see {@link HierarchicalBootstrap}): the
 * standard error is multiplied by {@code inflate} = sqrt(n/(n-1)) (n = the smaller fork count),
 * the percentile interval around the replicate median by {@code expand} = inflate · t(df) / z,
 * and p-values use Student's t with {@code df} = n_baseline + n_candidate - 2. Computed once per
 * distinct pair of fork counts: inverting t costs more than a whole score-only comparison.
 */
record FewForkCorrection(double inflate, double expand, double df) {

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
}
