package dev.tailgate.bench;

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
import java.util.Collection;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** One fork, no warm-up, one 300 ms iteration, properties passed as the harness passes them. */
    private Options tinyRun(String include, RedisServer redis, String... moreProperties) {
        return tinyRun(include, redis.port(), moreProperties);
    }

    /** The same for a Redis port (the floor connects to none; any valid port will do). */
    private Options tinyRun(String include, int redisPort, String... moreProperties) {
        List<String> props = new java.util.ArrayList<>(List.of("-D" + BenchConfig.PORT + "=" + redisPort,
                "-D" + BenchConfig.PINNING_DIR + "=" + pinDir,
                "-D" + HiccupTrial.HISTOGRAMS_DIR + "=" + histDir,
                // the fork's CPU locks must not meet other JVMs' on a shared machine
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        props.addAll(List.of(moreProperties));
        return new OptionsBuilder()
                .include(include)
                .param("payloadBytes", "14")
                .param("valueBytes", "16")
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .timeout(TimeValue.seconds(60))
                .jvmArgsAppend(props.toArray(String[]::new))
                .shouldFailOnError(true)
                .build();
    }

    @Test
    void tcpPingPongAndJedisGetRunPinnedAndLeaveNoKeys() throws Exception {
        // JMH refuses to start while another JMH holds its lock (other suites on a shared machine);
        // this checks wiring, not speed, so it may run beside them.
        System.setProperty("jmh.ignoreLock", "true");
        try (RedisServer redis = RedisFixture.start("stock")) {
            Collection<RunResult> results = new Runner(tinyRun("TcpPingPongBenchmark|JedisGetBenchmark", redis,
                    "-D" + BenchConfig.CPU_SERVER + "=0")).run();

            Map<String, Long> samples = new TreeMap<>();
            for (RunResult r : results) {
                samples.put(r.getParams().getBenchmark(), r.getPrimaryResult().getSampleCount());
                assertEquals(TimeUnit.NANOSECONDS, r.getParams().getTimeUnit());
            }
            assertEquals(2, samples.size(), samples.toString());
            samples.forEach((b, n) -> assertTrue(n > 10, b + ": " + n + " samples"));

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
     * The floor switches reach the forks the way the harness passes properties: the busy-polling
     * client (floor and raw RESP) against a blocking-channel echo server runs its trial to the end
     * and the fork exits, and with the hiccup meter off no meter thread or hiccup log exists.
     */
    @Test
    void theFloorSwitchesReachTheForksAndABusyPollingTrialEnds() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        try (RedisServer redis = RedisFixture.start("stock")) {
            Collection<RunResult> results = new Runner(tinyRun("TcpPingPongBenchmark|RawRespPingBenchmark", redis,
                    "-Dtailgate.io=spin", "-Dtailgate.echo.io=channel", "-Dtailgate.hiccup=off")).run();
            assertEquals(2, results.size());
            for (RunResult r : results) {
                // wiring, not speed: a spinning client on a loaded shared host may get few round trips
                long n = r.getPrimaryResult().getSampleCount();
                assertTrue(n > 0, r.getParams().getBenchmark() + ": " + n + " samples");
            }
        }
        List<PinRole> roles = PinningRecords.readAll(pinDir).stream().map(PinningRecord::role).sorted().toList();
        assertEquals(List.of(PinRole.CLIENT, PinRole.CLIENT, PinRole.ECHO_SERVER), roles);
        try (var files = java.nio.file.Files.list(histDir)) {
            assertEquals(List.of(), files.toList(), "tailgate.hiccup=off writes no hiccup log");
        }
    }

    /**
     * The floor over every transport, as the lead runs it with {@code -p transport=tcp,tls,unix}:
     * one fork each (TLS certificates made at trial setup, the Unix socket in a temp directory).
     */
    @Test
    void theFloorRunsOverTcpTlsAndAUnixSocket() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        Options opts = new OptionsBuilder().parent(tinyRun("TcpPingPongBenchmark", 6379, "-D" + BenchConfig.PIN + "=false"))
                .param("transport", "tcp", "tls", "unix").build();
        Map<String, Long> samples = new TreeMap<>();
        for (RunResult r : new Runner(opts).run()) {
            samples.put(r.getParams().getParam("transport"), r.getPrimaryResult().getSampleCount());
        }
        assertEquals(List.of("tcp", "tls", "unix"), List.copyOf(samples.keySet()), samples.toString());
        samples.forEach((t, n) -> assertTrue(n > 10, t + ": " + n + " samples"));
    }
}
