package dev.tailgate.bench.redis;

import dev.tailgate.bench.support.JedisKeyedClient;
import dev.tailgate.bench.support.LatencyBenchmark;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis SET through Jedis: overwrite one of this thread's preloaded keys with a
 * {@code valueBytes} value. Path: benchmark thread -> Jedis -> loopback -> Redis (allocate,
 * replace the old value) -> {@code +OK} -> back.
 *
 * <p>Why: the write path; unlike GET it carries the payload towards Redis and makes Redis
 * allocate and free, which is where memory settings (lazyfree, maxmemory) show up.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds, one SET per call on a key chosen from a seeded
 * per-thread stream among the thread's 256 keys (preloaded so memory stays flat, UNLINKed
 * at teardown). Under the harness the command is {@code SET key value PX ttl}, not the bare
 * {@code SET key value}: {@code tailgate.keyTtlMillis} gives every benchmark key a TTL so an
 * interrupted run leaves nothing permanent, and a bare SET would remove the TTL. The server
 * also records the expiry (one more dictionary entry per key, set on every call). Client thread pinned (record role client, with the protocol). Closed-loop
 * (coordinated omission): tails are understated.
 *
 * <p>Needs: a writable Redis at {@code tailgate.redis.host/port}. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar JedisSet -p valueBytes=64 -f 1 -wi 1 -i 2
 * -r 1s -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class JedisSetBenchmark extends LatencyBenchmark {

    @Benchmark
    public String set(JedisKeyedClient c) {
        c.delay().beforeCall();
        return c.trial().connection().set(c.trial().randomKey(), c.trial().keys().value(), c.trial().keys().jedisSetParams());
    }
}
