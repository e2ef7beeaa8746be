package dev.tailgate.redis.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.SupportStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The diff is pure: hand-built snapshots with known answers. */
class TelemetryDiffTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A snapshot builder with just the fields the diff reads. */
    static final class Snap {
        String runId = "r1";
        long uptime = 100;
        Map<String, String> stats = new LinkedHashMap<>(Map.of("total_commands_processed", "1000",
                "total_connections_received", "5", "rejected_connections", "0", "evicted_keys", "0",
                "expired_keys", "0", "keyspace_hits", "0", "keyspace_misses", "0", "total_error_replies", "0"));
        Map<String, String> commandstats = new LinkedHashMap<>();
        List<SlowlogEntry> slowlog = new ArrayList<>();
        long slowlogLength = -1;
        List<LatencyEvent> latency = new ArrayList<>();
        List<CommandHistogram> histograms = new ArrayList<>();
        SupportStatus histogramStatus = SupportStatus.SUPPORTED;
        long usedMemory = 1_000_000;
        Instant at = T0;

        Snap stat(String k, long v) {
            stats.put(k, Long.toString(v));
            return this;
        }

        Snap cmd(String name, long calls, long usec) {
            commandstats.put("cmdstat_" + name, "calls=" + calls + ",usec=" + usec + ",usec_per_call=1.00,rejected_calls=0,failed_calls=0");
            return this;
        }

        Snap slow(long id, String client) {
            slowlog.add(0, new SlowlogEntry(id, 1, 50, List.of("GET", "k"), "127.0.0.1:1", client));
            return this;
        }

        TelemetrySnapshot build() {
            Map<String, Map<String, String>> info = new LinkedHashMap<>();
            info.put("server", Map.of("redis_version", "7.0.15", "run_id", runId, "uptime_in_seconds", Long.toString(uptime)));
            info.put("memory", Map.of("used_memory", Long.toString(usedMemory)));
            info.put("stats", stats);
            info.put("commandstats", commandstats);
            return new TelemetrySnapshot(TelemetrySnapshot.FORMAT_VERSION, at, "redis://h:1/0", Telemetry.CLIENT_NAME, info,
                    SupportStatus.SUPPORTED, histogramStatus, histograms, latency,
                    slowlogLength < 0 ? slowlog.size() : slowlogLength, slowlog, Map.of(), List.of());
        }
    }

    @Test
    void countersAreDeltasAndCommandsCarryUsecPerCall() {
        Snap b = new Snap().cmd("set", 10, 100).cmd("info", 1, 200);
        Snap a = new Snap().stat("total_commands_processed", 3002).stat("evicted_keys", 7).stat("rejected_connections", 2)
                .cmd("set", 2010, 3100).cmd("info", 2, 400).cmd("get", 1000, 500);
        a.at = T0.plusSeconds(2);
        a.usedMemory = 900_000;
        TelemetryDiff d = TelemetryDiff.between(b.build(), a.build());
        assertEquals(TelemetryDiff.Validity.VALID, d.validity());
        assertEquals(2002L, d.counters().get(TelemetryCounter.COMMANDS_PROCESSED));
        assertEquals(7L, d.counters().get(TelemetryCounter.EVICTED_KEYS));
        assertEquals(2L, d.counters().get(TelemetryCounter.REJECTED_CONNECTIONS));
        assertEquals(-100_000L, d.counters().get(TelemetryCounter.USED_MEMORY_GROWTH_BYTES));
        assertEquals(1001.0, d.opsPerSecond(), 1e-9);
        CommandDelta set = d.commands().get(0);
        assertEquals("set", set.command());
        assertEquals(2000, set.calls());
        assertEquals(1.5, set.usecPerCall(), 1e-12);
        // INFO is the telemetry's own: reported, but not in the workload's average
        assertTrue(d.commands().stream().anyMatch(c -> c.command().equals("info") && c.sharedWithTelemetry()));
        assertEquals((3000.0 + 500.0) / 3000.0, d.workloadUsecPerCall(), 1e-12);
    }

    @Test
    void restartOrResetLeavesNoCounters() {
        Snap b = new Snap().cmd("set", 10, 100);
        Snap restarted = new Snap().cmd("set", 20, 100);
        restarted.runId = "r2";
        TelemetryDiff d = TelemetryDiff.between(b.build(), restarted.build());
        assertEquals(TelemetryDiff.Validity.SERVER_RESTARTED, d.validity());
        assertTrue(d.counters().isEmpty());
        assertTrue(d.commands().isEmpty());
        assertTrue(Double.isNaN(d.opsPerSecond()));

        Snap reset = new Snap().cmd("set", 3, 100);
        TelemetryDiff r = TelemetryDiff.between(b.build(), reset.build());
        assertEquals(TelemetryDiff.Validity.COUNTERS_RESET, r.validity());
        assertTrue(r.counters().isEmpty());
    }

    @Test
    void newSlowlogEntriesExcludeTelemetryAndCountFromIdsOnOverflow() {
        Snap b = new Snap().slow(4, "app").slow(5, Telemetry.CLIENT_NAME);
        Snap a = new Snap().slow(5, Telemetry.CLIENT_NAME).slow(6, "app").slow(7, Telemetry.CLIENT_NAME).slow(8, "app");
        TelemetryDiff d = TelemetryDiff.between(b.build(), a.build());
        assertEquals(2L, d.counters().get(TelemetryCounter.NEW_SLOWLOG_ENTRIES));
        assertEquals(List.of(8L, 6L), d.newSlowlogEntries().stream().map(SlowlogEntry::id).toList());
        assertTrue(d.warnings().isEmpty(), d.warnings().toString());

        // Ids 6..99 were trimmed away before the after snapshot fetched 100..102.
        Snap over = new Snap().slow(100, "app").slow(101, Telemetry.CLIENT_NAME).slow(102, "app");
        TelemetryDiff o = TelemetryDiff.between(b.build(), over.build());
        assertEquals(102L - 5 - 1, o.counters().get(TelemetryCounter.NEW_SLOWLOG_ENTRIES));
        assertTrue(o.warnings().stream().anyMatch(w -> w.contains("not fetched")), o.warnings().toString());

        // Before empty: every entry after is new; unfetched ones are counted from SLOWLOG LEN.
        Snap empty = new Snap();
        Snap many = new Snap().slow(10, "app").slow(11, "app");
        many.slowlogLength = 5;
        TelemetryDiff m = TelemetryDiff.between(empty.build(), many.build());
        assertEquals(5L, m.counters().get(TelemetryCounter.NEW_SLOWLOG_ENTRIES));
    }

    @Test
    void latencyEventsAreNewWhenTheirLatestSampleMoved() {
        Snap b = new Snap();
        b.latency.add(new LatencyEvent("command", 100, 5, 9));
        b.latency.add(new LatencyEvent("fork", 100, 2, 2));
        Snap a = new Snap();
        a.latency.add(new LatencyEvent("command", 130, 3, 9));
        a.latency.add(new LatencyEvent("fork", 100, 2, 2));
        a.latency.add(new LatencyEvent("expire-cycle", 131, 1, 1));
        TelemetryDiff d = TelemetryDiff.between(b.build(), a.build());
        assertEquals(2L, d.counters().get(TelemetryCounter.LATENCY_EVENTS));
        assertEquals(List.of("command", "expire-cycle"), d.newLatencyEvents().stream().map(LatencyEvent::event).toList());
    }

    @Test
    void aFieldTheServerDoesNotReportIsLeftOutNotZero() {
        Snap b = new Snap();
        b.stats.remove("total_error_replies");
        Snap a = new Snap();
        a.stats.remove("total_error_replies");
        TelemetryDiff d = TelemetryDiff.between(b.build(), a.build());
        assertFalse(d.counters().containsKey(TelemetryCounter.ERROR_REPLIES));
        assertEquals(-1, d.counterOr(TelemetryCounter.ERROR_REPLIES, -1));
        assertTrue(d.warnings().stream().anyMatch(w -> w.contains("redis.error_replies")), d.warnings().toString());
    }

    @Test
    void windowHistogramIsAfterMinusBefore() {
        Snap b = new Snap().cmd("set", 100, 100);
        b.histograms.add(new CommandHistogram("set", 100, new TreeMap<>(Map.of(1L, 90L, 2L, 100L))));
        Snap a = new Snap().cmd("set", 1100, 2000);
        a.histograms.add(new CommandHistogram("set", 1100, new TreeMap<>(Map.of(1L, 900L, 2L, 910L, 4L, 1090L, 64L, 1100L))));
        CommandDelta set = TelemetryDiff.between(b.build(), a.build()).commands().get(0);
        // window calls at or below each bound: after's cumulative minus before's (before's 4 and
        // 64 read as its largest listed bucket below them, 100)
        assertEquals(new TreeMap<>(Map.of(1L, 810L, 2L, 810L, 4L, 990L, 64L, 1000L)), set.windowCumulativeCallsByMaxUsec());
        assertEquals(1, set.windowQuantileUpperBoundUsec(0.5));
        assertEquals(4, set.windowQuantileUpperBoundUsec(0.99));
        assertEquals(64, set.windowQuantileUpperBoundUsec(0.999));
    }
}
