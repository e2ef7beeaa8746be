package dev.tailgate.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tailgate.gate.PercentileInterval;
import dev.tailgate.ingest.HlogReader;
import dev.tailgate.ingest.OpenLoopHistograms;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import dev.tailgate.store.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge's defining property: samples split in any way across any number of shards, merged,
 * give exactly the histograms of all the samples together, per fork and iteration and over the
 * whole run: every count, hence every percentile, for JMH's sample-mode histograms and for the
 * fixed-rate benchmarks' HdrHistogram logs alike.
 */
class MergePropertyTest {
    private static final double[] QUANTILES = {0.0, 0.5, 0.9, 0.99, 0.999, 0.9999, 1.0};

    @TempDir
    Path tmp;

    @Test
    void mergedHistogramsEqualTheHistogramOfAllSamples() throws Exception {
        for (int trial = 0; trial < 20; trial++) {
            long seed = 0x5EEDL * 31 + trial;
            check(seed, tmp.resolve("trial-" + trial));
        }
    }

    private static void check(long seed, Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(8);
        int forks = 1 + rnd.nextInt(3);
        int iterations = 1 + rnd.nextInt(4);
        String what = "seed " + seed + ", " + n + " shards, " + forks + " forks x " + iterations + " iterations";
        long[][][] all = new long[forks][iterations][];
        long[][][][] byShard = new long[n][forks][iterations][];
        Histogram[][] hlogAll = new Histogram[forks][iterations];
        Histogram[][][] hlogByShard = new Histogram[n][forks][iterations];
        for (int f = 0; f < forks; f++) {
            for (int k = 0; k < iterations; k++) {
                all[f][k] = samples(rnd, n + rnd.nextInt(3000));
                split(rnd, all[f][k], n, byShard, f, k);
                long[] open = samples(rnd, n + rnd.nextInt(3000));
                hlogAll[f][k] = histogram(open);
                long[][][][] parts = new long[n][forks][iterations][];
                split(rnd, open, n, parts, f, k);
                for (int s = 0; s < n; s++) {
                    hlogByShard[s][f][k] = histogram(parts[s][f][k]);
                }
            }
        }
        List<Path> shards = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            Path shard = dir.resolve("shard-" + (s + 1));
            ArrayNode jmh = JsonNodeFactory.instance.arrayNode();
            jmh.add(ShardRuns.sampleResult(ShardRuns.SAMPLE, Map.of("valueBytes", "16"), byShard[s]));
            jmh.add(ShardRuns.fixedRateResult(forks, 1000));
            ShardRuns.write(shard, ShardRuns.manifest("run-" + s, "nightly-prop", s + 1, n, Manifest.Status.COMPLETE), jmh);
            for (int f = 0; f < forks; f++) {
                ShardRuns.writeHlog(shard, f + 1, List.of(hlogByShard[s][f]));
            }
            shards.add(shard);
        }
        Collections.shuffle(shards, new Random(seed));
        Path out = dir.resolve("merged");
        RunMerger.merge(shards, out, List.of("tailgate", "merge"), Instant.parse("2026-01-01T01:00:00Z"));

