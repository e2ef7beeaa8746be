package dev.tailgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.gate.GateService;
import dev.tailgate.ingest.HlogReader;
import dev.tailgate.model.Check;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Statistic;
import dev.tailgate.model.Verdict;
import dev.tailgate.redis.telemetry.Telemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * A real run directory, gated: RawRespFixedRateBenchmark run by JMH (1 fork, 2,000 req/s, 2 s)
 * against a real Redis, its .hlog in {@code histograms/fork1/} as {@code tailgate ab} lays it
 * out, telemetry captured around it into {@code redis-diff.json}. The percentile checks must be
 * judged on the merged response histogram (every completed request, not JMH's single-shot
 * score), the generator's validity must decide whether they may pass or fail, and the counter
 * limits must be judged from the diff.
 */
class FixedRateGateJmhTest {
    static final String LOG = "histograms/fork1/RawRespFixedRateBenchmark-command=PING-rate=2000-seconds=2-fork1.hlog";

    @Test
    void gatesTheResponseHistogramOfARealFixedRateRun(@TempDir Path tmp) throws Exception {
        Path runDir = tmp.resolve("run");
        Files.createDirectories(runDir);
        Collection<RunResult> results;
        System.setProperty("jmh.ignoreLock", "true");
        try (EmbeddedRedis redis = TestRedis.start("stock");
             Telemetry telemetry = Telemetry.connect(redis.target(), Credentials.none(), Duration.ofSeconds(5))) {
            telemetry.beforeRun(runDir, Instant.now());
            results = new Runner(new OptionsBuilder()
                    .include("RawRespFixedRateBenchmark")
                    .param("rate", "2000").param("seconds", "2").param("command", "PING")
                    .warmupIterations(0).measurementIterations(1).forks(1)
                    .jvmArgsAppend("-Dtailgate.redis.port=" + redis.target().port(),
                            "-Dtailgate.histograms.dir=" + runDir.resolve("histograms/fork1"), "-Dtailgate.pin=false",
                            "-Dtailgate.keyPrefix=tailgate:test:")
                    .resultFormat(ResultFormatType.JSON).result(runDir.resolve("jmh.json").toString())
                    .build()).run();
            telemetry.afterRun(runDir, Instant.now());
        }
        Map<String, Result> secondary = results.iterator().next().getAggregatedResult().getSecondaryResults();
        boolean generatorValid = secondary.get("valid").getScore() == 1.0;
        long completed = (long) secondary.get("completedRequests").getScore();

        Path thresholds = tmp.resolve("fixed-rate.yaml");
        Files.writeString(thresholds, """
                schema: 1
                policy: { minTailSamples: 1000 }
                rules:
                  - id: fixed-rate
                    match: "*FixedRateBenchmark.*"
                    limits:
                      p50: 1 ns
                      p99: 10 s
                redis:
                  evicted_keys: 0
                  rejected_connections: 0
                """);
        // JMH ran here directly, not through tailgate run: say the run completed, as run's manifest would
        Files.writeString(runDir.resolve("manifest.json"), "{\"status\": \"COMPLETE\"}");
        Verdict v = GateService.gate(runDir, thresholds, LocalDate.of(2026, 11, 26)).verdict();
        assertEquals(4, v.checks().size(), v.checks().toString());
        Check p50 = v.checks().get(0);
        Check p99 = v.checks().get(1);
        assertEquals(Statistic.P50, p50.statistic());
        for (Check c : List.of(p50, p99)) {
            assertEquals(completed, c.samples(), c.reason());
            assertTrue(c.reason().contains("response histogram of " + LOG), c.reason());
        }
        Histogram response = HlogReader.read(runDir.resolve(LOG)).tag("response").orElseThrow();
        assertEquals(completed, response.getTotalCount());
        assertTrue(p50.observed() >= response.getValueAtPercentile(49.9) && p50.observed() <= response.getValueAtPercentile(50.1),
                p50.observed() + " vs " + response.getValueAtPercentile(50));
        if (generatorValid) {
            assertEquals(Outcome.FAIL, p50.outcome(), p50.reason());
            assertEquals(Outcome.PASS, p99.outcome(), p99.reason());
        } else {
            // a shared 2-core machine may hold the sender up: then nothing may pass or fail
            for (Check c : List.of(p50, p99)) {
                assertEquals(Outcome.INCONCLUSIVE, c.outcome(), c.reason());
                assertTrue(c.reason().contains("generator fell behind in fork 1"), c.reason());
            }
        }
        for (Check c : v.checks().subList(2, 4)) {
            assertEquals(Outcome.PASS, c.outcome(), c.reason());
            assertTrue(c.reason().contains("redis-diff.json"), c.reason());
        }
    }
}
