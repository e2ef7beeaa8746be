package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.ingest.HlogReader;
import dev.tailgate.ingest.JmhJsonReader;
import dev.tailgate.ingest.OpenLoopHistograms;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distributed run made for real on this machine: N {@code tailgate run --shard i/N} against one
 * redis-server started by the product's launcher, then {@code tailgate merge}. The merged run's
 * histograms must equal the ones computed here, independently, from every shard's raw data: the
 * JMH sample counts of each fork and iteration, and the fixed-rate benchmark's .hlog intervals.
 */
class ShardedRunIT {

    @BeforeAll
    static void setUp() {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        // the JMH lock guards measurement quality against a concurrent JMH, not correctness
        System.setProperty("jmh.ignoreLock", "true");
    }

    private static List<Path> shards(Path results, EmbeddedRedis redis, int n, String distributed, String... settings)
            throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            List<String> args = new ArrayList<>(List.of("run", "--results", results.toString(), "--run-id",
                    distributed + "-" + i, "--target", "redis://127.0.0.1:" + redis.target().port(), "--no-pin",
                    "--shard", i + "/" + n, "--shard-run", distributed));
            args.addAll(List.of(settings));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCode.OK, r.code(), r.toString());
            Path dir = results.resolve(distributed + "-" + i);
            JsonNode m = JsonFiles.json().readTree(dir.resolve("manifest.json").toFile());
            assertEquals(i, m.path("distributed").path("shard").asInt(), m.toString());
            assertTrue(m.path("jmh").path("jvmArgsAppend").toString().contains("-Dtailgate.shard=" + i + "/" + n));
            dirs.add(dir);
        }
        return dirs;
    }

    private static Run merge(List<Path> shards, Path out) {
        List<String> args = new ArrayList<>(List.of("merge", "--out", out.toString()));
        shards.forEach(s -> args.add(s.toString()));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(ExitCode.OK, r.code(), r.toString());
        Run run = RunLoader.load(RunLoader.locate(out));
        assertEquals(RunStatus.COMPLETE, run.status());
        return run;
    }

    @Test
    void closedLoopShardsMergeToTheSumOfTheirSampleCounts(@TempDir Path tmp) throws IOException {
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            List<Path> shards = shards(tmp.resolve("results"), redis, 3, "get3", "--suite", "smoke", "--include",
                    "RawRespGet", "--forks", "1", "--warmup-iterations", "0", "--iterations", "2", "--time", "200ms");
            Run merged = merge(shards, tmp.resolve("results/get3-merged"));
            List<List<BenchmarkResult>> perShard = new ArrayList<>();
            for (Path s : shards) {
                perShard.add(JmhJsonReader.read(s.resolve("jmh.json")));
            }
            assertFalse(merged.results().isEmpty());
            for (BenchmarkResult r : merged.results()) {
                for (int k = 0; k < 2; k++) {
                    List<IterationHistogram> parts = new ArrayList<>();
                    for (List<BenchmarkResult> shard : perShard) {
                        BenchmarkResult mine = shard.stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow();
                        parts.add(mine.histograms().get(0).get(k));
                    }
                    assertEquals(IterationHistogram.merge(parts), r.histograms().get(0).get(k), r.id() + " iteration " + k);
                }
            }
        }
    }

    /**
     * The bundled tails suite's shape (both rates, one SingleShot schedule per fork, no warm-up)
     * with a 2 s schedule instead of 10 s. The merge is checked interval by interval and at each
     * percentile, not on how long a schedule lasted: each shard's half of the rate still logs
     * about 1,000 and 10,000 responses, and the four schedules take 8 s instead of 40.
     */
    private static Path shortTails(Path tmp) throws IOException {
        return Files.writeString(tmp.resolve("tails-2s.yaml"), String.join("\n", "schema: 1",
                "description: the tails suite with a 2 s schedule", "benchmarks:", "  include:",
                "    - 'dev\\.tailgate\\.bench\\.openloop\\..*FixedRateBenchmark.*'", "params:", "  rate: [1000, 10000]",
                "  seconds: [2]", "forks: 1", "warmup:", "  iterations: 0", "  time: 1s", "measurement:", "  iterations: 1",
                "  time: 1s", "mode: ss", ""));
    }

    @Test
    void fixedRateShardsMergeToTheTailOfAllTheirSamples(@TempDir Path tmp) throws IOException {
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            List<Path> shards = shards(tmp.resolve("results"), redis, 2, "tails2", "--suite", shortTails(tmp).toString(),
                    "--include", "RawRespFixedRateBenchmark", "--forks", "1");
            Run merged = merge(shards, tmp.resolve("results/tails2-merged"));
            assertFalse(merged.tails().isEmpty());
            List<String> logs;
            try (Stream<Path> s = Files.list(shards.get(0).resolve("histograms"))) {
                logs = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith("-fork1.hlog")).sorted().toList();
            }
            assertFalse(logs.isEmpty());
            for (String log : logs) {
                Histogram all = new Histogram(3);
                for (Path shard : shards) {
                    HlogReader.intervals(shard.resolve("histograms").resolve(log), "response").forEach(all::add);
                }
                Histogram mergedLog = new Histogram(3);
                HlogReader.intervals(tmp.resolve("results/tails2-merged/histograms").resolve(log), "response")
                        .forEach(mergedLog::add);
                assertTrue(all.getTotalCount() > 0, log);
                assertEquals(OpenLoopHistograms.toIterationHistogram(all), OpenLoopHistograms.toIterationHistogram(mergedLog), log);
                for (double p : new double[] {50, 90, 99, 99.9, 100}) {
                    assertEquals(all.getValueAtPercentile(p), mergedLog.getValueAtPercentile(p), log + " p" + p);
                }
            }
            for (Path shard : shards) {
                String comment = Files.readString(shard.resolve("histograms").resolve(logs.get(0)));
                assertTrue(comment.contains("(shard "), "the log says the sender ran a shard's part of the rate");
            }
        }
    }
}
