package dev.tailgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.openloop.LatencySnapshot;
import dev.tailgate.ingest.TailStateJson;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.TailState;
import dev.tailgate.redis.RedisTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster-wide view on seeded masters' intervals, delivered in a shuffled order as the
 * masters' reporter threads would: interval k of the cluster log holds exactly the counts of
 * interval k of every master's log (HdrHistogram's own {@code add} of the masters' logs, read
 * back with its own reader, is the oracle), the summary's count and percentiles are the added
 * counts', and one master's INVALID summary (or a failed master) makes the cluster's INVALID
 * naming it.
 */
class ClusterTailTest {
    static final String[] NODES = {"10.0.0.1:7000", "10.0.0.2:7001", "10.0.0.3:7002"};
    static final long T0 = 1_764_000_000_000L;
    static final long RATE = 40_000;
    static final int INTERVALS = 5;

    /** One master's intervals as its sampler has them, with the state its sampler writes after each. */
    private record Master(List<LatencySnapshot> intervals, List<long[]> spans, List<TailState> states) {
    }

    /**
     * Master i: {@code intervals} one-second intervals of {@link #RATE} responses, starting up to 30 ms
     * apart; master 2's tail is the heaviest; written to its own log as its sampler writes it.
     */
    private static Master master(Path dir, int i, int intervals, long maxSlipNanos, Random rnd) throws Exception {
        TailSampler.Options o = options(dir.resolve(NODES[i].replace(':', '_')), maxSlipNanos);
        TailWindow window = new TailWindow(TailSampler.windowIntervals(o), RATE, maxSlipNanos);
        List<LatencySnapshot> out = new ArrayList<>();
        List<long[]> spans = new ArrayList<>();
        List<TailState> states = new ArrayList<>();
        long offset = rnd.nextInt(30);
        try (HlogOutput log = HlogOutput.at(o.outDir().resolve(TailSampler.HLOG_FILE), "master " + NODES[i])) {
            for (int k = 0; k < intervals; k++) {
                LatencySnapshot s = LatencySnapshot.empty();
                for (int n = 0; n < RATE; n++) {
                    double tail = rnd.nextDouble() < 0.002 ? 1_000 * (i + 1) : 1;
                    s.response().recordValue((long) (20_000 * tail * Math.exp(rnd.nextGaussian() * 0.8)));
                    s.service().recordValue((long) (15_000 * Math.exp(rnd.nextGaussian() * 0.5)));
                    s.slip().recordValue(1 + rnd.nextInt(3_000));
                }
                long start = T0 + offset + k * 1_000L;
                long end = start + 1_000;
                for (Histogram h : List.of(s.response(), s.service(), s.slip())) {
                    h.setStartTimeStamp(start);
                    h.setEndTimeStamp(end);
                }
                log.write(s);
                window.add(s, start, end, 0);
                out.add(s);
                spans.add(new long[] {start, end});
                states.add(new TailState(TailState.FORMAT, "redis://" + NODES[i] + "/0", RATE, 1_000, 3_000,
                        java.time.Instant.ofEpochMilli(end), k == intervals - 1, TailSampler.HLOG_FILE, "not pinned (disabled)",
                        window.window(), window.total(), List.of()));
            }
        }
        return new Master(out, spans, states);
    }

    private static TailSampler.Options options(Path dir, long maxSlipNanos) {
        return new TailSampler.Options(new RedisTarget("10.0.0.1", 7000, Optional.empty(), 0, false), Optional.empty(),
                RATE, Duration.ofSeconds(INTERVALS), Duration.ofSeconds(1), Duration.ofSeconds(3), dir, false, List.of(),
                maxSlipNanos);
    }

    /** Feeds every master's intervals to the cluster view, each master's in order, the masters interleaved at random. */
    private static void deliver(ClusterTail cluster, List<Master> masters, Random rnd) throws Exception {
        int[] next = new int[masters.size()];
        while (true) {
            List<Integer> left = new ArrayList<>();
            for (int i = 0; i < masters.size(); i++) {
                if (next[i] < masters.get(i).intervals().size()) {
                    left.add(i);
                }
            }
            if (left.isEmpty()) {
                return;
            }
            int i = left.get(rnd.nextInt(left.size()));
            Master m = masters.get(i);
            int k = next[i]++;
            cluster.listener(i).interval(m.intervals().get(k), m.spans().get(k)[0], m.spans().get(k)[1], 0,
                    m.states().get(k));
        }
    }

