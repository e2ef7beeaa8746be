package dev.tailgate.thresholds;

import dev.tailgate.model.Statistic;
import java.util.Objects;
import java.util.Optional;

/**
 * A limit on one statistic: the fail level and an optional warn level, which is stricter than
 * the fail level (lower for latency, higher for throughput). Both are in the same unit.
 */
public record Limit(Statistic statistic, Quantity fail, Optional<Quantity> warn) {
    public Limit {
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(fail, "fail");
        Objects.requireNonNull(warn, "warn");
        if (warn.isPresent() && warn.get().unit().kind() != fail.unit().kind()) {
            throw new IllegalArgumentException("warn and fail of different kinds");
        }
    }

    /** Warn level in the fail level's unit. */
    public Optional<Double> warnInFailUnit() {
        return warn.map(w -> w.in(fail.unit()));
    }
}
