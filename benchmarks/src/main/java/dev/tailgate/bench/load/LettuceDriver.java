package dev.tailgate.bench.load;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.LettuceConnection;
import dev.tailgate.bench.support.RedisConnections;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load shape through Lettuce's async API: one client per benchmark thread, its
 * {@code connections} sharing the client's Netty I/O threads (two: Lettuce raises the one
 * {@link RedisConnections#lettuceResources} asks for to its minimum of two; each connection stays on
 * one of them; recorded as role io-thread, as for every Lettuce benchmark), auto-flush off so a
 * batch leaves with one {@code flushCommands()}; a reply is the completion of the command's
 * future, awaited in order on the benchmark thread, so whichever I/O thread completes it, only
 * the benchmark thread records. Every command crosses to an I/O thread and back, which is what
 * Lettuce adds.
 */
final class LettuceDriver implements LoadDriver {
    private static final long TIMEOUT_SECONDS = 30;

    private final ClientResources resources;
    private final RedisClient client;
    private final List<StatefulRedisConnection<byte[], byte[]>> connections;
    private final List<RedisAsyncCommands<byte[], byte[]>> async;
    private final RedisFuture<?>[][] futures;
    private final int[] queued;
    private final int[] read;
    private final SetArgs set;

    private LettuceDriver(ClientResources resources, RedisClient client,
                          List<StatefulRedisConnection<byte[], byte[]>> connections, int pipeline, long ttlMillis) {
        this.resources = resources;
        this.client = client;
        this.connections = connections;
        this.async = connections.stream().map(StatefulRedisConnection::async).toList();
        this.futures = new RedisFuture<?>[connections.size()][pipeline];
        this.queued = new int[connections.size()];
        this.read = new int[connections.size()];
        this.set = ttlMillis > 0 ? SetArgs.Builder.px(ttlMillis) : new SetArgs();
    }

    static LettuceDriver open(BenchConfig cfg, BenchId id, LoadShape shape, long ttlMillis) {
        ClientResources res = LettuceConnection.recordingResources(cfg, id);
        RedisClient cl = null;
        List<StatefulRedisConnection<byte[], byte[]>> open = new ArrayList<>();
        try {
            cl = RedisConnections.lettuce(cfg, res);
            for (int i = 0; i < shape.connections(); i++) {
                StatefulRedisConnection<byte[], byte[]> c = cl.connect(ByteArrayCodec.INSTANCE);
                c.setAutoFlushCommands(false);
                open.add(c);
            }
            return new LettuceDriver(res, cl, open, shape.pipeline(), ttlMillis);
        } catch (RuntimeException e) {
            open.forEach(StatefulRedisConnection::close);
            shutdown(cl, res);
            throw e;
        }
    }

    @Override
    public void send(int conn, LoadCommand command, byte[] key, byte[] value) {
        RedisAsyncCommands<byte[], byte[]> a = async.get(conn);
        futures[conn][queued[conn]++] = switch (command) {
            case GET -> a.get(key);
            case SET -> a.set(key, value, set);
            case PING -> a.ping();
            case INCR -> a.incr(key);
            case HGET -> a.hget(key, LoadKeyspace.FIELD);
            case HSET -> a.hset(key, LoadKeyspace.FIELD, value);
            case LPUSH -> a.lpush(key, value);
            case RPOP -> a.rpop(key);
        };
    }

    @Override
    public void flush(int conn) {
        connections.get(conn).flushCommands();
    }

    @Override
    public void receive(int conn, LoadCommand command) throws IOException {
        Object r;
        try {
            r = futures[conn][read[conn]++].get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(command + " on connection " + conn + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IOException(command + " on connection " + conn + ": no reply within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command + " on connection " + conn + ": interrupted", e);
        }
        if (read[conn] == queued[conn]) {
            read[conn] = 0;
            queued[conn] = 0;
        }
        LoadDriver.check(fits(command, r), command, conn, r);
    }

    /** True when {@code r} is what Lettuce's async API gives {@code command} (the fixed-rate mix checks the same). */
    static boolean fits(LoadCommand command, Object r) {
        return switch (command) {
            case GET, HGET -> r instanceof byte[];
            case SET, PING -> r instanceof String;
            case INCR, LPUSH -> r instanceof Long;
            case HSET -> r instanceof Boolean;
            case RPOP -> r == null || r instanceof byte[];
        };
    }

    @Override
    public void close() {
        connections.forEach(StatefulRedisConnection::close);
        shutdown(client, resources);
    }

    static void shutdown(RedisClient cl, ClientResources res) {
        if (cl != null) {
            cl.shutdown(0, 2, TimeUnit.SECONDS);
        }
        res.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
