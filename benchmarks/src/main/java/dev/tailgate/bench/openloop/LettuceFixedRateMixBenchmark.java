package dev.tailgate.bench.openloop;

import dev.tailgate.bench.load.LettuceMixCommands;
import dev.tailgate.bench.load.LoadCommand;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.ClientTrial;
import java.io.IOException;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * A load shape at a fixed rate through Lettuce's async API: the shape and params of
 * {@link RawRespFixedRateMixBenchmark} ({@code rate}, {@code seconds}, {@code mix}, {@code keys},
 * {@code keyspace}, {@code values}, {@code pipeline}, {@code connections}), the same outputs
 * ({@code .hlog} tags response/service/slip for the mix, one per command, hiccup; the fixed-rate
 * metrics), the same shard rule. Path: sender -> Lettuce -> Netty event loop -> loopback -> Redis
 * -> back -> event loop.
 *
 * <p>{@link CallbackMixOpenLoop}: the pinned sender queues each batch on its connection at the
 * batch's intended start (auto-flush off, one {@code flushCommands()} per batch: a Lettuce
 * pipeline) and goes on, whatever the replies do. Each command is completed on its connection's
 * I/O thread (Lettuce's, kept off the sender's CPU), which takes the connection's oldest timing
 * entry; the batch's last reply records every command of the batch from the batch's intended
 * start, without allocating. Unlike Jedis, batches of all connections are in flight at once, so a stall in Redis
 * is charged to every command sent during it in service time as well as response time.
 *
 * <p>The log is {@code ${tailgate.histograms.dir}/LettuceFixedRateMixBenchmark-<params sorted>-forkN.hlog}.
 * Alone: {@code java -jar benchmarks.jar LettuceFixedRateMix -p rate=20000 -p connections=8
 * -jvmArgsAppend "-Dtailgate.redis.port=6379 -Dtailgate.histograms.dir=hist"}.
 */
public class LettuceFixedRateMixBenchmark extends FixedRateMixBenchmarkBase {
    /** How long replies may still arrive after the last send before the run fails naming the connections. */
    static final long DRAIN_NANOS = 10_000_000_000L;

    private LettuceMixCommands commands;

    @Override
    protected List<LoadCommand> connect(BenchConfig cfg, String shortName) {
        commands = LettuceMixCommands.open(cfg, shortName, shape, ClientTrial.SEED, session.senderCpu());
        return commands.commands();
    }

    @Benchmark
    public OpenLoopResult fixedRate(FixedRateMetrics metrics) throws IOException {
        CallbackMixOpenLoop loop = new CallbackMixOpenLoop(session.config, shape.pipeline(), commands,
                NanoClock.SYSTEM, session.pacer, session.recorders, perCommand);
        RunTally tally = loop.run(() -> false, DRAIN_NANOS);
        return endIteration(tally, 0, metrics);
    }

    @Override
    protected void disconnect() {
        if (commands != null) {
            commands.close();
        }
    }
}
