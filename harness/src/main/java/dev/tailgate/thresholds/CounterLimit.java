package dev.tailgate.thresholds;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A limit on one server-side counter of a run, from a threshold file's {@code redis:} section.
 * Counters are exact counts of the run's window ({@code redis-diff.json}), so no interval: the
 * count above {@code fail} is FAIL, above {@code warn} WARN. Zero is a valid limit ("no
 * evictions"), unlike latency limits.
 *
 * @param name the counter's rule name, {@code redis.evicted_keys} (a {@code TelemetryCounter})
 * @param file threshold file the limit came from (after merging, the file that won)
 */
public record CounterLimit(String name, long fail, OptionalLong warn, String file) {
    public CounterLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(warn, "warn");
        Objects.requireNonNull(file, "file");
        if (fail < 0 || (warn.isPresent() && (warn.getAsLong() < 0 || warn.getAsLong() > fail))) {
            throw new IllegalArgumentException("counter limit " + name + ": need 0 <= warn <= fail");
        }
    }
}
