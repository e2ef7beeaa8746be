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

    /**
     * A client library: what its pinning record says it speaks, and how it connects.
     *
     * @param <C> the connection under test
     */
    public record Kind<C extends AutoCloseable>(java.util.function.Function<BenchConfig, String> protocol,
                                                Connector<C> connector) {
        /** One Jedis connection, speaking {@code tailgate.protocol}. */
        public static final Kind<Jedis> JEDIS = new Kind<>(c -> c.protocol().name(), (c, i) -> RedisConnections.jedis(c));
        /** One Lettuce connection (see {@link LettuceConnection} for its I/O thread). */
        public static final Kind<LettuceConnection> LETTUCE = new Kind<>(c -> c.protocol().name(), LettuceConnection::open);
        /** A raw RESP2 socket (no HELLO is sent, so it is RESP2 whatever is configured). */
        public static final Kind<RawRespConnection> RAW = new Kind<>(c -> BenchConfig.Protocol.RESP2.name(),
                (c, i) -> RedisConnections.raw(c));
    }

    private final PinnedThread pin;
    private final boolean ownsPin;
    private final BenchKeyspace keys;
    private final SplittableRandom random;
    private final C connection;

    private ClientTrial(PinnedThread pin, boolean ownsPin, BenchKeyspace keys, SplittableRandom random, C connection) {
        this.pin = pin;
        this.ownsPin = ownsPin;
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
        try {
            return connectPinned(pin, true, cfg, id, keyCount, valueBytes, threadIndex, connector);
        } catch (RuntimeException e) {
            pin.close();
            throw e;
        }
    }

    /** A trial pinning the calling thread first, with the connection of {@code kind}. */
    public static <C extends AutoCloseable> ClientTrial<C> open(Kind<C> kind, BenchConfig cfg, BenchId id, int keyCount,
            int valueBytes, int threadIndex) {
        return open(cfg, id, keyCount, valueBytes, threadIndex, kind.protocol().apply(cfg), kind.connector());
    }

    /**
     * A second trial on the thread {@code pinnedBy} already pinned (arm B of an alternated
     * fork, on its own server): its own keyspace and connection, the same pin, which it
     * leaves to {@code pinnedBy} to release.
     */
    public static <C extends AutoCloseable> ClientTrial<C> alongside(ClientTrial<?> pinnedBy, Kind<C> kind,
            BenchConfig cfg, BenchId id, int keyCount, int valueBytes, int threadIndex) {
        return connectPinned(pinnedBy.pin, false, cfg, id, keyCount, valueBytes, threadIndex, kind.connector());
    }

    private static <C extends AutoCloseable> ClientTrial<C> connectPinned(PinnedThread pin, boolean ownsPin,
            BenchConfig cfg, BenchId id, int keyCount, int valueBytes, int threadIndex, Connector<C> connector) {
        BenchKeyspace keys = BenchKeyspace.create(cfg, id.shortName(), keyCount, valueBytes, SEED + threadIndex);
        try {
            C connection = connector.connect(cfg, id);
            return new ClientTrial<>(pin, ownsPin, keys, new SplittableRandom(SEED + threadIndex), connection);
        } catch (RuntimeException e) {
            keys.close();
            throw e;
        }
    }

    /** A trial on one Jedis connection, speaking {@code tailgate.protocol}. */
    public static ClientTrial<Jedis> jedis(BenchConfig cfg, BenchId id, int keyCount, int valueBytes, int threadIndex) {
        return open(Kind.JEDIS, cfg, id, keyCount, valueBytes, threadIndex);
    }

    /** A trial on one Lettuce connection (see {@link LettuceConnection} for its I/O thread). */
    public static ClientTrial<LettuceConnection> lettuce(BenchConfig cfg, BenchId id, int keyCount, int valueBytes,
            int threadIndex) {
        return open(Kind.LETTUCE, cfg, id, keyCount, valueBytes, threadIndex);
    }

    /** A trial on a raw RESP2 socket (no HELLO is sent, so it is RESP2 whatever is configured). */
    public static ClientTrial<RawRespConnection> raw(BenchConfig cfg, BenchId id, int keyCount, int valueBytes,
            int threadIndex) {
        return open(Kind.RAW, cfg, id, keyCount, valueBytes, threadIndex);
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
                if (ownsPin) {
                    pin.close();
                }
            }
        }
    }
}
