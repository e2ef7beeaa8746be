package dev.tailgate.merge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.CorePlan;
import dev.tailgate.store.Manifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes shard run directories the way {@code tailgate run --shard} leaves them: manifest.json
 * (with the distributed record), jmh.json in JMH's layout (sample mode with rawDataHistogram per
 * fork and iteration; the fixed-rate benchmark in single-shot mode with its counters) and the
 * fixed-rate benchmark's .hlog per fork under histograms/.
 */
public final class ShardRuns {
    public static final String SAMPLE = "dev.tailgate.bench.redis.JedisGetBenchmark.get";
    public static final String FIXED = "dev.tailgate.bench.openloop.RawRespFixedRateBenchmark.run";
    public static final Map<String, String> FIXED_PARAMS = new TreeMap<>(Map.of("command", "PING", "rate", "1000", "seconds", "10"));
    /** 2026-01-01T00:00:00Z, where the generated logs start. */
    public static final long BASE_MILLIS = 1_767_225_600_000L;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ShardRuns() {
    }

    public static Manifest manifest(String runId, String distributed, int shard, int count, Manifest.Status status) {
        Manifest.JmhSettings jmh = new Manifest.JmhSettings(List.of(SAMPLE, FIXED), Map.of(), 2, 0, "PT1S", 3, "PT1S",
                List.of("-Dtailgate.shard=" + shard + "/" + count), "1.37");
        CorePlan plan = new CorePlan(false, "disabled", Optional.empty(), List.of(), List.of(0, 1), List.of(), List.of());
        Manifest.RedisInfo redis = new Manifest.RedisInfo("external", "redis://10.0.0.5:6379/0", "7.0.15", Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "none");
        Manifest.HostInfo host = new Manifest.HostInfo("host-" + shard, "Linux 6.1", "amd64", "17.0.9", "Eclipse Adoptium", 2);
        Instant start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(shard);
        return new Manifest(Manifest.SCHEMA, runId, "nightly", status,
                status == Manifest.Status.COMPLETE ? Optional.empty() : Optional.of("interrupted before the run finished"),
                start, Optional.of(start.plusSeconds(60)), List.of("tailgate", "run", "--shard", shard + "/" + count), jmh,
                Optional.of("abc123"), Map.of("redis.clients:jedis", "5.1.0"), redis, plan,
                new Manifest.Pinning("DISABLED", "pinning disabled", List.of()), host, Optional.empty())
                .withDistributed(Optional.of(Manifest.Distributed.shard(distributed, shard, count)));
    }

    /** One sample-mode result: {@code samples[fork][iteration]} are the sampled values (ns). */
    public static ObjectNode sampleResult(String benchmark, Map<String, String> params, long[][][] samples) {
        ObjectNode r = result(benchmark, "sample", params, samples.length);
        ObjectNode pm = r.putObject("primaryMetric");
        pm.put("score", 0.0).put("scoreUnit", "ns/op");
        ArrayNode forks = pm.putArray("rawDataHistogram");
        for (long[][] fork : samples) {
            ArrayNode f = forks.addArray();
            for (long[] iteration : fork) {
                TreeMap<Long, Long> counts = new TreeMap<>();
                for (long v : iteration) {
                    counts.merge(v, 1L, Long::sum);
                }
                ArrayNode it = f.addArray();
                counts.forEach((v, c) -> it.addArray().add((double) v).add(c));
            }
        }
        return r;
    }

    /** The fixed-rate result: one single-shot iteration per fork, with its counters. */
    public static ObjectNode fixedRateResult(int forks, long completedPerFork) {
        ObjectNode r = result(FIXED, "ss", FIXED_PARAMS, forks);
        ObjectNode pm = r.putObject("primaryMetric");
        pm.put("score", 10.0).put("scoreUnit", "s/op");
        ArrayNode raw = pm.putArray("rawData");
        for (int f = 0; f < forks; f++) {
            raw.addArray().add(10.0 + f * 0.01);
        }
        ObjectNode sec = r.putObject("secondaryMetrics");
        counter(sec, "completedRequests", forks, completedPerFork);
        counter(sec, "valid", forks, 1);
        counter(sec, "responseP99Micros", forks, 50);
        return r;
    }

    private static void counter(ObjectNode sec, String name, int forks, double v) {
        ObjectNode m = sec.putObject(name);
        m.put("score", v * forks).put("scoreUnit", "#");
        ArrayNode raw = m.putArray("rawData");
        for (int f = 0; f < forks; f++) {
            raw.addArray().add(v);
        }
    }

    private static ObjectNode result(String benchmark, String mode, Map<String, String> params, int forks) {
        ObjectNode r = F.objectNode();
        r.put("jmhVersion", "1.37").put("benchmark", benchmark).put("mode", mode).put("threads", 1).put("forks", forks);
        ObjectNode p = r.putObject("params");
        params.forEach(p::put);
        return r;
    }

    /** The fixed-rate benchmark's log of one fork: one response interval per measurement iteration, 10 s each. */
    public static void writeHlog(Path runDir, int fork, List<Histogram> intervals) throws IOException {
        StringBuilder name = new StringBuilder("RawRespFixedRateBenchmark");
        FIXED_PARAMS.forEach((k, v) -> name.append('-').append(k).append('=').append(v));
        for (int k = 0; k < intervals.size(); k++) {
            intervals.get(k).setTag("response");
            intervals.get(k).setStartTimeStamp(BASE_MILLIS + k * 10_000L);
            intervals.get(k).setEndTimeStamp(BASE_MILLIS + (k + 1) * 10_000L);
        }
        writeLog(runDir.resolve("histograms").resolve(name + "-fork" + fork + ".hlog"), intervals);
    }

    /** An interval log as HdrHistogram's writer makes it; each interval keeps its own tag and times. */
    public static void writeLog(Path file, List<Histogram> intervals) throws IOException {
        Files.createDirectories(file.getParent());
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputLogFormatVersion();
            w.outputStartTime(BASE_MILLIS);
            w.setBaseTime(BASE_MILLIS);
            w.outputLegend();
            for (Histogram h : intervals) {
                w.outputIntervalHistogram(h);
            }
        }
    }

    public static void write(Path runDir, Manifest m, ArrayNode jmh) throws IOException {
        Files.createDirectories(runDir);
        JsonFiles.writeJson(runDir.resolve("manifest.json"), m);
        JsonFiles.writeJson(runDir.resolve("jmh.json"), jmh);
    }
}
