package dev.tailgate.bench.redis;

import dev.tailgate.bench.support.ArmTrials;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ClientTrial;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.InjectedDelay;
import dev.tailgate.bench.support.LatencyBenchmark;
import dev.tailgate.bench.support.LettuceConnection;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.ExecutionException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A batch of {@code depth} GETs pipelined through Lettuce's async API with auto-flush off:
 * all commands queued, flushed in one write, then every future awaited. Path: benchmark
 * thread -> Netty I/O thread -> loopback -> Redis -> I/O thread completes futures -> benchmark
 * thread.
 *
 * <p>Why: Lettuce's way to amortise the round trip; compare with JedisPipelinedGet of the
 * same depth.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds. <b>One sample is one whole batch</b>: the
 * reported latency is per batch of {@code depth} GETs, not per GET. Keys from a seeded
 * per-thread stream among the thread's 256 preloaded keys of {@code valueBytes}. Benchmark
 * thread pinned (role client, with the protocol). Lettuce hands the command to its Netty I/O thread and the reply
 * back, so each call crosses two threads. That I/O thread is not pinned (the core plan has no
 * CPU for it): it is reset to the process base affinity and recorded as role io-thread,
 * NOT_BOUND, with its real allowed CPUs. Closed-loop (coordinated omission):
 * tails are understated.
 *
 * <p>Needs: a Redis at {@code tailgate.redis.host/port}. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar LettuceAsyncPipelinedGet -p depth=8 -f 1
 * -wi 1 -i 2 -r 1s -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class LettuceAsyncPipelinedGetBenchmark extends LatencyBenchmark {

    @State(Scope.Thread)
    public static class Client {
        @Param({"1", "8", "32"})
        public int depth;

        @Param({"64"})
        public int valueBytes;

        ArmTrials<LettuceConnection> arms;
        ClientTrial<LettuceConnection> trial;
        StatefulRedisConnection<byte[], byte[]> connection;
        RedisAsyncCommands<byte[], byte[]> async;
        RedisFuture<?>[] futures;
        InjectedDelay delay;

        @Setup(Level.Trial)
        public void setup(BenchmarkParams params, ThreadParams thread) {
            arms = ArmTrials.open(ForkArms.fromSystemProperties(), ClientTrial.Kind.LETTUCE, BenchId.of(params),
                    ClientTrial.KEYS_PER_THREAD, valueBytes, thread.getThreadIndex());
            arms.perArm(t -> t.connection().connection()).forEach(c -> c.setAutoFlushCommands(false));
            futures = new RedisFuture<?>[depth];
        }

        /** The iteration's arm (an alternated A/B fork), outside the timed region. */
        @Setup(Level.Iteration)
        public void beginIteration(IterationParams iteration) {
            arms.beginIteration(iteration);
            trial = arms.current();
            connection = trial.connection().connection();
            async = connection.async();
            delay = arms.delay();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arms.perArm(t -> t.connection().connection()).forEach(c -> c.setAutoFlushCommands(true));
            arms.close();
        }
    }

    @Benchmark
    public void batch(Client c, Blackhole bh) throws InterruptedException, ExecutionException {
        c.delay.beforeCall();
        for (int i = 0; i < c.depth; i++) {
            c.futures[i] = c.async.get(c.trial.randomKey());
        }
        c.connection.flushCommands();
        for (int i = 0; i < c.depth; i++) {
            bh.consume(c.futures[i].get());
        }
    }
}
