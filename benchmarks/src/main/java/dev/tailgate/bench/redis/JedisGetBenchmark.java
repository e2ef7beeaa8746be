package dev.tailgate.bench.redis;

import dev.tailgate.bench.support.JedisKeyedClient;
import dev.tailgate.bench.support.LatencyBenchmark;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis GET of a preloaded key through Jedis ({@code byte[]} API, no string encoding).
 * Path: benchmark thread -> Jedis -> loopback -> Redis -> back -> Jedis, all on one thread.
 *
 * <p>Why: the read path most latency-critical services use; minus RawRespGet of the same
 * size it is Jedis's cost, minus the TcpPingPong floor of the same payload it is what Redis
 * and Jedis add.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds, one GET per call. Each thread owns 256 keys of
 * {@code valueBytes} (preloaded at trial setup, UNLINKed at teardown) and picks one per call
 * from a seeded per-thread stream. Client thread pinned (record role client, with the
 * protocol Jedis was pinned to). Closed-loop (coordinated omission): tails are understated.
 *
 * <p>Needs: a Redis at {@code tailgate.redis.host/port}. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar JedisGet -p valueBytes=64 -f 1 -wi 1 -i 2
 * -r 1s -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class JedisGetBenchmark extends LatencyBenchmark {

    @Benchmark
    public byte[] get(JedisKeyedClient c) {
        c.delay().beforeCall();
        return c.trial().connection().get(c.trial().randomKey());
    }
}