        Run run = RunLoader.load(RunLoader.locate(out));
        assertEquals(RunStatus.COMPLETE, run.status(), what);
        BenchmarkResult sample = result(run, ShardRuns.SAMPLE);
        List<IterationHistogram> every = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            for (int k = 0; k < iterations; k++) {
                IterationHistogram expected = of(all[f][k]);
                assertEquals(expected, sample.histograms().get(f).get(k), what + ": fork " + f + " iteration " + k);
                every.add(expected);
            }
        }
        IterationHistogram whole = IterationHistogram.merge(every);
        assertEquals(whole, sample.mergedHistogram(), what);
        assertEquals(whole.totalCount(), sample.mergedHistogram().totalCount(), what);
        assertArrayEquals(PercentileInterval.estimates(whole, QUANTILES),
                PercentileInterval.estimates(sample.mergedHistogram(), QUANTILES), what);
        assertEquals(whole.mean(), sample.score(), Math.abs(whole.mean()) * 1e-12, what + ": score is the merged mean");
        checkTails(run, out, hlogAll, n, what);
    }

    private static void checkTails(Run run, Path out, Histogram[][] hlogAll, int n, String what) throws Exception {
        BenchmarkResult fixed = result(run, ShardRuns.FIXED);
        Histogram whole = new Histogram(3);
        for (Histogram[] fork : hlogAll) {
            for (Histogram h : fork) {
                whole.add(h);
            }
        }
        IterationHistogram merged = run.tails().get(fixed.id()).byTag().get("response");
        assertEquals(OpenLoopHistograms.toIterationHistogram(whole), merged, what + ": .hlog tail");
        assertEquals(whole.getTotalCount(), merged.totalCount(), what);
        assertArrayEquals(PercentileInterval.estimates(OpenLoopHistograms.toIterationHistogram(whole), QUANTILES),
                PercentileInterval.estimates(merged, QUANTILES), what);
        List<Path> logs;
        try (Stream<Path> s = Files.list(out.resolve("histograms"))) {
            logs = s.sorted().toList();
        }
        assertEquals(hlogAll.length, logs.size(), what + ": one merged log per fork");
        for (int f = 0; f < hlogAll.length; f++) {
            List<Histogram> intervals = HlogReader.intervals(logs.get(f), "response");
            for (int k = 0; k < hlogAll[f].length; k++) {
                assertEquals(OpenLoopHistograms.toIterationHistogram(hlogAll[f][k]),
                        OpenLoopHistograms.toIterationHistogram(intervals.get(k)), what + ": fork " + f + " interval " + k);
            }
        }
        for (List<Double> fork : fixed.secondaryMetrics().get("completedRequests").rawData()) {
            assertEquals(List.of(1000.0 * n), fork, what + ": completed requests add up");
        }
    }

    private static BenchmarkResult result(Run run, String benchmark) {
        return run.results().stream().filter(r -> r.id().benchmark().equals(benchmark)).findFirst().orElseThrow();
    }

    /** Latencies with a body around 20 µs and a heavy tail to tens of ms, on an 8 ns timer grid. */
    private static long[] samples(SplittableRandom rnd, int count) {
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            double median = rnd.nextDouble() < 0.99 ? 20_000 : 500_000;
            double sigma = rnd.nextDouble() < 0.99 ? 0.2 : 1.5;
            v[i] = 8 * Math.max(1, Math.round(median * Math.exp(sigma * gaussian(rnd)) / 8));
        }
        return v;
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** Every shard gets at least one sample (JMH never writes an empty iteration), the rest by random weights. */
    private static void split(SplittableRandom rnd, long[] values, int n, long[][][][] into, int f, int k) {
        double[] weights = new double[n];
        double sum = 0;
        for (int s = 0; s < n; s++) {
            weights[s] = rnd.nextDouble() + (rnd.nextInt(4) == 0 ? 5 : 0);
            sum += weights[s];
        }
        List<List<Long>> parts = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            parts.add(new ArrayList<>(List.of(values[s])));
        }
        for (int i = n; i < values.length; i++) {
            double x = rnd.nextDouble() * sum;
            int s = 0;
            while (s < n - 1 && x >= weights[s]) {
                x -= weights[s];
                s++;
            }
            parts.get(s).add(values[i]);
        }
        for (int s = 0; s < n; s++) {
            into[s][f][k] = parts.get(s).stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static IterationHistogram of(long[] values) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        for (long v : values) {
            counts.merge((double) v, 1L, Long::sum);
        }
        return new IterationHistogram(counts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                counts.values().stream().mapToLong(Long::longValue).toArray());
    }

    private static Histogram histogram(long[] values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

}
