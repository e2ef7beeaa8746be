package dev.tailgate.bench.load;

import dev.tailgate.bench.support.LatencyBenchmark;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A load shape on plain sockets speaking RESP2, no client library: threads (JMH {@code -t}) x
 * {@code connections} per thread, a weighted command {@code mix}, a key distribution
 * ({@code keys}) over {@code keyspace} keys, value sizes ({@code values}) and {@code pipeline}
 * depth. Path: client -> loopback -> Redis -> back, on every connection at once.
 *
 * <p>Why: the lower bound for a realistic workload, and the many-connection comparison with
 * {@code redis-benchmark -c N} ({@code scripts/many-connections.sh}), whose clients have no
 * library either.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds; <b>one JMH sample is one call</b>: the next connection's
 * turn, its batch of {@code pipeline} replies read and its next batch sent, so every connection
 * always has a batch in flight (with one connection, the sample is the batch round trip). Every
 * command goes into the fork's {@code .hlog} (tag {@code response} for the mix, one tag per
 * command), from its batch's send until the batch's replies were read ({@link LoadTrial}): with
 * many connections that, not JMH's sample, is the latency. Keys and payloads are preloaded and pre-encoded at trial setup. Each
 * thread pinned to a client CPU of its own; threads beyond the client CPUs are stated as an
 * overload ({@link Overload}). Closed loop (coordinated omission): tails are understated.
 *
 * <p>Needs a Redis. Run alone: {@code java -jar benchmarks/target/benchmarks.jar RawRespMix -t 1
 * -p connections=50 -p mix=GET:10,SET:1 -f 1 -wi 1 -i 2 -r 1s -jvmArgsAppend
 * "-Dtailgate.redis.port=6379 -Dtailgate.histograms.dir=hist"}
 */
public class RawRespMixBenchmark extends LatencyBenchmark {

    @State(Scope.Thread)
    public static class Client extends MixState {
        @Override
        LoadClient client() {
            return LoadClient.RAW_RESP;
        }
    }

    @Benchmark
    public int mix(Client c) throws IOException {
        return c.trial.call();
    }
}
