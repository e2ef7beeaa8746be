package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.HiccupSummary;
import dev.tailgate.model.SummaryRow;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HiccupsTest {
    private static final Map<String, String> P = Map.of("payloadBytes", "14");

    /** ~1 ms sleeps overshooting by 10 µs, plus {@code stalls} of {@code stallNanos}. */
    private static Histogram hiccups(int samples, int stalls, long stallNanos) {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        h.recordValueWithCount(10_000, samples);
        for (int i = 0; i < stalls; i++) {
            h.recordValueWithExpectedInterval(stallNanos, 1_000_000);
        }
        return h;
    }

    @Test
    void flagsWhenTheHostsLongestStallExceedsTheBenchmarksP999() {
        HiccupSummary h = Hiccups.summarize("TcpPingPongBenchmark", P, 3, hiccups(30_000, 1, 12_000_000),
                OptionalDouble.of(300_000));
        assertTrue(h.hostStalledPastTail());
        assertEquals(12_000_000, h.maxNanos(), 12_000);
        assertEquals(10_000, h.p99Nanos().orElseThrow(), 10);
        assertTrue(h.p999Nanos().isEmpty(), "30,011 samples cannot show a p99.9");
        String w = h.warning().orElseThrow();
        assertTrue(w.startsWith("the host stalled for 12.0 ms during this benchmark (its p99.9 is 300.0 us)"), w);
        assertTrue(w.endsWith("its tail may be the machine's, not Redis's"), w);
    }

    @Test
    void doesNotFlagStallsShorterThanTheTailOrWithoutATail() {
        HiccupSummary quiet = Hiccups.summarize("X", P, 1, hiccups(200_000, 3, 250_000), OptionalDouble.of(300_000));
        assertFalse(quiet.hostStalledPastTail());
        assertTrue(quiet.warning().isEmpty());
        assertTrue(quiet.p999Nanos().isPresent());
        HiccupSummary noTail = Hiccups.summarize("X", P, 1, hiccups(1_000, 1, 50_000_000), OptionalDouble.empty());
        assertFalse(noTail.hostStalledPastTail(), "without a p99.9 there is nothing to compare against");
        HiccupSummary empty = Hiccups.summarize("X", P, 1, new Histogram(3), OptionalDouble.of(1));
        assertFalse(empty.hostStalledPastTail());
        assertEquals(0, empty.maxNanos());
    }

    private static void log(Path file, Histogram... intervals) throws Exception {
        Files.createDirectories(file.getParent());
        try (PrintStream ps = new PrintStream(file.toFile())) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputLogFormatVersion();
            w.outputComment("hiccup meter placement: BOUND");
            for (Histogram h : intervals) {
                h.setTag("hiccup");
                w.outputIntervalHistogram(h);
            }
        }
    }

    private static SummaryRow row(String benchmark, Map<String, String> params, double p999) {
        return new SummaryRow(benchmark, params, "sample", 1_000_000, OptionalDouble.of(20_000), OptionalDouble.of(90_000),
                OptionalDouble.of(p999), OptionalDouble.empty(), OptionalDouble.of(5e6), OptionalDouble.of(25_000),
                "ns/op", OptionalDouble.empty());
    }

    @Test
    void collectsEveryForkInEveryRoundDirectoryAndPairsWithTheRow(@TempDir Path run) throws Exception {
        Path hist = run.resolve("histograms");
        log(hist.resolve("TcpPingPongBenchmark-payloadBytes=14-fork1-hiccup.hlog"), hiccups(10_000, 0, 0));
        log(hist.resolve("fork2/TcpPingPongBenchmark-payloadBytes=14-fork1-hiccup.hlog"), hiccups(10_000, 1, 8_000_000));
        log(hist.resolve("JedisGetBenchmark-valueBytes=16-fork1-hiccup.hlog"), hiccups(2_000, 0, 0));
        log(hist.resolve("RawRespFixedRateBenchmark-rate=1000-fork1.hlog"), hiccups(5, 0, 0));
        List<HiccupSummary> got = Hiccups.collect(hist, List.of(
                row("TcpPingPongBenchmark.roundTrip", P, 400_000),
                row("JedisGetBenchmark.get", Map.of("valueBytes", "16"), 500_000)));

        assertEquals(2, got.size(), got.toString());
        HiccupSummary jedis = got.get(0);
        assertEquals("JedisGetBenchmark", jedis.benchmark());
        assertEquals(Map.of("valueBytes", "16"), jedis.params());
        assertFalse(jedis.hostStalledPastTail());
        HiccupSummary tcp = got.get(1);
        assertEquals(2, tcp.forks());
        assertEquals(20_000 + 8, tcp.samples(), "both forks' counts added, the stall's hidden samples included");
        assertEquals(OptionalDouble.of(400_000), tcp.benchmarkP999Nanos());
        assertTrue(tcp.hostStalledPastTail(), tcp.toString());

        Hiccups.write(run, got);
        assertEquals(Optional.of(got), Hiccups.read(run));
        String text = Hiccups.render(got);
        assertTrue(text.contains("TcpPingPongBenchmark payloadBytes=14: p99 10.0 us, p99.9 - us, max 8"), text);
        assertTrue(text.contains("    WARNING: the host stalled for 8.0 ms"), text);
        assertEquals(1, text.split("WARNING").length - 1, text);
    }

    @Test
    void aRunWithoutHiccupLogsSaysSo(@TempDir Path run) {
        assertEquals(List.of(), Hiccups.collect(run.resolve("histograms"), List.of()));
        assertEquals(Optional.empty(), Hiccups.read(run));
        assertTrue(Hiccups.render(List.of()).startsWith("host stalls: no hiccup logs"));
    }
}
