package dev.tailgate.bench.openloop;

import dev.tailgate.bench.load.JedisMixCalls;
import dev.tailgate.bench.load.LoadCommand;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.ClientTrial;
import java.io.IOException;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * A load shape at a fixed rate through Jedis's public API (blocking): the shape and params of
 * {@link RawRespFixedRateMixBenchmark} ({@code rate}, {@code seconds}, {@code mix}, {@code keys},
 * {@code keyspace}, {@code values}, {@code pipeline}, {@code connections}), the same outputs
 * ({@code .hlog} tags response/service/slip for the mix, one per command, hiccup; the fixed-rate
 * metrics), the same shard rule. Path: Jedis encodes -> loopback -> Redis -> back -> Jedis parses.
 *
 * <p>Jedis cannot send a batch before the previous one's replies are read, so this is
 * {@link BlockingMixOpenLoop}: the pinned benchmark thread waits for a batch's intended start,
 * calls, and charges every command of the batch from that intended start. A late reply delays
 * the batches due meanwhile, and each is charged its wait (coordinated omission corrected the
 * JLBH way). {@code pipeline} 1 is the plain call ({@code jedis.get(key)}, ...); more is one
 * reused Jedis {@code Pipeline} per connection, {@code sync()} per batch. Batches go round-robin
 * over the {@code connections}, which add no concurrency to one blocking thread: the ceiling is
 * one batch per round trip, and past it the run is INVALID with {@code BLOCKING_CLIENT_CEILING}.
 *
 * <p>The log is {@code ${tailgate.histograms.dir}/JedisFixedRateMixBenchmark-<params sorted>-forkN.hlog}.
 * Alone: {@code java -jar benchmarks.jar JedisFixedRateMix -p rate=5000 -p pipeline=4
 * -jvmArgsAppend "-Dtailgate.redis.port=6379 -Dtailgate.histograms.dir=hist"}.
 */
public class JedisFixedRateMixBenchmark extends FixedRateMixBenchmarkBase {
    private JedisMixCalls calls;

    @Override
    protected List<LoadCommand> connect(BenchConfig cfg, String shortName) {
        calls = JedisMixCalls.open(cfg, shortName, shape, ClientTrial.SEED);
        return calls.commands();
    }

    @Benchmark
    public OpenLoopResult fixedRate(FixedRateMetrics metrics) throws IOException {
        RunTally tally = BlockingMixOpenLoop.run(session.config, shape.pipeline(), calls, NanoClock.SYSTEM,
                session.pacer, session.recorders, perCommand, () -> false);
        return endIteration(tally, shape.pipeline(), metrics);
    }

    @Override
    protected void disconnect() {
        if (calls != null) {
            calls.close();
        }
    }
}
