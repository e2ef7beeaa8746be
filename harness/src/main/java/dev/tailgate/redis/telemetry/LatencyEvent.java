package dev.tailgate.redis.telemetry;

import java.util.Objects;

/**
 * One {@code LATENCY LATEST} row. Redis keeps only the latest sample and the all-time maximum
 * per event, and records nothing while {@code latency-monitor-threshold} is 0 (the default).
 *
 * @param event              event name ("command", "fast-command", "expire-cycle", ...)
 * @param latestEpochSeconds when the latest sample happened (server clock, seconds)
 * @param latestMillis       the latest sample, milliseconds
 * @param maxMillis          the largest sample since start or LATENCY RESET, milliseconds
 */
public record LatencyEvent(String event, long latestEpochSeconds, long latestMillis, long maxMillis) {
    public LatencyEvent {
        Objects.requireNonNull(event, "event");
    }
}
