package dev.tailgate.bench.support;

import java.util.SplittableRandom;

/**
 * What every Redis client benchmark thread holds for one JMH trial: its pinning, its own
 * keyspace and its seeded random stream. Subclasses add the connection under test.
 *
 * <p>Order matters for measurement validity: the thread is pinned first, so that anything
 * created afterwards (connections, library threads) starts from the planned placement; the
 * keyspace is preloaded next, on its own connection, so the timed calls only read what
 * exists. Closing undoes both in reverse order.
 */
public abstract class ClientTrial implements AutoCloseable {
    /** Keys per thread: enough that GETs do not hit one hot key, few enough to preload fast. */
    public static final int KEYS_PER_THREAD = 256;
    /** Base seed; each thread uses {@code SEED + threadIndex} so runs repeat the same key order. */
    public static final long SEED = 0x7A11_6A7EL;

    private final BenchConfig config;
    private final PinnedThread pin;
    private final BenchKeyspace keys;
    private final SplittableRandom random;

    protected ClientTrial(BenchConfig cfg, BenchId id, String shortName, int keyCount, int valueBytes,
            int threadIndex, String protocol) {
        this.config = cfg;
        this.pin = ThreadPinning.pinClient(cfg, id, protocol);
        try {
            this.keys = BenchKeyspace.create(cfg, shortName, keyCount, valueBytes, SEED + threadIndex);
        } catch (RuntimeException e) {
            pin.close();
            throw e;
        }
        this.random = new SplittableRandom(SEED + threadIndex);
    }

    public BenchConfig config() {
        return config;
    }

    public PinnedThread pin() {
        return pin;
    }

    public BenchKeyspace keys() {
        return keys;
    }

    /** A uniformly chosen preloaded key, from this thread's seeded stream. */
    public byte[] randomKey() {
        return keys.key(random.nextInt(keys.size()));
    }

    /** Closes the connection under test; called before the keyspace is cleaned up. */
    protected abstract void closeConnection() throws Exception;

    @Override
    public final void close() {
        try {
            closeConnection();
        } catch (Exception e) {
            throw new IllegalStateException("closing the benchmark connection failed", e);
        } finally {
            try {
                keys.close();
            } finally {
                pin.close();
            }
        }
    }
}
