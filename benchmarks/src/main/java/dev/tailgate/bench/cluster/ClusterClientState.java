package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ClientTrial;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.ThreadPinning;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The per-thread JMH state of the Redis Cluster benchmarks, in {@code ClientState}'s order and
 * for its reasons: pin the benchmark thread, preload this thread's keys ({@link #KEYS_PER_NODE}
 * on every master), then open the cluster client under test; teardown undoes it in reverse.
 * One arm per fork: an alternated A/B fork needs two servers of one kind, which a cluster run
 * does not have.
 *
 * <p>{@code master} chooses which keys the timed calls read: {@code all} (uniform over every
 * master's keys, so each master serves its equal share) or one master's index, which gives
 * that master's latency as a result of its own (per-node attribution without timing anything
 * inside the measured call).
 *
 * @param <C> the cluster client under test
 */
@State(Scope.Thread)
public abstract class ClusterClientState<C extends AutoCloseable> {
    /** Keys per master per thread, as many as a standalone trial's thread has in all. */
    public static final int KEYS_PER_NODE = ClientTrial.KEYS_PER_THREAD;

    /** 16 B like the smallest standalone GET/SET, so the two compare at one size. */
    @Param({"16"})
    public int valueBytes;

    /** {@code all} masters' keys, or one master's index. */
    @Param({"all"})
    public String master;

    private PinnedThread pin;
    private ClusterKeyspace keys;
    private byte[][] reads;
    private SplittableRandom random;
    private C connection;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params, ThreadParams thread) {
        BenchId id = BenchId.of(params);
        ForkArms.requireOneArm(id.shortName());
        open(BenchConfig.fromSystemProperties(), ClusterSeeds.require(System::getProperty, id.shortName()), id,
                thread.getThreadIndex());
    }

    /** The setup without JMH's injected objects, for tests. */
    public void open(BenchConfig cfg, ClusterSeeds seeds, BenchId id, int threadIndex) {
        pin = ThreadPinning.pinClient(cfg, id, cfg.protocol().name());
        try {
            keys = ClusterKeyspace.create(cfg, seeds, id.shortName(), KEYS_PER_NODE, valueBytes,
                    ClientTrial.SEED + threadIndex);
            reads = keys.select(master);
            random = new SplittableRandom(ClientTrial.SEED + threadIndex);
            connection = connect(cfg, seeds, id);
        } catch (RuntimeException e) {
            tearDown();
            throw e;
        }
    }

    /** Opens the cluster client under test (after pinning and preloading). */
    protected abstract C connect(BenchConfig cfg, ClusterSeeds seeds, BenchId id);

    public C connection() {
        return connection;
    }

    public ClusterKeyspace keys() {
        return keys;
    }

    /** A uniformly chosen key among those {@code master} selects, from this thread's seeded stream. */
    public byte[] randomKey() {
        return reads[random.nextInt(reads.length)];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing the cluster connection failed", e);
        } finally {
            connection = null;
            try {
                if (keys != null) {
                    keys.close();
                }
            } finally {
                keys = null;
                if (pin != null) {
                    pin.close();
                }
                pin = null;
            }
        }
    }
}
