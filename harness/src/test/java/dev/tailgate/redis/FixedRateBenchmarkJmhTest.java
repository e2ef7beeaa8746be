package dev.tailgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.ingest.HlogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The raw RESP fixed-rate benchmark run by JMH for real (1 fork, 1 s): its secondary metrics
 * reach the JSON, and its interval log holds the four tagged streams, readable by HdrHistogram's
 * reader, with as many response samples as the metrics say completed.
 */
class FixedRateBenchmarkJmhTest {

    @Test
    void percentilesGoToJmhJsonAndHistogramsToAnIntervalLog(@TempDir Path tmp) throws Exception {
        Path hlogDir = tmp.resolve("histograms");
        Path json = tmp.resolve("jmh.json");
        Collection<RunResult> results;
        // JMH refuses to start while another JMH holds /tmp/jmh.lock (other suites on a shared
        // machine). This test checks plumbing, not speed, so it may run beside them.
        System.setProperty("jmh.ignoreLock", "true");
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            results = new Runner(new OptionsBuilder()
                    .include("RawRespFixedRateBenchmark")
                    .param("rate", "1000").param("seconds", "1").param("command", "GET")
                    .warmupIterations(0).measurementIterations(1).forks(1)
                    .jvmArgsAppend("-Dtailgate.redis.port=" + redis.target().port(),
                            "-Dtailgate.histograms.dir=" + hlogDir, "-Dtailgate.pin=false",
                            "-Dtailgate.keyPrefix=tailgate:test:")
                    .resultFormat(ResultFormatType.JSON).result(json.toString())
                    .build()).run();
        }
        assertEquals(1, results.size());
        Map<String, Result> secondary = results.iterator().next().getAggregatedResult().getSecondaryResults();
        for (String m : List.of("responseP99Micros", "responseP999Micros", "serviceP99Micros", "slipP99Micros",
                "achievedRatePerSecond", "valid", "hiccupMaxMicros")) {
            assertTrue(secondary.containsKey(m), "missing secondary metric " + m + " in " + secondary.keySet());
        }
        assertTrue(Files.readString(json).contains("\"responseP99Micros\""));
        double completed = secondary.get("completedRequests").getScore();
        assertTrue(completed > 900 && completed <= 1000, "completed " + completed);

        List<Path> logs;
        try (Stream<Path> s = Files.list(hlogDir)) {
            logs = s.toList();
        }
        assertEquals(List.of("RawRespFixedRateBenchmark-command=GET-rate=1000-seconds=1-fork1.hlog"),
                logs.stream().map(p -> p.getFileName().toString()).toList());
        HlogReader.HlogFile log = HlogReader.read(logs.get(0));
        assertEquals(List.of("hiccup", "response", "service", "slip"), List.copyOf(log.byTag().keySet()));
        Histogram response = log.tag("response").orElseThrow();
        assertEquals((long) completed, response.getTotalCount());
        assertEquals(secondary.get("responseP99Micros").getScore(), response.getValueAtPercentile(99) / 1e3, 1e-6);
    }
}
