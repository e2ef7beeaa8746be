package dev.tailgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.openloop.LatencyRecorders;
import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.Mode;
import dev.tailgate.model.TailHistogram;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File names to JMH results, forks in subdirectories merged by adding counts. */
class OpenLoopHistogramsTest {
    static final BenchmarkId RAW = BenchmarkId.of("dev.tailgate.bench.openloop.RawRespFixedRateBenchmark.fixedRate",
            Map.of("command", "GET", "rate", "1000", "seconds", "10"));
    static final BenchmarkId OTHER_RATE = BenchmarkId.of(RAW.benchmark(), Map.of("command", "GET", "rate", "50000", "seconds", "10"));

    static BenchmarkResult result(BenchmarkId id) {
        return new BenchmarkResult(id, Mode.SINGLE_SHOT, 1, "s/op", 10, List.of(List.of(10.0)), List.of(), Map.of(), Map.of());
    }

    static void log(Path dir, String stem, long value, int count) throws Exception {
        try (HlogOutput out = HlogOutput.create(dir, stem, "test")) {
            Histogram h = LatencyRecorders.newHistogram();
            h.recordValueWithCount(value, count);
            h.setStartTimeStamp(1000);
            h.setEndTimeStamp(2000);
            out.write(HlogOutput.RESPONSE, h);
        }
    }

    /** One interval per tag, {@code count} values of 10 us each, as a mix benchmark's log holds them. */
    static void logTags(Path dir, String stem, Map<String, Integer> counts) throws Exception {
        try (HlogOutput out = HlogOutput.create(dir, stem, "t")) {
            for (Map.Entry<String, Integer> tag : new java.util.TreeMap<>(counts).entrySet()) {
                Histogram h = LatencyRecorders.newHistogram();
                h.recordValueWithCount(10_000, tag.getValue());
                h.setStartTimeStamp(1000);
                h.setEndTimeStamp(2000);
                out.write(tag.getKey(), h);
            }
        }
    }

    @Test
    void parsesTheBenchmarksFileNames() {
        var n = OpenLoopHistograms.parse("RawRespFixedRateBenchmark-command=GET-rate=1000-seconds=10-fork12.hlog").orElseThrow();
        assertEquals("RawRespFixedRateBenchmark", n.simpleClass());
        assertEquals(Map.of("command", "GET", "rate", "1000", "seconds", "10"), n.params());
        assertEquals(Map.of("key", "a-b"), OpenLoopHistograms.parse("X-key=a-b-fork1.hlog").orElseThrow().params());
        assertTrue(OpenLoopHistograms.parse("tail-sample.hlog").isEmpty());
        var mix = OpenLoopHistograms.parse("RawRespMixBenchmark-connections=50-keys=zipf:0.99-keyspace=1000"
                + "-mix=GET:10,SET:1-pipeline=1-values=uniform:16-4096-fork1.hlog").orElseThrow();
        assertEquals("RawRespMixBenchmark", mix.simpleClass());
        assertEquals(Map.of("connections", "50", "keys", "zipf:0.99", "keyspace", "1000", "mix", "GET:10,SET:1",
                "pipeline", "1", "values", "uniform:16-4096"), mix.params());
    }

    @Test
    void aMixBenchmarkKeepsItsPerCommandHistogramsBesideTheMix(@TempDir Path run) throws Exception {
        BenchmarkId mix = BenchmarkId.of("dev.tailgate.bench.load.RawRespMixBenchmark.mix", Map.of("connections", "2",
                "keys", "uniform", "keyspace", "1000", "mix", "GET:3,SET:1", "pipeline", "1", "values", "64"));
        logTags(run.resolve("histograms"),
                "RawRespMixBenchmark-connections=2-keys=uniform-keyspace=1000-mix=GET:3,SET:1-pipeline=1-values=64",
                Map.of(HlogOutput.RESPONSE, 100, "GET", 75, "SET", 25));
        TailHistogram t = OpenLoopHistograms.find(run, List.of(result(mix))).get(mix);
        assertEquals(List.of("GET", "SET", "response"), List.copyOf(t.byTag().keySet()));
        assertEquals(100, t.byTag().get("response").totalCount());
        assertEquals(75, t.byTag().get("GET").totalCount());
    }

    /**
     * The fixed-rate mix's log (name as RawRespFixedRateMixBenchmark writes it, FixedRateMixJmhTest)
     * gives its result the mix's tags and one per command, so {@code histogram: GET} has a histogram.
     */
    @Test
    void theFixedRateMixKeepsItsPerCommandHistogramsBesideTheMix(@TempDir Path run) throws Exception {
        BenchmarkId mix = BenchmarkId.of("dev.tailgate.bench.openloop.RawRespFixedRateMixBenchmark.fixedRate",
                Map.of("connections", "3", "keys", "uniform", "keyspace", "1000", "mix", "GET:3,SET:1", "pipeline", "2",
                        "rate", "2000", "seconds", "2", "values", "64"));
        logTags(run.resolve("histograms/fork1"), "RawRespFixedRateMixBenchmark"
                + "-connections=3-keys=uniform-keyspace=1000-mix=GET:3,SET:1-pipeline=2-rate=2000-seconds=2-values=64",
                Map.of(HlogOutput.RESPONSE, 4_000, HlogOutput.SERVICE, 4_000, HlogOutput.SLIP, 4_000, "GET", 3_000,
                        "SET", 1_000, HlogOutput.HICCUP, 4_000));
        TailHistogram t = OpenLoopHistograms.find(run, List.of(result(mix))).get(mix);
        assertTrue(t != null, "the fixed-rate mix's log matches its result");
        assertEquals(4_000, t.byTag().get(HlogOutput.RESPONSE).totalCount());
        assertEquals(3_000, t.byTag().get("GET").totalCount());
        assertEquals(1_000, t.byTag().get("SET").totalCount());
    }

    @Test
    void forksInSubdirectoriesAreMergedAndOtherLogsIgnored(@TempDir Path run) throws Exception {
        String stem = "RawRespFixedRateBenchmark-command=GET-rate=1000-seconds=10";
        log(run.resolve("histograms/fork1"), stem, 20_000, 900);
        log(run.resolve("histograms/fork2"), stem, 40_000, 100);
        log(run.resolve("histograms"), "tail-sample", 1, 5);
        log(run.resolve("histograms"), "RawRespFixedRateBenchmark-command=GET-rate=2000-seconds=10", 1, 5);
        Map<BenchmarkId, TailHistogram> found = OpenLoopHistograms.find(run, List.of(result(RAW), result(OTHER_RATE)));
        assertEquals(List.of(RAW), List.copyOf(found.keySet()));
        TailHistogram t = found.get(RAW);
        assertEquals(2, t.forks());
        IterationHistogram h = t.byTag().get("response");
        assertEquals(1000, h.totalCount());
        assertEquals(2, h.size());
        assertEquals(900, h.count(0));
        assertTrue(Math.abs(h.value(1) - 40_000) <= 40, "bucket of 40 us: " + h.value(1));
        assertEquals("histograms/fork1/" + stem + "-fork1.hlog +1 more", t.source());
    }
}
