package dev.tailgate.redis.telemetry;

import java.util.Locale;
import java.util.Optional;

/**
 * What happened on the server during a run, as counts a gate rule can limit. A thresholds file
 * names one as {@code redis.<lower-case name>} ({@code redis.new_slowlog_entries: 0}). A counter
 * the diff could not compute (older server, restart or CONFIG RESETSTAT during the run) is
 * absent from {@link TelemetryDiff#counters()}: a rule on it must judge ERROR, never PASS.
 */
public enum TelemetryCounter {
    /** {@code total_commands_processed} delta; includes the handful tailgate's captures send. */
    COMMANDS_PROCESSED("stats", "total_commands_processed"),
    /** {@code total_connections_received} delta. */
    CONNECTIONS_RECEIVED("stats", "total_connections_received"),
    /** {@code rejected_connections} delta (maxclients reached). */
    REJECTED_CONNECTIONS("stats", "rejected_connections"),
    /** {@code evicted_keys} delta (maxmemory policy evicted). */
    EVICTED_KEYS("stats", "evicted_keys"),
    /** {@code expired_keys} delta. */
    EXPIRED_KEYS("stats", "expired_keys"),
    KEYSPACE_HITS("stats", "keyspace_hits"),
    KEYSPACE_MISSES("stats", "keyspace_misses"),
    /** {@code total_error_replies} delta (Redis 6.2+). */
    ERROR_REPLIES("stats", "total_error_replies"),
    /** Slowlog entries logged during the window by clients other than tailgate's telemetry. */
    NEW_SLOWLOG_ENTRIES(null, null),
    /** LATENCY LATEST events whose latest sample is newer than before the window. */
    LATENCY_EVENTS(null, null),
    /** {@code used_memory} after minus before; may be negative. */
    USED_MEMORY_GROWTH_BYTES("memory", "used_memory");

    private final String section;
    private final String infoKey;

    TelemetryCounter(String section, String infoKey) {
        this.section = section;
        this.infoKey = infoKey;
    }

    /** True when this counter is the delta of one INFO field; false for derived counters. */
    public boolean fromInfo() {
        return infoKey != null;
    }

    /** INFO section of the field ("stats"); null for derived counters. */
    public String infoSection() {
        return section;
    }

    /** INFO key of the field ("evicted_keys"); null for derived counters. */
    public String infoKey() {
        return infoKey;
    }

    /** The name a thresholds rule uses: {@code redis.new_slowlog_entries}. */
    public String ruleName() {
        return "redis." + name().toLowerCase(Locale.ROOT);
    }

    /** Inverse of {@link #ruleName()}; empty for a name that is not a telemetry counter. */
    public static Optional<TelemetryCounter> fromRuleName(String ruleName) {
        for (TelemetryCounter c : values()) {
            if (c.ruleName().equals(ruleName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
