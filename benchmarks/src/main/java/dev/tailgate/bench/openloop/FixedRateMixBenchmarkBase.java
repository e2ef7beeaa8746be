package dev.tailgate.bench.openloop;

import dev.tailgate.bench.load.CommandHistograms;
import dev.tailgate.bench.load.LoadCommand;
import dev.tailgate.bench.load.LoadShape;
import dev.tailgate.bench.load.LoadShapeParams;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * What the three fixed-rate mixes (raw RESP, Jedis, Lettuce) share; JMH inherits the
 * annotations, params and fixtures: the load-shape params ({@link LoadShapeParams}) plus
 * {@code rate} and {@code seconds}, the fixed-rate shape ({@code Mode.SingleShotTime}, one warm-up
 * and one measurement iteration per fork), the session ({@link FixedRateSession}: pinned sender,
 * recorders, hiccup meter, {@code .hlog}, the shard's part of the rate) and the per-command
 * histograms whose tags follow response/service/slip in the log. Subclasses preload the keys and
 * open their client's connections after the session pinned the benchmark thread, and run the
 * schedule with their client's driver.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(1)
public abstract class FixedRateMixBenchmarkBase extends LoadShapeParams {
    /** Commands per second, all connections together (the distributed run's total). */
    @Param({"1000", "10000", "50000"})
    public long rate;
    @Param({"10"})
    public int seconds;

    protected LoadShape shape;
    protected FixedRateSession session;
    protected CommandHistograms perCommand;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws IOException {
        shape = shape(); // before anything is pinned, started or preloaded
        session = FixedRateSession.open(params, rate, seconds,
                "response/service/slip of the mix, one per command of the mix (response), hiccup");
        try {
            perCommand = new CommandHistograms(connect(session.settings.redis(), BenchId.of(params).shortName()));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Preloads the shape's keys and opens the client's connections; returns the mix's commands. */
    protected abstract List<LoadCommand> connect(BenchConfig cfg, String shortName);

    /** Closes the connections and removes the keys (after a failed {@link #connect} too: may find nothing open). */
    protected abstract void disconnect();

    @Setup(Level.Iteration)
    public void beginIteration(IterationParams iteration) {
        session.beginIteration(iteration);
        perCommand.begin(System.currentTimeMillis());
    }

    /**
     * Ends the iteration: judges the run, fills the metrics, appends the mix's and each command's
     * tags. {@code blockingBatch}: commands per call of a blocking client (its ceiling is one
     * call per round trip), 0 for one that does not block.
     */
    protected OpenLoopResult endIteration(RunTally tally, int blockingBatch, FixedRateMetrics metrics) {
        perCommand.end(System.currentTimeMillis());
        return session.endIteration(tally, blockingBatch, metrics, perCommand::writeCommandsTo);
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            disconnect();
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }
}