    @Test
    void intervalKOfTheClusterIsIntervalKOfEveryMasterAdded(@TempDir Path out) throws Exception {
        Random rnd = new Random(1);
        List<Master> masters = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < NODES.length; i++) {
            // the last master was stopped a few ms before its last boundary: one interval fewer
            masters.add(master(out.resolve(ClusterTail.NODES_DIR), i, i == 2 ? INTERVALS - 1 : INTERVALS, 100_000, rnd));
            logs.add(ClusterTail.nodeDir(out, NODES[i]).resolve(TailSampler.HLOG_FILE));
        }
        StringWriter printed = new StringWriter();
        try (ClusterTail cluster = new ClusterTail(options(out, 100_000), List.of(NODES), new PrintWriter(printed),
                Clock.systemUTC())) {
            deliver(cluster, masters, rnd);
            printed.write(cluster.totalLine());
        }

        // master 2 has one interval fewer: the last cluster interval is masters 0 and 1 added
        Histogram all = ClusterLogs.assertAddsUp(out.resolve(TailSampler.HLOG_FILE), logs);

        TailState s = TailStateJson.read(out.resolve(TailSampler.STATE_FILE));
        assertTrue(s.complete(), s.toString());
        long sum = masters.stream().mapToLong(m -> m.states().get(m.states().size() - 1).total().count()).sum();
        assertEquals(sum, s.total().count());
        assertEquals(all.getTotalCount(), s.total().count());
        assertEquals(TailWindow.percentiles(all), s.total().responseNanos(), "percentiles of the added counts");
        assertTrue(s.total().valid(), s.total().flaws().toString());
        assertEquals(3 * RATE, s.ratePerSecond());
        assertEquals(List.of(NODES), s.masters().stream().map(TailState.Master::node).toList());
        assertEquals("redis-nodes/10.0.0.1_7000/tail-state.json", s.masters().get(0).state());
        // one server's state file is as before: no "masters" key
        assertFalse(JsonFiles.json().writeValueAsString(masters.get(0).states().get(0)).contains("masters"));

        List<String> lines = printed.toString().lines().toList();
        assertEquals(INTERVALS, lines.stream().filter(l -> l.startsWith("cluster 20")).count(), printed.toString());
        // master 2 has the heavy tail and 120,000 samples in its window
        assertTrue(lines.stream().filter(l -> l.startsWith("cluster 20")).skip(2)
                .allMatch(l -> l.contains("| worst p99.9 (window) " + NODES[2] + " ")), printed.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("cluster total: " + s.total().count() + " samples"), printed.toString());
        assertTrue(lines.get(lines.size() - 1).contains("worst p99.9 (total) " + NODES[2] + " "), printed.toString());
    }

    @Test
    void oneInvalidMasterMakesTheClusterInvalidNamingIt(@TempDir Path dir) throws Exception {
        Random rnd = new Random(7);
        List<Master> masters = new ArrayList<>();
        for (int i = 0; i < NODES.length; i++) {
            // master 1's slip bound (1 us) is below its slip p99: its summaries are INVALID
            masters.add(master(dir.resolve(ClusterTail.NODES_DIR), i, 3, i == 1 ? 1_000 : 100_000, rnd));
        }
        try (ClusterTail cluster = new ClusterTail(options(dir, 100_000), List.of(NODES), new PrintWriter(new StringWriter()),
                Clock.systemUTC())) {
            deliver(cluster, masters, rnd);
            TailState s = TailStateJson.read(dir.resolve(TailSampler.STATE_FILE));
            for (TailState.Summary summary : List.of(s.window(), s.total())) {
                assertFalse(summary.valid(), summary.toString());
                assertEquals(List.of("master " + NODES[1] + ": p99 schedule slip"),
                        summary.flaws().stream().map(f -> f.replaceAll(" [0-9.]+ us above.*", "")).toList());
            }

            cluster.failed(0, "java.io.IOException: gone");
            TailState failed = TailStateJson.read(dir.resolve(TailSampler.STATE_FILE));
            assertTrue(failed.total().flaws().contains("master " + NODES[0]
                    + ": sampler failed (java.io.IOException: gone), its data is missing"), failed.total().flaws().toString());
            assertFalse(failed.window().valid());
        }
    }
}
