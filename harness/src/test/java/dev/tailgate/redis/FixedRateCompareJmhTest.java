package dev.tailgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.compare.CheckResult;
import dev.tailgate.compare.Classification;
import dev.tailgate.compare.ComparedStatistic;
import dev.tailgate.compare.StatisticSource;
import dev.tailgate.compareservice.CompareService;
import dev.tailgate.ingest.HlogReader;
import dev.tailgate.store.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * compare on the .hlog files of a real fixed-rate run: RawRespFixedRateBenchmark run by JMH
 * against a real Redis with 2 forks of 1 s at 2,000 req/s, so the run directory holds
 * {@code -fork1.hlog} and {@code -fork2.hlog} as the benchmarks write them. Compared with a copy
 * of itself: every check must come from the response tag with the two logs as two forks, and
 * with 2 forks (fewer than the 3 a decision needs) nothing may be claimed.
 */
class FixedRateCompareJmhTest {
    static final String STEM = "RawRespFixedRateBenchmark-command=PING-rate=2000-seconds=1";

    @Test
    void eachHlogOfARealRunIsOneForkOfTheComparison(@TempDir Path tmp) throws Exception {
        Path runDir = tmp.resolve("run");
        Files.createDirectories(runDir);
        System.setProperty("jmh.ignoreLock", "true");
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            new Runner(new OptionsBuilder()
                    .include("RawRespFixedRateBenchmark")
                    .param("rate", "2000").param("seconds", "1").param("command", "PING")
                    .warmupIterations(0).measurementIterations(1).forks(2)
                    .jvmArgsAppend("-Dtailgate.redis.port=" + redis.target().port(),
                            "-Dtailgate.histograms.dir=" + runDir.resolve("histograms"), "-Dtailgate.pin=false",
                            "-Dtailgate.keyPrefix=tailgate:test:")
                    .resultFormat(ResultFormatType.JSON).result(runDir.resolve("jmh.json").toString())
                    .build()).run();
        }
        Path fork1 = runDir.resolve("histograms/" + STEM + "-fork1.hlog");
        Path fork2 = runDir.resolve("histograms/" + STEM + "-fork2.hlog");
        long samples = 0;
        for (Path f : List.of(fork1, fork2)) {
            List<org.HdrHistogram.Histogram> its = HlogReader.intervals(f, "response");
            assertEquals(1, its.size(), f + ": one measurement iteration, one interval");
            samples += its.get(0).getTotalCount();
        }
        Path copy = tmp.resolve("copy");
        Trees.copy(runDir, copy);

        CompareService.Outcome o = CompareService.compare(new CompareService.Request(runDir.toString(), copy.toString(),
                Optional.empty(), 3, true, false, Set.of(), Optional.of(tmp.resolve("out")), tmp));
        List<CheckResult> checks = o.comparison().checks();
        assertTrue(checks.stream().anyMatch(c -> c.statistic() == ComparedStatistic.P50), checks.toString());
        for (CheckResult c : checks) {
            assertEquals(StatisticSource.FIXED_RATE_RESPONSE, c.source(), c.toString());
            assertEquals(2, c.baseline().forks(), c.toString());
            assertEquals(2, c.candidate().forks(), c.toString());
            assertEquals(samples, c.baseline().samples(), c.toString());
            assertEquals(Classification.INCONCLUSIVE, c.classification(), c.reason());
            assertTrue(c.reason().contains("2 forks in the baseline; at least 3 per arm are needed"), c.reason());
        }
        CheckResult p50 = checks.stream().filter(c -> c.statistic() == ComparedStatistic.P50).findFirst().orElseThrow();
        long hlogP50 = HlogReader.mergeByTag(List.of(fork1, fork2)).get("response").getValueAtPercentile(50);
        assertEquals(hlogP50, p50.baselineValue(), 0, "p50 of both forks' response histograms merged");
        assertTrue(o.comparison().checks().stream().noneMatch(CheckResult::failsGate), "never a REGRESSION");
        assertEquals(!o.comparison().notShown().isEmpty(), o.comparison().failed(),
                "only checks not shown fail it (regression: inconclusive: fail, the default)");
        assertTrue(o.comparison().notes().stream().anyMatch(n -> n.contains("2 fork(s) from histograms/" + STEM + "-fork1.hlog +1 more")),
                o.comparison().notes().toString());
    }
}
