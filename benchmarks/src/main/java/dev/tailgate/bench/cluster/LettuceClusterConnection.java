package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.LettuceConnection;
import dev.tailgate.bench.support.RedisConnections;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;

/**
 * One Lettuce cluster connection ({@code byte[]} codec) with its own client and resources. Its
 * one I/O thread serves the connections to every master and is reset and recorded as
 * {@link LettuceConnection}'s is (the core plan has no CPU for it).
 */
public final class LettuceClusterConnection implements AutoCloseable {
    private final ClientResources resources;
    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<byte[], byte[]> connection;

    private LettuceClusterConnection(ClientResources resources, RedisClusterClient client,
                                     StatefulRedisClusterConnection<byte[], byte[]> connection) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
    }

    /** Connects to the cluster through its seeds with {@code tailgate.*} user, password and protocol. */
    public static LettuceClusterConnection open(BenchConfig cfg, ClusterSeeds seeds, BenchId id) {
        ClientResources res = LettuceConnection.recordingResources(cfg, id);
        RedisClusterClient cl = null;
        try {
            List<RedisURI> uris = new ArrayList<>();
            for (HostAndPort seed : seeds.jedis()) {
                uris.add(RedisConnections.lettuceAuth(RedisURI.builder().withHost(seed.getHost()).withPort(seed.getPort()),
                        cfg).build());
            }
            cl = RedisClusterClient.create(res, uris);
            cl.setOptions(ClusterClientOptions.builder().protocolVersion(
                    cfg.protocol() == BenchConfig.Protocol.RESP3 ? ProtocolVersion.RESP3 : ProtocolVersion.RESP2).build());
            return new LettuceClusterConnection(res, cl, cl.connect(ByteArrayCodec.INSTANCE));
        } catch (RuntimeException e) {
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
    public void close() {
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
