package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.LettuceConnection;
import dev.tailgate.bench.support.RedisConnections;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.event.RedirectionEventSupport;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import redis.clients.jedis.HostAndPort;

/**
 * One Lettuce cluster connection ({@code byte[]} codec) with its own client and resources. Its
 * two I/O threads (Lettuce's minimum) serve the connections to the masters, each connection on
 * one of them, and are reset and recorded as {@link LettuceConnection}'s are (the core plan has
 * no CPU for them). It counts the redirections
 * it follows from the MOVED and ASK events Lettuce publishes on the resources' event bus (one
 * per redirected command; delivered off the calling thread, so a count read right after a call
 * may lag it by the events still in flight). Lettuce's adaptive topology refresh stays off, as
 * by default: a client whose slot map went stale keeps following MOVED on every call to the
 * moved slots, which is what a benchmark of it measures and what the count shows.
 */
public final class LettuceClusterConnection implements AutoCloseable, Redirected {
    private final ClientResources resources;
    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<byte[], byte[]> connection;
    private final AtomicLong redirections;
    private final Disposable events;

    private LettuceClusterConnection(ClientResources resources, RedisClusterClient client,
                                     StatefulRedisClusterConnection<byte[], byte[]> connection, AtomicLong redirections,
                                     Disposable events) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.redirections = redirections;
        this.events = events;
    }

    /**
     * Connects to the cluster through its seeds with {@code tailgate.*} user, password, protocol
     * and transport: over TLS every seed's URI is TLS and the client's options carry the same
     * trust and key material as the other clients ({@link dev.tailgate.bench.support.RedisEndpoint#lettuceClusterSsl}),
     * which Lettuce applies to the masters it discovers too.
     */
    public static LettuceClusterConnection open(BenchConfig cfg, ClusterSeeds seeds, BenchId id) {
        ClientResources res = LettuceConnection.recordingResources(cfg, id);
        RedisClusterClient cl = null;
        AtomicLong redirections = new AtomicLong();
        Disposable events = res.eventBus().get().filter(RedirectionEventSupport.class::isInstance)
                .subscribe(e -> redirections.incrementAndGet());
        try {
            List<RedisURI> uris = new ArrayList<>();
            for (HostAndPort seed : seeds.jedis()) {
                uris.add(RedisConnections.lettuceAuth(cfg.endpoint().lettuceNodeUri(seed.getHost(), seed.getPort()), cfg)
                        .build());
            }
            cl = RedisClusterClient.create(res, uris);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder().protocolVersion(
                    cfg.protocol() == BenchConfig.Protocol.RESP3 ? ProtocolVersion.RESP3 : ProtocolVersion.RESP2);
            cfg.endpoint().lettuceClusterSsl().ifPresent(options::sslOptions);
            cl.setOptions(options.build());
            return new LettuceClusterConnection(res, cl, cl.connect(ByteArrayCodec.INSTANCE), redirections, events);
        } catch (RuntimeException e) {
            events.dispose();
            if (cl != null) {
                cl.shutdown(0, 2, TimeUnit.SECONDS);
            }
            res.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            throw e;
        }
    }

    public StatefulRedisClusterConnection<byte[], byte[]> connection() {
        return connection;
    }

    @Override
    public long redirections() {
        return redirections.get();
    }

    @Override
    public void close() {
        events.dispose();
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
