package dev.tailgate.bench.redis;

import dev.tailgate.bench.support.JedisClient;
import dev.tailgate.bench.support.LatencyBenchmark;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis PING through Jedis: {@code jedis.ping()} on the calling thread (Jedis does blocking
 * I/O itself, no hand-off). Path: benchmark thread -> Jedis encode -> loopback -> Redis -> back
 * -> Jedis decode.
 *
 * <p>Why: minus RawRespPing it is Jedis's per-call overhead; minus the 14-byte TcpPingPong
 * floor it is everything Redis and Jedis add to the network.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds, one round trip per call. The client thread
 * holds an affinity lock (pinning record role client); Jedis is pinned to
 * {@code tailgate.protocol} (default RESP2), recorded in the same record. Closed-loop
 * (coordinated omission): tails are understated.
 *
 * <p>Needs: a Redis at {@code tailgate.redis.host/port}. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar JedisPing -f 1 -wi 1 -i 2 -r 1s
 * -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class JedisPingBenchmark extends LatencyBenchmark {

    @Benchmark
    public String ping(JedisClient c) {
        c.delay().beforeCall();
        return c.trial().connection().ping();
    }
}
