package dev.tailgate.bench.redis;

import dev.tailgate.bench.support.LatencyBenchmark;
import dev.tailgate.bench.support.LettuceKeyedClient;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis SET through Lettuce's synchronous API: overwrite one of this thread's preloaded keys
 * with a {@code valueBytes} value. Path: benchmark thread -> Netty I/O thread -> loopback ->
 * Redis -> {@code +OK} -> I/O thread -> benchmark thread.
 *
 * <p>Why: the write path through a hand-off client; compare with JedisSet of the same size.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds, one SET per call on a key from a seeded
 * per-thread stream among the thread's 256 keys (preloaded so memory stays flat, UNLINKed
 * at teardown). Under the harness the command is {@code SET key value PX ttl}, as in
 * JedisSet: every benchmark key carries {@code tailgate.keyTtlMillis} so an interrupted run
 * leaves nothing permanent, and a bare SET would remove the TTL. Benchmark thread pinned (role client, with the protocol). Lettuce hands the command to its Netty I/O thread and the reply
 * back, so each call crosses two threads. That I/O thread is not pinned (the core plan has no
 * CPU for it): it is reset to the process base affinity and recorded as role io-thread,
 * NOT_BOUND, with its real allowed CPUs.
 * Closed-loop (coordinated omission): tails are understated.
 *
 * <p>Needs: a writable Redis at {@code tailgate.redis.host/port}. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar LettuceSyncSet -p valueBytes=64 -f 1 -wi 1
 * -i 2 -r 1s -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class LettuceSyncSetBenchmark extends LatencyBenchmark {

    @Benchmark
    public String set(LettuceKeyedClient c) {
        c.delay().beforeCall();
        return c.trial().connection().connection().sync().set(c.trial().randomKey(), c.trial().keys().value(),
                c.trial().keys().lettuceSetArgs());
    }
}
