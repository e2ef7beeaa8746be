package dev.tailgate.bench.redis;

import dev.tailgate.bench.support.LatencyBenchmark;
import dev.tailgate.bench.support.LettuceClient;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis PING through Lettuce's synchronous API. Path: benchmark thread -> Lettuce command
 * queue -> Netty I/O thread -> loopback -> Redis -> I/O thread decodes -> completes the future
 * -> benchmark thread wakes.
 *
 * <p>Why: minus JedisPing it is the price of Lettuce's thread hand-off, which shows most in the
 * tail (two wake-ups per call); minus RawRespPing it is Lettuce's whole overhead.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds, one round trip per call. Benchmark thread
 * pinned (role client, with the protocol Lettuce was pinned to). Lettuce hands the command to its Netty I/O thread and the reply
 * back, so each call crosses two threads. That I/O thread is not pinned (the core plan has no
 * CPU for it): it is reset to the process base affinity and recorded as role io-thread,
 * NOT_BOUND, with its real allowed CPUs. Closed-loop
 * (coordinated omission): tails are understated.
 *
 * <p>Needs: a Redis at {@code tailgate.redis.host/port}. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar LettuceSyncPing -f 1 -wi 1 -i 2 -r 1s
 * -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class LettuceSyncPingBenchmark extends LatencyBenchmark {

    @Benchmark
    public String ping(LettuceClient c) {
        c.delay().beforeCall();
        return c.trial().connection().connection().sync().ping();
    }
}
