package dev.tailgate.bench.redis;

import dev.tailgate.bench.support.ArmTrials;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ClientTrial;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.InjectedDelay;
import dev.tailgate.bench.support.LatencyBenchmark;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * A batch of {@code depth} GETs pipelined through Jedis: all commands written, then all
 * replies read ({@code Pipeline.syncAndReturnAll}). Path: benchmark thread -> Jedis -> loopback
 * -> Redis (depth commands back to back) -> back.
 *
 * <p>Why: pipelining is how a client amortises the round trip; depth 1 shows the pipeline's
 * own overhead against JedisGet, larger depths show how the batch cost grows per command.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds. <b>One sample is one whole batch</b>: the
 * reported latency is per batch of {@code depth} GETs, not per GET (divide by depth for a
 * per-command cost; the tail cannot be divided that way). Keys from a seeded per-thread
 * stream among the thread's 256 preloaded keys of {@code valueBytes}. Client thread pinned
 * (record role client, with the protocol). Closed-loop (coordinated omission): tails are
 * understated.
 *
 * <p>Needs: a Redis at {@code tailgate.redis.host/port}. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar JedisPipelinedGet -p depth=8 -f 1 -wi 1 -i 2
 * -r 1s -jvmArgsAppend -Dtailgate.redis.port=6379}
 */
public class JedisPipelinedGetBenchmark extends LatencyBenchmark {

    @State(Scope.Thread)
    public static class Client {
        @Param({"1", "8", "32"})
        public int depth;

        @Param({"64"})
        public int valueBytes;

        ArmTrials<Jedis> arms;
        List<Pipeline> pipelines;
        ClientTrial<Jedis> trial;
        Pipeline pipeline;
        InjectedDelay delay;

        @Setup(Level.Trial)
        public void setup(BenchmarkParams params, ThreadParams thread) {
            arms = ArmTrials.open(ForkArms.fromSystemProperties(), ClientTrial.Kind.JEDIS, BenchId.of(params),
                    ClientTrial.KEYS_PER_THREAD, valueBytes, thread.getThreadIndex());
            pipelines = arms.perArm(t -> t.connection().pipelined());
        }

        /** The iteration's arm (an alternated A/B fork), outside the timed region. */
        @Setup(Level.Iteration)
        public void beginIteration(IterationParams iteration) {
            arms.beginIteration(iteration);
            trial = arms.current();
            pipeline = pipelines.get(arms.arm());
            delay = arms.delay();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pipelines.forEach(Pipeline::close);
            arms.close();
        }
    }

    @Benchmark
    public List<Object> batch(Client c) {
        c.delay.beforeCall();
        for (int i = 0; i < c.depth; i++) {
            c.pipeline.get(c.trial.randomKey());
        }
        return c.pipeline.syncAndReturnAll();
    }
}
