package dev.tailgate.redis.telemetry;

import dev.tailgate.redis.SupportStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What happened on a Redis server between two snapshots: {@link #between} is pure. Written as
 * {@code redis-diff.json}.
 *
 * <p>Measurement validity: the deltas include the few commands the captures themselves send
 * (INFO, CONFIG GET, SLOWLOG, LATENCY, CLIENT); those commands are flagged in
 * {@link CommandDelta#sharedWithTelemetry()} and left out of {@link #workloadUsecPerCall()}, and
 * slowlog entries from the telemetry connection (by client name) are not counted. A restart
 * or a CONFIG RESETSTAT inside the window makes every delta meaningless: the diff then says so
 * in {@link #validity()} and carries no counters, so a gate judges ERROR rather than PASS.
 *
 * @param from                  before.capturedAt
 * @param to                    after.capturedAt
 * @param windowSeconds         to - from, seconds
 * @param target                target URL (no password)
 * @param redisVersion          after's redis_version
 * @param validity              whether the deltas mean anything
 * @param warnings              one sentence each: missing fields, slowlog overflow, restarts
 * @param counters              the typed counts gate rules limit; a counter that could not be
 *                              computed is absent
 * @param usedMemoryBeforeBytes used_memory before, -1 if absent
 * @param usedMemoryAfterBytes  used_memory after, -1 if absent
 * @param instantaneousOpsPerSec   after's instantaneous_ops_per_sec (Redis's own ~1.6 s average), -1 if absent
 * @param instantaneousInputKbps   after's instantaneous_input_kbps, NaN if absent
 * @param instantaneousOutputKbps  after's instantaneous_output_kbps, NaN if absent
 * @param commands              per-command work in the window, most server time first
 * @param newSlowlogEntries     slowlog entries of the window (fetched ones; see counters for the count)
 * @param newLatencyEvents      LATENCY LATEST rows that changed in the window
 * @param latencyPercentiles    whether the after snapshot had INFO latencystats
 * @param latencyPercentilesScope what those percentiles cover (not the window)
 * @param latencyPercentilesUsecCumulative command -> label -> usec, from the after snapshot
 */
public record TelemetryDiff(Instant from, Instant to, double windowSeconds, String target, String redisVersion,
                            Validity validity, List<String> warnings, Map<TelemetryCounter, Long> counters,
                            long usedMemoryBeforeBytes, long usedMemoryAfterBytes, long instantaneousOpsPerSec,
                            double instantaneousInputKbps, double instantaneousOutputKbps,
                            List<CommandDelta> commands, List<SlowlogEntry> newSlowlogEntries,
                            List<LatencyEvent> newLatencyEvents, SupportStatus latencyPercentiles,
                            String latencyPercentilesScope,
                            Map<String, Map<String, Double>> latencyPercentilesUsecCumulative) {

    /** Whether two snapshots can be subtracted. */
    public enum Validity {
        VALID,
        /** Snapshots of different targets. */
        TARGET_CHANGED,
        /** run_id changed or uptime went backwards: the server restarted in the window. */
        SERVER_RESTARTED,
        /** A counter went backwards: CONFIG RESETSTAT (by someone else) in the window. */
        COUNTERS_RESET
    }

    public static final String CUMULATIVE_SCOPE = "cumulative since the server started or its last CONFIG RESETSTAT,"
            + " not this window; tailgate never resets a target. The window's own distribution is"
            + " commands[].windowCumulativeCallsByMaxUsec (power-of-two buckets).";

    /** Commands the telemetry capture itself sends, under Redis 6 and Redis 7 names. */
    static final Set<String> TELEMETRY_COMMANDS = Set.of("info", "config", "config|get", "slowlog", "slowlog|get",
            "slowlog|len", "latency", "latency|latest", "latency|histogram", "client", "client|setname",
            "client|setinfo", "hello", "auth", "select", "ping");

    public TelemetryDiff {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(latencyPercentiles, "latencyPercentiles");
        warnings = List.copyOf(warnings);
        EnumMap<TelemetryCounter, Long> c = new EnumMap<>(TelemetryCounter.class);
        c.putAll(counters);
        counters = Collections.unmodifiableMap(c);
        commands = List.copyOf(commands);
        newSlowlogEntries = List.copyOf(newSlowlogEntries);
        newLatencyEvents = List.copyOf(newLatencyEvents);
        Map<String, Map<String, Double>> p = new LinkedHashMap<>();
        latencyPercentilesUsecCumulative.forEach((k, v) -> p.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        latencyPercentilesUsecCumulative = Collections.unmodifiableMap(p);
    }

    public static TelemetryDiff between(TelemetrySnapshot before, TelemetrySnapshot after) {
        List<String> warnings = new ArrayList<>();
        Validity validity = validity(before, after, warnings);
        Map<TelemetryCounter, Long> counters = new EnumMap<>(TelemetryCounter.class);
        List<CommandDelta> commands = new ArrayList<>();
        List<SlowlogEntry> slow = List.of();
        List<LatencyEvent> events = List.of();
        if (validity == Validity.VALID) {
            for (TelemetryCounter c : TelemetryCounter.values()) {
                if (!c.fromInfo()) {
                    continue;
                }
                OptionalLong b = before.infoLong(c.infoSection(), c.infoKey());
                OptionalLong a = after.infoLong(c.infoSection(), c.infoKey());
                if (a.isPresent() && b.isPresent()) {
                    counters.put(c, a.getAsLong() - b.getAsLong());
                } else {
                    warnings.add(c.ruleName() + ": INFO " + c.infoKey() + " not reported by redis "
                            + after.redisVersion() + ", counter left out");
                }
            }
            slow = newSlowlog(before, after, counters, warnings);
            events = newLatencyEvents(before, after);
            counters.put(TelemetryCounter.LATENCY_EVENTS, (long) events.size());
            commands = commandDeltas(before, after);
        }
        double seconds = Duration.between(before.capturedAt(), after.capturedAt()).toNanos() / 1e9;
        boolean percentiles = after.latencyStats() == SupportStatus.SUPPORTED;
        return new TelemetryDiff(before.capturedAt(), after.capturedAt(), seconds, after.target(),
                after.redisVersion(), validity, warnings, counters,
                before.infoLong("memory", "used_memory").orElse(-1), after.infoLong("memory", "used_memory").orElse(-1),
                after.infoLong("stats", "instantaneous_ops_per_sec").orElse(-1),
                after.infoDouble("stats", "instantaneous_input_kbps"),
                after.infoDouble("stats", "instantaneous_output_kbps"),
                commands, slow, events, after.latencyStats(), CUMULATIVE_SCOPE,
                percentiles ? after.latencyPercentilesUsec() : Map.of());
    }

    private static Validity validity(TelemetrySnapshot before, TelemetrySnapshot after, List<String> warnings) {
        if (!before.target().equals(after.target())) {
            warnings.add("before is from " + before.target() + ", after from " + after.target());
            return Validity.TARGET_CHANGED;
        }
        boolean runIdChanged = !before.runId().isEmpty() && !before.runId().equals(after.runId());
        long upBefore = before.infoLong("server", "uptime_in_seconds").orElse(0);
        long upAfter = after.infoLong("server", "uptime_in_seconds").orElse(Long.MAX_VALUE);
        if (runIdChanged || upAfter < upBefore) {
            warnings.add("the server restarted between the snapshots (run_id or uptime changed): no deltas");
            return Validity.SERVER_RESTARTED;
        }
        long cmdBefore = before.infoLong("stats", "total_commands_processed").orElse(0);
        long cmdAfter = after.infoLong("stats", "total_commands_processed").orElse(Long.MAX_VALUE);
        Map<String, Long> callsBefore = before.commandStats().stream()
                .collect(Collectors.toMap(CommandStat::command, CommandStat::calls, (x, y) -> y));
        boolean anyBackwards = after.commandStats().stream()
                .anyMatch(s -> s.calls() < callsBefore.getOrDefault(s.command(), 0L));
        if (cmdAfter < cmdBefore || anyBackwards) {
            warnings.add("counters went backwards (CONFIG RESETSTAT during the window?): no deltas");
            return Validity.COUNTERS_RESET;
        }
        return Validity.VALID;
    }

    /**
     * Slowlog ids are consecutive and survive SLOWLOG RESET, so the entries logged in the window
     * are those with an id above before's largest. If the 128 fetched entries reach back to
     * that id the count is exact; otherwise (more than 128 new, or trimmed by slowlog-max-len)
     * it is taken from the ids and includes the telemetry's own entries it could not see.
     */
    private static List<SlowlogEntry> newSlowlog(TelemetrySnapshot before, TelemetrySnapshot after,
                                                 Map<TelemetryCounter, Long> counters, List<String> warnings) {
        long beforeMax = before.maxSlowlogId();
        Set<String> own = new HashSet<>(List.of(before.telemetryClientName(), after.telemetryClientName()));
        List<SlowlogEntry> fresh = after.slowlog().stream().filter(e -> e.id() > beforeMax).toList();
        List<SlowlogEntry> foreign = fresh.stream().filter(e -> !own.contains(e.clientName())).toList();
        long ownSeen = fresh.size() - foreign.size();
        long count = foreign.size();
        if (before.slowlog().isEmpty()) {
            long unseen = after.slowlogLength() - after.slowlog().size();
            if (unseen > 0) {
                count += unseen;
                warnings.add("slowlog: before was empty and " + unseen + " entries were not fetched;"
                        + " new_slowlog_entries counts them all, tailgate's own included");
            }
        } else if (!fresh.isEmpty()) {
            long lowest = fresh.stream().mapToLong(SlowlogEntry::id).min().orElseThrow();
            if (lowest > beforeMax + 1) {
                count = after.maxSlowlogId() - beforeMax - ownSeen;
                warnings.add("slowlog: " + (lowest - beforeMax - 1) + " entries of the window were not fetched"
                        + " (more than " + TelemetrySnapshot.SLOWLOG_FETCH + " or trimmed by slowlog-max-len);"
                        + " new_slowlog_entries is counted from ids");
            }
        }
        counters.put(TelemetryCounter.NEW_SLOWLOG_ENTRIES, count);
        return foreign;
    }

    /**
     * LATENCY LATEST keeps one latest sample per event, so an event counts once however often it
     * fired in the window.
     */
    private static List<LatencyEvent> newLatencyEvents(TelemetrySnapshot before, TelemetrySnapshot after) {
        Map<String, LatencyEvent> old = before.latencyLatest().stream()
                .collect(Collectors.toMap(LatencyEvent::event, Function.identity(), (x, y) -> y));
        List<LatencyEvent> out = new ArrayList<>();
        for (LatencyEvent e : after.latencyLatest()) {
            LatencyEvent b = old.get(e.event());
            if (b == null || e.latestEpochSeconds() > b.latestEpochSeconds()
                    || (e.latestEpochSeconds() == b.latestEpochSeconds() && e.latestMillis() != b.latestMillis())) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<CommandDelta> commandDeltas(TelemetrySnapshot before, TelemetrySnapshot after) {
        Map<String, CommandStat> b = before.commandStats().stream()
                .collect(Collectors.toMap(CommandStat::command, Function.identity(), (x, y) -> y));
        boolean histograms = before.latencyHistogram() == SupportStatus.SUPPORTED
                && after.latencyHistogram() == SupportStatus.SUPPORTED;
        Map<String, CommandHistogram> hb = before.latencyHistograms().stream()
                .collect(Collectors.toMap(CommandHistogram::command, Function.identity(), (x, y) -> y));
        Map<String, CommandHistogram> ha = after.latencyHistograms().stream()
                .collect(Collectors.toMap(CommandHistogram::command, Function.identity(), (x, y) -> y));
        List<CommandDelta> out = new ArrayList<>();
        for (CommandStat a : after.commandStats()) {
            CommandStat p = b.getOrDefault(a.command(), new CommandStat(a.command(), 0, 0, 0, 0));
            long calls = a.calls() - p.calls();
            if (calls <= 0) {
                continue;
            }
            long usec = a.usec() - p.usec();
            TreeMap<Long, Long> window = new TreeMap<>();
            if (histograms && ha.containsKey(a.command())) {
                CommandHistogram empty = new CommandHistogram(a.command(), 0, new TreeMap<>());
                window.putAll(ha.get(a.command()).since(hb.getOrDefault(a.command(), empty)));
            }
            out.add(new CommandDelta(a.command(), calls, usec, (double) usec / calls, a.failedCalls() - p.failedCalls(),
                    a.rejectedCalls() - p.rejectedCalls(), TELEMETRY_COMMANDS.contains(a.command()), window));
        }
        out.sort(Comparator.comparingLong(CommandDelta::usec).reversed().thenComparing(CommandDelta::command));
        return out;
    }

    /** Server-side usec per call over the window's commands, telemetry's own left out; NaN if none. */
    public double workloadUsecPerCall() {
        long calls = 0;
        long usec = 0;
        for (CommandDelta d : commands) {
            if (!d.sharedWithTelemetry()) {
                calls += d.calls();
                usec += d.usec();
            }
        }
        return calls == 0 ? Double.NaN : (double) usec / calls;
    }

    /** Commands processed per second of the window; NaN if unknown. */
    public double opsPerSecond() {
        Long n = counters.get(TelemetryCounter.COMMANDS_PROCESSED);
        return n == null || windowSeconds <= 0 ? Double.NaN : n / windowSeconds;
    }

    /** A counter's value, or {@code missing} when the diff could not compute it (a gate must not PASS on it). */
    public long counterOr(TelemetryCounter c, long missing) {
        return counters.getOrDefault(c, missing);
    }
}
