package dev.tailgate.thresholds;

import dev.tailgate.model.Statistic;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Gate-wide policy.
 *
 * @param minTailSamples fixed minimum of operations behind a percentile; empty means the
 *                       default {@code ceil(100 / (1 - p))}: about 100 samples above the
 *                       percentile (P99 needs 10,000, P99.9 needs 100,000)
 * @param confidence     two-sided confidence level of every interval, in (0.5, 1)
 */
public record Policy(InconclusivePolicy inconclusive, OptionalLong minTailSamples, double confidence) {
    public static final Policy DEFAULT = new Policy(InconclusivePolicy.FAIL, OptionalLong.empty(), 0.95);

    public Policy {
        Objects.requireNonNull(inconclusive, "inconclusive");
        Objects.requireNonNull(minTailSamples, "minTailSamples");
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1): " + confidence);
        }
    }

    /** Minimum operations before a percentile is judged at all. */
    public long minSamples(Statistic statistic) {
        if (minTailSamples.isPresent()) {
            return minTailSamples.getAsLong();
        }
        return (long) Math.ceil(100.0 / (1.0 - statistic.quantile()) - 1e-9);
    }
}
