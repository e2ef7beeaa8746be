package dev.tailgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.HiccupTrial;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinningRecord;
import dev.tailgate.bench.support.PinningRecords;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import redis.clients.jedis.Jedis;

/**
 * The mix benchmarks under real JMH, as the harness runs them (in-process Runner, one fork,
 * settings as the fork's system properties): two threads x two connections, pipelined, with one
 * client CPU planned so the second thread is an overload. Checks wiring, not speed.
 */
class MixBenchmarksJmhTest {
    @TempDir
    Path pinDir;

    @TempDir
    Path histDir;

    @Test
    void bothMixBenchmarksWriteTheirPerCommandLogsAndStateTheOverload() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        try (RedisServer redis = RedisFixture.start("stock")) {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include(RawRespMixBenchmark.class.getName() + "|" + JedisMixBenchmark.class.getName())
                    .param("mix", "GET:3,SET:1,PING:1")
                    .param("connections", "2")
                    .param("pipeline", "2")
                    .threads(2)
                    .forks(1)
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(300))
                    .timeout(TimeValue.seconds(60))
                    .jvmArgsAppend("-D" + BenchConfig.PORT + "=" + redis.port(), "-D" + BenchConfig.PIN + "=false",
                            "-D" + BenchConfig.CPU_CLIENTS + "=1", "-D" + BenchConfig.PINNING_DIR + "=" + pinDir,
                            "-D" + HiccupTrial.HISTOGRAMS_DIR + "=" + histDir)
                    .shouldFailOnError(true)
                    .build()).run();
            assertEquals(2, results.size());
            results.forEach(r -> assertTrue(r.getPrimaryResult().getSampleCount() > 10, r.getParams().getBenchmark()));
            try (Jedis obs = new Jedis("127.0.0.1", redis.port())) {
                assertEquals(0, obs.dbSize(), "every benchmark key is gone after teardown");
            }
        }
        for (String cls : List.of("RawRespMixBenchmark", "JedisMixBenchmark")) {
            Path log = histDir.resolve(cls + "-connections=2-keys=uniform-keyspace=1000-mix=GET:3,SET:1,PING:1"
                    + "-pipeline=2-values=64-fork1.hlog");
            Map<String, Long> byTag = new TreeMap<>();
            HistogramLogReader reader = new HistogramLogReader(log.toFile());
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null) {
                byTag.merge(e.getTag(), ((Histogram) e).getTotalCount(), Long::sum);
            }
            assertEquals(List.of("GET", "PING", "SET", HlogOutput.RESPONSE), List.copyOf(byTag.keySet()), cls);
            assertEquals(byTag.get(HlogOutput.RESPONSE), byTag.get("GET") + byTag.get("SET") + byTag.get("PING"), cls);
            assertTrue(byTag.get(HlogOutput.RESPONSE) > 100, cls + ": " + byTag);
            assertTrue(Files.readString(log).contains("OVERLOAD: 2 client threads on 1 client CPU(s) [1]"), cls);
        }
        List<PinningRecord> clients = PinningRecords.readAll(pinDir).stream()
                .filter(r -> r.role() == PinRole.CLIENT).toList();
        assertEquals(4, clients.size(), clients.toString());
        assertEquals(2, clients.stream().filter(r -> r.reason().startsWith("OVERLOAD")).count(), clients.toString());
    }
}
