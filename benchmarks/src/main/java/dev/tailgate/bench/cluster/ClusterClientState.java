package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.ArmTrials;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ClientTrial;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.InjectedDelay;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.ThreadPinning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The per-thread JMH state of the Redis Cluster benchmarks, in {@code ClientState}'s order and
 * for its reasons: pin the benchmark thread, preload this thread's keys ({@link #KEYS_PER_NODE}
 * on every master), then open the cluster client under test; teardown undoes it in reverse.
 *
 * <p>In an alternated A/B fork ({@link ForkArms}, {@code tailgate.alternate}) each arm has a
 * cluster of its own (arm B's seeds in {@link ClusterSeeds#ALT_PROPERTY}): the thread is pinned
 * once, each arm's keys are preloaded on its cluster and each arm's client opened and kept;
 * {@code @Setup(Level.Iteration)}, outside the timed region, only selects which arm the timed
 * calls use, as the one-server benchmarks do. The timed method calls {@code delay().beforeCall()}
 * first, so an arm's injected delay ({@code tailgate.inject.*}) is inside the measured call.
 *
 * <p>At trial teardown each arm's timed client reports the redirections it followed
 * ({@link RedirectRecord}), which the harness judges (a MOVED storm).
 *
 * <p>{@code master} chooses which keys the timed calls read: {@code all} (uniform over every
 * master's keys, so each master serves its equal share) or one master's index, which gives
 * that master's latency as a result of its own (per-node attribution without timing anything
 * inside the measured call).
 *
 * @param <C> the cluster client under test
 */
@State(Scope.Thread)
public abstract class ClusterClientState<C extends AutoCloseable & Redirected> {
    /** Keys per master per thread, as many as a standalone trial's thread has in all. */
    public static final int KEYS_PER_NODE = ClientTrial.KEYS_PER_THREAD;

    /** 16 B like the smallest standalone GET/SET, so the two compare at one size. */
    @Param({"16"})
    public int valueBytes;

    /** {@code all} masters' keys, or one master's index. */
    @Param({"all"})
    public String master;

    private PinnedThread pin;
    private ForkArms forkArms;
    private final List<ClusterArm<C>> arms = new ArrayList<>();
    private ClusterArm<C> current;
    private BenchId id;
    private int threadIndex;
    private int warmups;
    private int measurements;
    private Optional<Path> records = Optional.empty();

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params, ThreadParams thread) {
        BenchId bench = BenchId.of(params);
        ForkArms fa = ForkArms.fromSystemProperties();
        records = RedirectRecord.dirFromSystemProperties();
        open(fa, ClusterSeeds.perArm(System::getProperty, fa, bench.shortName()), bench, thread.getThreadIndex());
    }

    /** The setup without JMH's injected objects, for tests: one arm, no injection. */
    public void open(BenchConfig cfg, ClusterSeeds seeds, BenchId id, int threadIndex) {
        open(ForkArms.single(cfg), List.of(seeds), id, threadIndex);
    }

    /** The setup for the given arms, {@code seeds} in arm order; arm A is selected until {@link #beginIteration}. */
    public void open(ForkArms forkArms, List<ClusterSeeds> seeds, BenchId id, int threadIndex) {
        if (seeds.size() != forkArms.arms().size()) {
            throw new IllegalArgumentException(id.shortName() + ": " + forkArms.arms().size() + " arms but seeds for "
                    + seeds.size());
        }
        this.forkArms = forkArms;
        this.id = id;
        this.threadIndex = threadIndex;
        BenchConfig first = forkArms.arms().get(0).config();
        pin = ThreadPinning.pinClient(first, id, first.protocol().name());
        try {
            for (int i = 0; i < seeds.size(); i++) {
                arms.add(ClusterArm.open(forkArms.arms().get(i), i, seeds.get(i), id, threadIndex, valueBytes, master,
                        this::connect));
            }
            current = arms.get(0);
        } catch (RuntimeException e) {
            tearDown();
            throw e;
        }
    }

    /** Opens the cluster client under test (after pinning and preloading). */
    protected abstract C connect(BenchConfig cfg, ClusterSeeds seeds, BenchId id);

    /** Switches to the arm of the iteration about to run (outside the timed region). */
    @Setup(Level.Iteration)
    public void beginIteration(IterationParams iteration) {
        beginIteration(iteration.getType() == IterationType.MEASUREMENT);
    }

    /** The same without JMH's object, for tests. */
    public void beginIteration(boolean measurement) {
        current = arms.get(forkArms.armOf(measurement ? measurements++ : warmups++));
    }

    /** The current arm's timed client. */
    public C connection() {
        return current.connection();
    }

    /** The current arm's keyspace. */
    public ClusterKeyspace keys() {
        return current.keys();
    }

    /** The current arm's injected delay ({@link InjectedDelay#NONE} unless injecting). */
    public InjectedDelay delay() {
        return current.delay();
    }

    /** A uniformly chosen key among those {@code master} selects on the current arm, from its seeded stream. */
    public byte[] randomKey() {
        return current.randomKey();
    }

    /** Letter of the current iteration's arm ({@code A}, or {@code B} in an alternated fork). */
    public String arm() {
        return current.arm.letter();
    }

    /** Redirections each arm's timed client followed so far, in arm order. */
    public List<Long> redirections() {
        return arms.stream().map(ClusterArm::redirections).toList();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            report();
        } finally {
            closeArms();
        }
    }

    /** One {@link RedirectRecord} per arm into the harness's directory, if it gave one. */
    private void report() {
        if (records.isEmpty()) {
            return;
        }
        for (ClusterArm<C> a : arms) {
            if (a.connection() != null) {
                new RedirectRecord(id.benchmark(), id.params(), a.arm.letter(), a.seeds.nodes(), threadIndex,
                        a.redirections()).write(records.get());
            }
        }
    }

    /** Closes arm B's before arm A's, then releases the CPU. */
    private void closeArms() {
        try {
            ArmTrials.closeReversed(arms, ClusterArm::close);
        } finally {
            arms.clear();
            current = null;
            if (pin != null) {
                pin.close();
            }
            pin = null;
        }
    }
}
