package dev.tailgate.redis;

/** Whether an optional telemetry source exists on the server the snapshot came from. */
public enum SupportStatus {
    /** Captured. */
    SUPPORTED,
    /** The server has it but it is switched off (e.g. {@code latency-tracking no}). */
    DISABLED_ON_SERVER,
    /** Older server (Redis 6.2 has no latencystats and no LATENCY HISTOGRAM): not an error. */
    UNSUPPORTED_BY_SERVER
}
