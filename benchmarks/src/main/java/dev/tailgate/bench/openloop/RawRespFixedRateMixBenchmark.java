package dev.tailgate.bench.openloop;

import dev.tailgate.bench.load.LoadCommand;
import dev.tailgate.bench.load.LoadShape;
import dev.tailgate.bench.load.MixConnections;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.ClientTrial;
import dev.tailgate.bench.support.ThreadPinning;
import java.io.IOException;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * A load shape at a fixed rate (open loop), raw RESP: a weighted command {@code mix} over
 * {@code keyspace} keys drawn by {@code keys}, values of {@code values} bytes, in batches of
 * {@code pipeline} commands spread round-robin over {@code connections} connections, sent at
 * {@code rate} commands per second for {@code seconds}. Path: client -> loopback -> Redis -> back,
 * with no client library in it.
 *
 * <p>Why: the closed-loop mix ({@code load.RawRespMixBenchmark}) understates the tail
 * (coordinated omission); here the schedule, not the server, decides when each command leaves,
 * so a stall is charged to every command due during it, per command as well as for the mix.
 *
 * <p>How: {@link MixOpenLoop} (one pinned sender on the schedule, one receiver thread kept off the
 * sender's CPU, reading every connection's replies in the order the batches were sent); the
 * shape's params are the closed-loop mix's (same grammar, one-line errors, key families, preload
 * and TTL: {@link LoadShape}, {@link MixConnections}), the fixed-rate shape the other fixed-rate
 * benchmarks' ({@code Mode.SingleShotTime}, one warm-up and one measurement iteration per fork, the
 * primary score means nothing; results are {@link FixedRateMetrics} and the {@code .hlog}). The
 * interval log {@code ${tailgate.histograms.dir}/RawRespFixedRateMixBenchmark-<params sorted>-forkN.hlog}
 * has tags response/service/slip for the mix, one tag per command of the mix (its response
 * time from the intended start) and hiccup; the per-command counts add up to the mix's. In a
 * distributed run this JVM sends its shard's part of {@code rate} ({@code tailgate.shard}).
 *
 * <p>Needs a Redis (writable when the mix writes). Alone: {@code java -jar benchmarks.jar
 * RawRespFixedRateMix -p rate=20000 -p connections=8 -p mix=GET:10,SET:1 -jvmArgsAppend
 * "-Dtailgate.redis.port=6379 -Dtailgate.histograms.dir=hist"}.
 */
public class RawRespFixedRateMixBenchmark extends FixedRateMixBenchmarkBase {
    private MixConnections traffic;

    @Override
    protected List<LoadCommand> connect(BenchConfig cfg, String shortName) {
        traffic = MixConnections.openRawResp(cfg, shortName, shape, ClientTrial.SEED);
        return traffic.commands();
    }

    @Benchmark
    public OpenLoopResult fixedRate(FixedRateMetrics metrics) throws IOException {
        MixOpenLoop loop = new MixOpenLoop(session.config, shape.pipeline(), traffic, NanoClock.SYSTEM, session.pacer,
                session.recorders, perCommand::record);
        RunTally tally = loop.run(() -> false, () -> ThreadPinning.keepCurrentThreadOff(session.senderCpu()));
        return endIteration(tally, 0, metrics);
    }

    @Override
    protected void disconnect() {
        if (traffic != null) {
            traffic.close();
        }
    }
}
