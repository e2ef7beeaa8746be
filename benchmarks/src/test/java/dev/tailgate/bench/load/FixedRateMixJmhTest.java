package dev.tailgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.openloop.JedisFixedRateMixBenchmark;
import dev.tailgate.bench.openloop.LettuceFixedRateMixBenchmark;
import dev.tailgate.bench.openloop.RawRespFixedRateMixBenchmark;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.HiccupTrial;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import redis.clients.jedis.Jedis;

/**
 * The fixed-rate mixes (raw RESP, Jedis, Lettuce) under real JMH against a real redis-server (the
 * project's fixture), as the harness runs them (in-process Runner, one fork, settings as the
 * fork's system properties): three connections, batches of two, GET:3,SET:1,PING:1 at 2,000
 * commands/s for 2 s. Each interval log has the mix's tags and one per command; the per-command
 * counts add up to the mix's, which is what JMH's metrics say completed; Redis counted as many
 * GETs as the GET tag holds; the achieved rate is near the asked one; nothing is left in Redis.
 */
class FixedRateMixJmhTest {
    private static final long RATE = 2_000;
    private static final int SECONDS = 2;

    @TempDir
    Path histDir;

    @ParameterizedTest
    @ValueSource(classes = {RawRespFixedRateMixBenchmark.class, JedisFixedRateMixBenchmark.class,
            LettuceFixedRateMixBenchmark.class})
    void perCommandTagsAddUpToTheMixAtTheAskedRate(Class<?> benchmark) throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> results;
        long redisGets;
        try (RedisServer redis = RedisFixture.start("stock")) {
            results = run(benchmark, redis, new OptionsBuilder()
                    .param("rate", Long.toString(RATE))
                    .param("seconds", Integer.toString(SECONDS))
                    .param("mix", "GET:3,SET:1,PING:1")
                    .param("connections", "3")
                    .param("pipeline", "2"), "-D" + BenchConfig.KEY_TTL_MILLIS + "=600000");
            try (Jedis obs = new Jedis("127.0.0.1", redis.port())) {
                redisGets = LoadShapeRedisTest.commandCalls(obs).getOrDefault("GET", 0L);
                assertEquals(0, obs.dbSize(), "every benchmark key is gone after teardown");
            }
        }
        assertEquals(1, results.size());
        Map<String, Result> metrics = results.iterator().next().getAggregatedResult().getSecondaryResults();
        double completed = metrics.get("completedRequests").getScore();
        double achieved = metrics.get("achievedRatePerSecond").getScore();
        // The achieved rate counts completed commands over at least the nominal 2 s, so it cannot
        // exceed the asked rate; below 90% the sender fell far behind (only a host stall does that).
        assertTrue(achieved >= 0.9 * RATE && achieved <= RATE, "achieved " + achieved + " of " + RATE + "/s");

        Path log = histDir.resolve(benchmark.getSimpleName() + "-connections=3-keys=uniform-keyspace=1000"
                + "-mix=GET:3,SET:1,PING:1-pipeline=2-rate=" + RATE + "-seconds=" + SECONDS + "-values=64-fork1.hlog");
        assertTrue(Files.exists(log), "no " + log.getFileName() + " in " + List.of(histDir.toFile().list()));
        Map<String, Long> byTag = new TreeMap<>();
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        EncodableHistogram e;
        while ((e = reader.nextIntervalHistogram()) != null) {
            byTag.merge(e.getTag(), ((Histogram) e).getTotalCount(), Long::sum);
        }
        assertEquals(List.of("GET", "PING", "SET", HlogOutput.HICCUP, HlogOutput.RESPONSE, HlogOutput.SERVICE,
                HlogOutput.SLIP), List.copyOf(byTag.keySet()));
        long mix = byTag.get(HlogOutput.RESPONSE);
        assertEquals(mix, byTag.get("GET") + byTag.get("SET") + byTag.get("PING"), "per-command counts add up: " + byTag);
        assertEquals(mix, byTag.get(HlogOutput.SERVICE));
        assertEquals((long) completed, mix, "the log holds every command JMH's metrics say completed");
        assertEquals(redisGets, byTag.get("GET"), "Redis answered exactly the GETs the GET tag holds");
        // GET is 3/5 of the mix: within 5 binomial standard deviations
        double sd = Math.sqrt(mix * 0.6 * 0.4);
        assertTrue(Math.abs(byTag.get("GET") - 0.6 * mix) <= 5 * sd, "GET share of " + byTag);
    }

    /** Shard 2 of 2 of a run at 4,000 commands/s sends its part, 2,000/s; the log says so. */
    @Test
    void aShardSendsItsPartOfTheRate() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> results;
        try (RedisServer redis = RedisFixture.start("stock")) {
            results = run(RawRespFixedRateMixBenchmark.class, redis, new OptionsBuilder()
                    .param("rate", "4000")
                    .param("seconds", "1")
                    .param("connections", "2"), "-Dtailgate.shard=2/2");
        }
        Map<String, Result> metrics = results.iterator().next().getAggregatedResult().getSecondaryResults();
        double completed = metrics.get("completedRequests").getScore();
        // half of 4,000/s for 1 s; a sender descheduled at the very end may drop its last few
        assertTrue(completed > 1_800 && completed <= 2_000, "completed " + completed + " of 2,000");
        Path log = histDir.resolve("RawRespFixedRateMixBenchmark-connections=2-keys=uniform-keyspace=1000"
                + "-mix=GET:10,SET:1-pipeline=1-rate=4000-seconds=1-values=64-fork1.hlog");
        assertTrue(Files.readString(log).contains("rate=2000/s (shard 2/2 of 4000/s)"), Files.readString(log));
    }

    /**
     * Runs {@code benchmark} with {@code params} as the harness does (in-process Runner, one fork, one
     * measurement iteration, no warm-up) against {@code redis}, unpinned, its log in histDir.
     */
    private Collection<RunResult> run(Class<?> benchmark, RedisServer redis, ChainedOptionsBuilder params,
                                      String... jvmArgs)
            throws RunnerException {
        List<String> args = new ArrayList<>(List.of("-D" + BenchConfig.PORT + "=" + redis.port(),
                "-D" + BenchConfig.PIN + "=false", "-D" + HiccupTrial.HISTOGRAMS_DIR + "=" + histDir));
        args.addAll(List.of(jvmArgs));
        return new Runner(params
                .include(benchmark.getName())
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .timeout(TimeValue.seconds(60))
                .jvmArgsAppend(args.toArray(String[]::new))
                .shouldFailOnError(true)
                .build()).run();
    }
}
