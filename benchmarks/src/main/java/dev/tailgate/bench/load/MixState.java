package dev.tailgate.bench.load;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.InjectedDelay;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The per-thread JMH state of the mix benchmarks: the load-shape {@code @Param}s ({@link LoadShapeParams}: strings, so a
 * malformed value fails with a line naming the parameter rather than JMH's conversion error),
 * and the thread's {@link LoadTrial}. Concrete subclasses carry {@code @State(Scope.Thread)} and
 * say which client library connects. Threads come from JMH ({@code -t N}, or the harness); the
 * defaults measure one connection, one command at a time, 10 GETs per SET of 64 bytes over
 * 1000 uniformly drawn keys.
 */
@State(Scope.Thread)
public abstract class MixState extends LoadShapeParams {
    /** Seeds of the injected delays, fixed across runs (as for the other Redis benchmarks). */
    private static final long DELAY_SEED = 0x1D_E1A7L;

    LoadTrial trial;
    private ForkLog forkLog;
    private String who;
    private boolean measured;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params, ThreadParams thread, ForkLog log) {
        ForkArms.requireOneArm(params.getBenchmark());
        ForkArms arms = ForkArms.fromSystemProperties();
        int index = thread.getThreadIndex();
        open(arms.arms().get(0).config(), BenchId.of(params), index, params.getThreads(),
                arms.arms().get(0).delay(DELAY_SEED + 31L * index), log);
    }

    /** The setup without JMH's objects, for tests. */
    public void open(BenchConfig cfg, BenchId id, int threadIndex, int threads, InjectedDelay delay, ForkLog log) {
        LoadShape shape = shape();
        Overload overload = new Overload(threads, clientCpus(cfg));
        forkLog = log;
        who = id.shortName() + " thread " + threadIndex;
        if (threadIndex == 0) {
            overload.statement().ifPresent(s -> {
                System.out.println("[tailgate] " + id.shortName() + ": " + s);
                log.comment(s);
            });
        }
        trial = LoadTrial.open(cfg, id, shape, threadIndex, overload, delay, client().protocol(cfg), client()::connect);
    }

    /**
     * The CPUs the client threads may have: the core plan's, else (no plan) the CPUs this
     * process may use other than the server's.
     */
    static List<Integer> clientCpus(BenchConfig cfg) {
        if (!cfg.clientCpus().isEmpty()) {
            return cfg.clientCpus();
        }
        return AllowedCpus.listIn(Path.of("/proc/self/status")).orElse(List.of()).stream()
                .filter(c -> c != cfg.serverCpu()).toList();
    }

    /** The client library under test. */
    abstract LoadClient client();

    @Setup(Level.Iteration)
    public void beginIteration(IterationParams iteration) {
        beginIteration(iteration.getType() == IterationType.MEASUREMENT);
    }

    /** The same without JMH's object, for tests. */
    public void beginIteration(boolean measurement) {
        measured = measurement;
        trial.beginIteration();
    }

    @TearDown(Level.Iteration)
    public void endIteration() throws IOException {
        Optional<ForkLog> log = Optional.ofNullable(forkLog);
        System.out.println(trial.endIteration(measured, log.flatMap(ForkLog::log), who));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        trial.close();
    }
}
