package dev.tailgate.bench.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import net.openhft.affinity.Affinity;
import net.openhft.affinity.AffinityLock;

/**
 * A {@link ClientTrial} whose connection under test is one Lettuce connection (byte[] codec).
 *
 * <p>Lettuce hands every command to a Netty I/O thread and the reply back, so each call
 * involves two threads. JMH pins only its own benchmark thread. Lettuce's
 * {@code ClientResources} do let us supply the thread factory, and we use that to make the
 * I/O thread visible, not to pin it: the core plan has no CPU for it (on a 2-core machine
 * there is none left). Left alone, it would silently inherit the affinity of the benchmark
 * thread that created it and share that one CPU, turning every hand-off into a context
 * switch; so it is reset to the process's base affinity and recorded with role
 * {@code io-thread}, outcome NOT_BOUND and its real allowed-CPU list.
 */
public final class LettuceTrial extends ClientTrial {
    static final String IO_THREAD_REASON = "Lettuce/Netty I/O thread: the core plan has no CPU for it; "
            + "reset to the process's base affinity instead of inheriting the client thread's CPU";

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;

    private LettuceTrial(BenchConfig cfg, BenchId id, String shortName, int keyCount, int valueBytes, int threadIndex) {
        super(cfg, id, shortName, keyCount, valueBytes, threadIndex, cfg.protocol().name());
        ClientResources res = null;
        RedisClient cl = null;
        StatefulRedisConnection<byte[], byte[]> conn = null;
        try {
            res = RedisConnections.lettuceResources(pool -> recordingFactory(cfg, id, pool));
            cl = RedisConnections.lettuce(cfg, res);
            conn = cl.connect(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            shutdown(conn, cl, res);
            close();
            throw e;
        }
        this.resources = res;
        this.client = cl;
        this.connection = conn;
    }

    public static LettuceTrial open(BenchConfig cfg, BenchId id, String shortName, int keyCount, int valueBytes,
            int threadIndex) {
        return new LettuceTrial(cfg, id, shortName, keyCount, valueBytes, threadIndex);
    }

    public StatefulRedisConnection<byte[], byte[]> connection() {
        return connection;
    }

    /** Threads for Lettuce's pools; event-loop (I/O) threads record themselves when they start. */
    private static ThreadFactory recordingFactory(BenchConfig cfg, BenchId id, String pool) {
        ThreadFactory netty = new DefaultThreadFactory(pool, true);
        boolean ioPool = pool.toLowerCase(java.util.Locale.ROOT).contains("eventloop");
        if (!ioPool) {
            return netty;
        }
        return task -> netty.newThread(() -> {
            if (cfg.pin()) {
                Affinity.setAffinity(AffinityLock.BASE_AFFINITY);
            }
            ThreadPinning.recordUnpinned(cfg, id, PinRole.IO_THREAD, cfg.protocol().name(), IO_THREAD_REASON);
            task.run();
        });
    }

    @Override
    protected void closeConnection() {
        shutdown(connection, client, resources);
    }

    private static void shutdown(StatefulRedisConnection<byte[], byte[]> conn, RedisClient cl, ClientResources res) {
        if (conn != null) {
            conn.close();
        }
        if (cl != null) {
            cl.shutdown(0, 2, TimeUnit.SECONDS);
        }
        if (res != null) {
            res.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
