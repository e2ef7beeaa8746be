package dev.tailgate.summary;

import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.Statistic;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What {@code export} publishes of one JMH result, in base units.
 *
 * @param mode           JMH's short mode name ({@code sample}, {@code thrpt}, ...)
 * @param latencySeconds per statistic (mean, percentiles, max), in enum order; a percentile
 *                       with too few samples behind it is absent, not NaN
 * @param opsPerSecond   the score of a throughput-mode result
 * @param samples        operations timed (sample mode, fixed-rate histograms) or measurement
 *                       iterations (the other modes)
 */
public record ResultStats(BenchmarkId id, String mode, Map<Statistic, Double> latencySeconds,
                          OptionalDouble opsPerSecond, long samples) {
    public ResultStats {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(opsPerSecond, "opsPerSecond");
        EnumMap<Statistic, Double> copy = new EnumMap<>(Statistic.class);
        copy.putAll(latencySeconds);
        latencySeconds = Collections.unmodifiableMap(copy);
    }
}
