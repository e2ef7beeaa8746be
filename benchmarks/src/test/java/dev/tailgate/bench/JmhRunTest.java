package dev.tailgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.HiccupTrial;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinningOutcome;
import dev.tailgate.bench.support.PinningRecord;
import dev.tailgate.bench.support.PinningRecords;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import redis.clients.jedis.Jedis;

/**
 * The benchmarks run under real JMH, the way the harness runs them: in-process Runner, one
 * forked JVM per benchmark, configuration passed as system properties of the fork. Tiny
 * iterations: this checks wiring (states, params, pinning records, key cleanup), not speed.
 */
class JmhRunTest {

    @TempDir
    Path pinDir;

    @TempDir
    Path histDir;

    @Test
    void tcpPingPongAndJedisGetRunPinnedAndLeaveNoKeys() throws Exception {
        // JMH refuses to start while another JMH holds its lock (other suites on a shared machine);
        // this checks wiring, not speed, so it may run beside them.
        System.setProperty("jmh.ignoreLock", "true");
        try (RedisServer redis = RedisFixture.start("stock")) {
            OptionsBuilder opts = tiny();
            opts.include("TcpPingPongBenchmark|JedisGetBenchmark")
                    .param("payloadBytes", "14")
                    .param("valueBytes", "16")
                    .jvmArgsAppend("-D" + BenchConfig.PORT + "=" + redis.port(),
                            "-D" + BenchConfig.CPU_SERVER + "=0",
                            "-D" + BenchConfig.PINNING_DIR + "=" + pinDir,
                            "-D" + HiccupTrial.HISTOGRAMS_DIR + "=" + histDir,
                            // the fork's CPU locks must not meet other JVMs' on a shared machine
                            "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
            Map<String, Long> samples = samplesBy(opts.build(), "benchmark");
            assertEquals(2, samples.size(), samples.toString());

            try (Jedis obs = new Jedis("127.0.0.1", redis.port())) {
                assertEquals(0, obs.dbSize(), "every benchmark key is gone after teardown");
            }
        }

        List<PinningRecord> records = PinningRecords.readAll(pinDir);
        // one hiccup meter per benchmark and fork, placed on the server CPU beside Redis
        assertEquals(List.of(PinRole.CLIENT, PinRole.CLIENT, PinRole.ECHO_SERVER, PinRole.HICCUP_METER,
                        PinRole.HICCUP_METER),
                records.stream().map(PinningRecord::role).sorted().toList(), records.toString());
        for (String stem : List.of("JedisGetBenchmark-valueBytes=16", "TcpPingPongBenchmark-payloadBytes=14-transport=tcp")) {
            Path log = histDir.resolve(stem + "-fork1" + HiccupTrial.SUFFIX + ".hlog");
            HistogramLogReader reader = new HistogramLogReader(log.toFile());
            long samples = 0;
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null) {
                assertEquals(HiccupTrial.TAG, e.getTag());
                samples += ((Histogram) e).getTotalCount();
            }
            // the trial (setup, 300 ms, teardown) lasts well over 0.1 s at ~1 sample per ms
            assertTrue(samples > 100, log + ": " + samples + " hiccup samples");
        }
        PinningOutcome expected = AllowedCpus.readable() ? PinningOutcome.BOUND : PinningOutcome.UNSUPPORTED;
        for (PinningRecord r : records) {
            assertEquals(expected, r.outcome(), r.toString());
        }
    }

    /**
     * The floor over every transport, as the lead runs it with {@code -p transport=tcp,tls,unix}:
     * one fork each (TLS certificates made at trial setup, the Unix socket in a temp directory).
     */
    @Test
    void theFloorRunsOverTcpTlsAndAUnixSocket() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        OptionsBuilder opts = tiny();
        opts.include("TcpPingPongBenchmark")
                .param("payloadBytes", "14")
                .param("transport", "tcp", "tls", "unix")
                .jvmArgsAppend("-D" + BenchConfig.PIN + "=false", "-D" + BenchConfig.PINNING_DIR + "=" + pinDir,
                        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        Map<String, Long> samples = samplesBy(opts.build(), "transport");
        assertEquals(List.of("tcp", "tls", "unix"), List.copyOf(samples.keySet()), samples.toString());
    }

    /** One fork, no warmup, one 300 ms iteration: wiring, not speed. */
    private static OptionsBuilder tiny() {
        OptionsBuilder b = new OptionsBuilder();
        b.forks(1).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(300))
                .timeout(TimeValue.seconds(60)).shouldFailOnError(true);
        return b;
    }

    /** Runs, checks every result is in ns with more than 10 samples, and keys the counts by a param (or the benchmark). */
    private static Map<String, Long> samplesBy(Options opts, String key) throws Exception {
        Map<String, Long> samples = new TreeMap<>();
        for (RunResult r : new Runner(opts).run()) {
            String k = key.equals("benchmark") ? r.getParams().getBenchmark() : r.getParams().getParam(key);
            samples.put(k, r.getPrimaryResult().getSampleCount());
            assertEquals(TimeUnit.NANOSECONDS, r.getParams().getTimeUnit());
        }
        samples.forEach((b, n) -> assertTrue(n > 10, b + ": " + n + " samples"));
        return samples;
    }
}
