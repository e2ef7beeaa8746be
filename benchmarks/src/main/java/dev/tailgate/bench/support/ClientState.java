package dev.tailgate.bench.support;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The per-thread JMH state of the Redis client benchmarks: pins the benchmark thread in
 * {@code @Setup(Level.Trial)} (which JMH runs on that thread), preloads the keys it will read
 * and opens the connection under test; {@code @TearDown} closes it, UNLINKs the keys and
 * releases the CPU. Concrete subclasses carry {@code @State(Scope.Thread)}, say which client
 * to connect with and, when they read keys, how many and how large.
 *
 * <p>In an alternated A/B fork ({@link ForkArms}) there is one trial per arm and
 * {@code @Setup(Level.Iteration)} picks the iteration's arm; {@link #trial()} and
 * {@link #delay()} are always the current arm's. The timed method calls
 * {@code delay().beforeCall()} first, so an injected delay is inside the measured call.
 *
 * @param <C> the connection under test
 */
public abstract class ClientState<C extends AutoCloseable> {
    private ArmTrials<C> arms;
    private ClientTrial<C> trial;
    private InjectedDelay delay = InjectedDelay.NONE;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params, ThreadParams thread) {
        open(ForkArms.fromSystemProperties(), BenchId.of(params), thread.getThreadIndex());
    }

    /** The setup without JMH's injected objects, for tests: one arm, no injection. */
    public void open(BenchConfig cfg, BenchId id, int threadIndex) {
        open(ForkArms.single(cfg), id, threadIndex);
    }

    /** The setup for the given arms; the first iteration's arm is selected by {@link #beginIteration}. */
    public void open(ForkArms forkArms, BenchId id, int threadIndex) {
        dev.tailgate.bench.cluster.ClusterSeeds.refuseCluster(System::getProperty, id.shortName());
        arms = ArmTrials.open(forkArms, kind(), id, keyCount(), valueBytes(), threadIndex);
        select();
    }

    /** Switches to the arm of the iteration about to run (outside the timed region). */
    @Setup(Level.Iteration)
    public void beginIteration(IterationParams iteration) {
        arms.beginIteration(iteration);
        select();
    }

    /** The same without JMH's object, for tests. */
    public void beginIteration(boolean measurement) {
        arms.beginIteration(measurement);
        select();
    }

    private void select() {
        trial = arms.current();
        delay = arms.delay();
    }

    /** The client library under test. */
    protected abstract ClientTrial.Kind<C> kind();

    /** Keys to preload; none by default (PING reads nothing). */
    protected int keyCount() {
        return 0;
    }

    /** Size of the preloaded values. */
    protected int valueBytes() {
        return 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arms.close();
    }

    /** The current arm's trial. */
    public ClientTrial<C> trial() {
        return trial;
    }

    /** The current arm's injected delay ({@link InjectedDelay#NONE} unless injecting). */
    public InjectedDelay delay() {
        return delay;
    }

    /** Index of the current iteration's arm (0 = A). */
    public int arm() {
        return arms.arm();
    }
}
