package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ClientTrial;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.InjectedDelay;
import java.util.SplittableRandom;

/**
 * One arm of a cluster benchmark thread's trial: that arm's cluster, its preloaded keys, the
 * keys {@code master} selects, the seeded key stream, the timed client and the arm's injected
 * delay. The thread is pinned by the state before any arm opens.
 *
 * @param <C> the cluster client under test
 */
final class ClusterArm<C extends AutoCloseable & Redirected> implements AutoCloseable {
    /** Seeds of the injected delays: distinct per thread and arm, fixed across runs. */
    private static final long DELAY_SEED = 0xC1_DE1AL;

    final ForkArms.Arm arm;
    final ClusterSeeds seeds;
    private final ClusterKeyspace keys;
    private final byte[][] reads;
    private final SplittableRandom random;
    private final InjectedDelay delay;
    private C connection;

    private ClusterArm(ForkArms.Arm arm, ClusterSeeds seeds, ClusterKeyspace keys, byte[][] reads, SplittableRandom random,
                       InjectedDelay delay) {
        this.arm = arm;
        this.seeds = seeds;
        this.keys = keys;
        this.reads = reads;
        this.random = random;
        this.delay = delay;
    }

    /** Preloads this arm's keys on its cluster, then opens its timed client with {@code connector}. */
    static <C extends AutoCloseable & Redirected> ClusterArm<C> open(ForkArms.Arm arm, int armIndex, ClusterSeeds seeds,
            BenchId id, int threadIndex, int valueBytes, String master, Connector<C> connector) {
        BenchConfig cfg = arm.config();
        ClusterKeyspace keys = ClusterKeyspace.create(cfg, seeds, id.shortName(), ClusterClientState.KEYS_PER_NODE,
                valueBytes, ClientTrial.SEED + threadIndex);
        ClusterArm<C> a;
        try {
            a = new ClusterArm<>(arm, seeds, keys, keys.select(master), new SplittableRandom(ClientTrial.SEED + threadIndex),
                    arm.delay(DELAY_SEED + 31L * threadIndex + armIndex));
        } catch (RuntimeException e) {
            keys.close();
            throw e;
        }
        try {
            a.connection = connector.connect(cfg, seeds, id);
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        return a;
    }

    /** Opens a timed cluster client (the state's {@code connect}). */
    @FunctionalInterface
    interface Connector<C> {
        C connect(BenchConfig cfg, ClusterSeeds seeds, BenchId id);
    }

    C connection() {
        return connection;
    }

    ClusterKeyspace keys() {
        return keys;
    }

    InjectedDelay delay() {
        return delay;
    }

    byte[] randomKey() {
        return reads[random.nextInt(reads.length)];
    }

    /** Redirections the timed client followed so far (0 before it is open). */
    long redirections() {
        return connection == null ? 0 : connection.redirections();
    }

    /** Closes the timed client, then UNLINKs the keys. */
    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing the cluster connection failed", e);
        } finally {
            connection = null;
            keys.close();
        }
    }
}
