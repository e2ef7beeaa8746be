package dev.tailgate.bench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.BenchConfig;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The floor under real JMH over every transport, as the lead runs it with
 * {@code -p transport=tcp,tls,unix}: one fork per transport, each timing round trips. Tiny
 * iterations: this checks the wiring (TLS certificates made at trial setup, the Unix socket),
 * not what the transports cost.
 */
class FloorTransportsJmhTest {

    @TempDir
    Path pinDir;

    @Test
    void theFloorRunsOverTcpTlsAndAUnixSocket() throws Exception {
        // JMH refuses to start while another JMH holds its lock; this checks wiring, not speed
        System.setProperty("jmh.ignoreLock", "true");
        Options opts = new OptionsBuilder()
                .include("TcpPingPongBenchmark")
                .param("payloadBytes", "14")
                .param("transport", "tcp", "tls", "unix")
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .timeout(TimeValue.seconds(60))
                .jvmArgsAppend("-D" + BenchConfig.PIN + "=false", "-D" + BenchConfig.PINNING_DIR + "=" + pinDir,
                        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, Long> samples = new TreeMap<>();
        for (RunResult r : results) {
            samples.put(r.getParams().getParam("transport"), r.getPrimaryResult().getSampleCount());
        }
        assertEquals(3, samples.size(), samples.toString());
        samples.forEach((t, n) -> assertTrue(n > 10, t + ": " + n + " samples"));
    }
}
