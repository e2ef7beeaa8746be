package dev.tailgate.bench.redis;

import dev.tailgate.bench.support.LatencyBenchmark;
import dev.tailgate.bench.support.LettuceKeyedClient;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis GET of a preloaded key through Lettuce's synchronous API ({@code byte[]} codec).
 * Path: benchmark thread -> Netty I/O thread -> loopback -> Redis -> I/O thread -> benchmark
 * thread.
 *
 * <p>Why: the same read as JedisGet through a client that hands off to an I/O thread; the
 * difference is the hand-off's cost, mostly visible in the tail.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds, one GET per call; keys from a seeded
 * per-thread stream among the thread's 256 preloaded keys of {@code valueBytes} (UNLINKed at
 * teardown). Benchmark thread pinned (role client, with the protocol). Lettuce hands the command to its Netty I/O thread and the reply
 * back, so each call crosses two threads. That I/O thread is not pinned (the core plan has no
 * CPU for it): it is reset to the process base affinity and recorded as role io-thread,
 * NOT_BOUND, with its real allowed CPUs.
 * Closed-loop (coordinated omission): tails are understated.
 *
 * <p>Needs: a Redis at {@code tailgate.redis.host/port}. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar LettuceSyncGet -p valueBytes=64 -f 1 -wi 1
 * -i 2 -r 1s -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class LettuceSyncGetBenchmark extends LatencyBenchmark {

    @Benchmark
    public byte[] get(LettuceKeyedClient c) {
        c.delay().beforeCall();
        return c.trial().connection().connection().sync().get(c.trial().randomKey());
    }
}
