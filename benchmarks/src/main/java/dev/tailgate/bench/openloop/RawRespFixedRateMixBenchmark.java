package dev.tailgate.bench.openloop;

import dev.tailgate.bench.load.CommandHistograms;
import dev.tailgate.bench.load.LoadShape;
import dev.tailgate.bench.load.LoadShapeParams;
import dev.tailgate.bench.load.MixConnections;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ClientTrial;
import dev.tailgate.bench.support.ThreadPinning;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

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
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(1)
public class RawRespFixedRateMixBenchmark extends LoadShapeParams {
    /** Commands per second, all connections together (the distributed run's total). */
    @Param({"1000", "10000", "50000"})
    public long rate;
    @Param({"10"})
    public int seconds;

    private LoadShape shape;
    private FixedRateSession session;
    private MixConnections traffic;
    private CommandHistograms perCommand;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws IOException {
        shape = shape(); // before anything is pinned, started or preloaded
        session = FixedRateSession.open(params, rate, seconds,
                "response/service/slip of the mix, one per command of the mix (response), hiccup");
        try {
            traffic = MixConnections.openRawResp(session.settings.redis(), BenchId.of(params).shortName(), shape,
                    ClientTrial.SEED);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        perCommand = new CommandHistograms(traffic.commands());
    }

    @Setup(Level.Iteration)
    public void beginIteration(IterationParams iteration) {
        session.beginIteration(iteration);
        perCommand.begin(System.currentTimeMillis());
    }

    @Benchmark
    public OpenLoopResult fixedRate(FixedRateMetrics metrics) throws IOException {
        MixOpenLoop loop = new MixOpenLoop(session.config, shape.pipeline(), traffic, NanoClock.SYSTEM, session.pacer,
                session.recorders, perCommand::record);
        RunTally tally = loop.run(() -> false, () -> ThreadPinning.keepCurrentThreadOff(session.senderCpu()));
        perCommand.end(System.currentTimeMillis());
        return session.endIteration(tally, false, metrics, perCommand::writeCommandsTo);
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            if (traffic != null) {
                traffic.close();
            }
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }
}
