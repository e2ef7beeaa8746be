package dev.tailgate.bench.support;

import java.util.SplittableRandom;
import redis.clients.jedis.Jedis;

/**
 * What every Redis client benchmark thread holds for one JMH trial: its pinning, its own
 * keyspace, its seeded random stream, and the connection under test ({@code C}).
 *
 * <p>Order matters for measurement validity: the thread is pinned first, so that anything
 * created afterwards (connections, library threads) starts from the planned placement; the
 * keyspace is preloaded next, on its own connection, so the timed calls only read what
 * exists; the connection under test is opened last. Closing undoes all three in reverse.
 *
 * @param <C> the connection under test
 */
public final class ClientTrial<C extends AutoCloseable> implements AutoCloseable {
    /** Keys per thread: enough that GETs do not hit one hot key, few enough to preload fast. */
    public static final int KEYS_PER_THREAD = 256;
    /** Base seed; each thread uses {@code SEED + threadIndex} so runs repeat the same key order. */
    public static final long SEED = 0x7A11_6A7EL;

    /** Opens the connection under test once the thread is pinned. */
    @FunctionalInterface
    public interface Connector<C> {
        C connect(BenchConfig cfg, BenchId id);
    }

    private final PinnedThread pin;
    private final BenchKeyspace keys;
    private final SplittableRandom random;
    private final C connection;

    private ClientTrial(PinnedThread pin, BenchKeyspace keys, SplittableRandom random, C connection) {
        this.pin = pin;
        this.keys = keys;
        this.random = random;
        this.connection = connection;
    }

    /**
     * Pins the calling thread, preloads {@code keyCount} keys of {@code valueBytes} under the
     * benchmark's own namespace, then connects. {@code protocol} is what the pinning record
     * says the connection speaks.
     */
    public static <C extends AutoCloseable> ClientTrial<C> open(BenchConfig cfg, BenchId id, int keyCount,
            int valueBytes, int threadIndex, String protocol, Connector<C> connector) {
        PinnedThread pin = ThreadPinning.pinClient(cfg, id, protocol);
        BenchKeyspace keys = null;
        try {
            keys = BenchKeyspace.create(cfg, id.shortName(), keyCount, valueBytes, SEED + threadIndex);
            C connection = connector.connect(cfg, id);
            return new ClientTrial<>(pin, keys, new SplittableRandom(SEED + threadIndex), connection);
        } catch (RuntimeException e) {
            try {
                if (keys != null) {
                    keys.close();
                }
            } finally {
                pin.close();
            }
            throw e;
        }
    }

    /** A trial on one Jedis connection, speaking {@code tailgate.protocol}. */
    public static ClientTrial<Jedis> jedis(BenchConfig cfg, BenchId id, int keyCount, int valueBytes, int threadIndex) {
        return open(cfg, id, keyCount, valueBytes, threadIndex, cfg.protocol().name(),
                (c, i) -> RedisConnections.jedis(c));
    }

    /** A trial on one Lettuce connection (see {@link LettuceConnection} for its I/O thread). */
    public static ClientTrial<LettuceConnection> lettuce(BenchConfig cfg, BenchId id, int keyCount, int valueBytes,
            int threadIndex) {
        return open(cfg, id, keyCount, valueBytes, threadIndex, cfg.protocol().name(), LettuceConnection::open);
    }

    /** A trial on a raw RESP2 socket (no HELLO is sent, so it is RESP2 whatever is configured). */
    public static ClientTrial<RawRespConnection> raw(BenchConfig cfg, BenchId id, int keyCount, int valueBytes,
            int threadIndex) {
        return open(cfg, id, keyCount, valueBytes, threadIndex, BenchConfig.Protocol.RESP2.name(),
                (c, i) -> RedisConnections.raw(c));
    }

    public C connection() {
        return connection;
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

    @Override
    public void close() {
        try {
            connection.close();
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
