package dev.tailgate.redis.telemetry;

import dev.tailgate.redis.SupportStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a Redis server said about itself at one instant: every INFO section, the slowlog, the
 * latency monitor and (Redis 7+) latency histograms, and its configuration with secrets
 * redacted. Written as {@code redis-before.json} / {@code redis-after.json}; read back with
 * {@link TelemetryJson}. Counters here are cumulative since the server started: only a
 * {@link TelemetryDiff} of two snapshots says what happened during a run.
 *
 * @param formatVersion        {@link #FORMAT_VERSION}
 * @param capturedAt           when the capture started (caller's clock)
 * @param target               target URL, never with a password
 * @param telemetryClientName  CLIENT SETNAME of the capturing connection; the diff leaves that
 *                             client's own slowlog entries out
 * @param info                 INFO everything: section -> key -> raw value, server order
 * @param latencyStats         whether {@code info.latencystats} holds per-command percentiles
 * @param latencyHistogram     whether {@link #latencyHistograms} was captured
 * @param latencyHistograms    LATENCY HISTOGRAM per command (empty unless SUPPORTED)
 * @param latencyLatest        LATENCY LATEST
 * @param slowlogLength        SLOWLOG LEN
 * @param slowlog              SLOWLOG GET 128, newest first, redacted
 * @param config               CONFIG GET *, secrets redacted, sorted by key
 * @param notes                what was missing or degraded, one sentence each
 */
public record TelemetrySnapshot(int formatVersion, Instant capturedAt, String target, String telemetryClientName,
                                Map<String, Map<String, String>> info, SupportStatus latencyStats,
                                SupportStatus latencyHistogram, List<CommandHistogram> latencyHistograms,
                                List<LatencyEvent> latencyLatest, long slowlogLength, List<SlowlogEntry> slowlog,
                                Map<String, String> config, List<String> notes) {

    public static final int FORMAT_VERSION = 1;
    /** How many slowlog entries a snapshot fetches. */
    public static final int SLOWLOG_FETCH = 128;

    public TelemetrySnapshot {
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(telemetryClientName, "telemetryClientName");
        Objects.requireNonNull(latencyStats, "latencyStats");
        Objects.requireNonNull(latencyHistogram, "latencyHistogram");
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("formatVersion " + formatVersion + ", expected " + FORMAT_VERSION);
        }
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        info.forEach((k, v) -> sections.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        info = Collections.unmodifiableMap(sections);
        latencyHistograms = List.copyOf(latencyHistograms);
        latencyLatest = List.copyOf(latencyLatest);
        slowlog = List.copyOf(slowlog);
        config = Collections.unmodifiableSortedMap(new TreeMap<>(config));
        notes = List.copyOf(notes);
    }

    /** One raw INFO field, "" if the section or key is absent. */
    public String infoValue(String section, String key) {
        return info.getOrDefault(section, Map.of()).getOrDefault(key, "");
    }

    /** One integer INFO field; empty if absent or not an integer (e.g. a field this version lacks). */
    public OptionalLong infoLong(String section, String key) {
        String v = infoValue(section, key);
        try {
            return v.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** One decimal INFO field, NaN if absent. */
    public double infoDouble(String section, String key) {
        String v = infoValue(section, key);
        try {
            return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public String redisVersion() {
        return infoValue("server", "redis_version");
    }

    /** Changes when the server restarts: two snapshots with different run ids cannot be diffed. */
    public String runId() {
        return infoValue("server", "run_id");
    }

    public List<CommandStat> commandStats() {
        return InfoText.commandStats(info.getOrDefault("commandstats", Map.of()));
    }

    /** Per-command percentiles from INFO latencystats (cumulative since start or RESETSTAT). */
    public Map<String, Map<String, Double>> latencyPercentilesUsec() {
        return InfoText.latencyPercentiles(info.getOrDefault("latencystats", Map.of()));
    }

    /** Largest slowlog id seen, -1 if the slowlog was empty. */
    public long maxSlowlogId() {
        return slowlog.stream().mapToLong(SlowlogEntry::id).max().orElse(-1);
    }
}
