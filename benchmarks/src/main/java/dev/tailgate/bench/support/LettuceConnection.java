package dev.tailgate.bench.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import net.openhft.affinity.Affinity;
import net.openhft.affinity.AffinityLock;

/**
 * One Lettuce connection ({@code byte[]} codec) with its own client and client resources, so
 * nothing is shared between benchmark threads or trials.
 *
 * <p>Lettuce hands every command to a Netty I/O thread and the reply back, so each call
 * involves two threads. JMH pins only its own benchmark thread. Lettuce's
 * {@code ClientResources} let us supply the thread factory; we use it to make the I/O threads
 * visible, not to pin them: the core plan has no CPU for them (on a 2-core machine there is
 * none left). Left alone, an I/O thread would silently inherit the affinity of the pinned
 * benchmark thread that started it and share that one CPU, turning every hand-off into a
 * context switch; so it is reset to the process's base affinity and recorded with role
 * {@code io-thread}, outcome NOT_BOUND and its real allowed-CPU list.
 */
public final class LettuceConnection implements AutoCloseable {
    static final String IO_THREAD_REASON = "Lettuce/Netty I/O thread: the core plan has no CPU for it; "
            + "reset to the process's base affinity instead of inheriting the client thread's CPU";

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;

    private LettuceConnection(ClientResources resources, RedisClient client, StatefulRedisConnection<byte[], byte[]> c) {
        this.resources = resources;
        this.client = client;
        this.connection = c;
    }

    /** Connects with {@code tailgate.*} settings; I/O threads record themselves for {@code id}. */
    public static LettuceConnection open(BenchConfig cfg, BenchId id) {
        ClientResources res = recordingResources(cfg, id);
        RedisClient cl = null;
        try {
            cl = RedisConnections.lettuce(cfg, res);
            return new LettuceConnection(res, cl, cl.connect(ByteArrayCodec.INSTANCE));
        } catch (RuntimeException e) {
            shutdown(cl, res);
            throw e;
        }
    }

    /**
     * Client resources whose I/O threads are reset and recorded as {@link #open}'s are, for a
     * caller that opens several connections on one client (they share the client's I/O threads,
     * two at least, each connection on one of them).
     */
    public static ClientResources recordingResources(BenchConfig cfg, BenchId id) {
        return RedisConnections.lettuceResources(pool -> recordingFactory(cfg, id, pool));
    }

    public StatefulRedisConnection<byte[], byte[]> connection() {
        return connection;
    }

    /** Threads for Lettuce's pools; event-loop (I/O) threads record themselves when they start. */
    private static ThreadFactory recordingFactory(BenchConfig cfg, BenchId id, String pool) {
        ThreadFactory netty = new DefaultThreadFactory(pool, true);
        if (!pool.toLowerCase(Locale.ROOT).contains("eventloop")) {
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
    public void close() {
        connection.close();
        shutdown(client, resources);
    }

    private static void shutdown(RedisClient cl, ClientResources res) {
        if (cl != null) {
            cl.shutdown(0, 2, TimeUnit.SECONDS);
        }
        res.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
