package dev.tailgate.bench.support;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.ThreadFactoryProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.RedisProtocol;

/**
 * The one place that turns a {@link BenchConfig} into a Redis connection: transport (TCP, TLS
 * or Unix socket, {@link RedisEndpoint}), ACL user, password, database and protocol are applied
 * the same way for Jedis, Lettuce and the raw RESP socket, so the three measure the same server
 * path.
 */
public final class RedisConnections {
    private static final int TIMEOUT_MILLIS = 30_000;

    private RedisConnections() {
    }

    /** A Jedis connection pinned to {@code tailgate.protocol} (Jedis 7 would otherwise pick). */
    public static Jedis jedis(BenchConfig cfg) {
        Jedis jedis = new Jedis(jedisSockets(cfg), jedisConfig(cfg));
        jedis.connect();
        return jedis;
    }

    /** The target's transport (TCP, TLS or Unix socket) as Jedis opens sockets, for {@link #jedis} and its peers. */
    public static JedisSocketFactory jedisSockets(BenchConfig cfg) {
        return cfg.endpoint().jedisSockets(TIMEOUT_MILLIS, TIMEOUT_MILLIS);
    }

    /** The Jedis client settings of {@link #jedis}, for a caller that builds its own Jedis {@code Connection}. */
    public static DefaultJedisClientConfig jedisConfig(BenchConfig cfg) {
        return jedisBuilder(cfg).build();
    }

    /**
     * The settings of {@link #jedisConfig} for a JedisCluster, which opens its own sockets to
     * every node: over TLS they carry the endpoint's TLS ({@link RedisEndpoint#jedisClusterTls}).
     */
    public static DefaultJedisClientConfig jedisClusterConfig(BenchConfig cfg) {
        return cfg.endpoint().jedisClusterTls(jedisBuilder(cfg)).build();
    }

    private static DefaultJedisClientConfig.Builder jedisBuilder(BenchConfig cfg) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .database(cfg.redisDb())
                .protocol(cfg.protocol() == BenchConfig.Protocol.RESP3 ? RedisProtocol.RESP3 : RedisProtocol.RESP2);
        cfg.redisUser().ifPresent(b::user);
        cfg.password().ifPresent(b::password);
        return b;
    }

    /**
     * Lettuce client resources with as few threads as Lettuce allows, whose threads come from
     * {@code threads} so the caller can record them. Asking for one I/O (and one computation)
     * thread gets two of each: Lettuce raises a smaller pool to its minimum
     * ({@code DefaultClientResources.MIN_IO_THREADS}, {@code MIN_COMPUTATION_THREADS}, both 2)
     * and logs that it did. A connection stays on one event loop; a client's connections are
     * spread over both, so completions of different connections may run on different threads.
     */
    public static ClientResources lettuceResources(ThreadFactoryProvider threads) {
        return DefaultClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                .threadFactoryProvider(threads)
                .build();
    }

    /** A Lettuce client pinned to {@code tailgate.protocol}. */
    public static RedisClient lettuce(BenchConfig cfg, ClientResources resources) {
        RedisURI.Builder uri = lettuceAuth(cfg.endpoint().lettuceUri().withDatabase(cfg.redisDb()), cfg);
        RedisClient client = RedisClient.create(resources, uri.build());
        ClientOptions.Builder options = ClientOptions.builder()
                .protocolVersion(cfg.protocol() == BenchConfig.Protocol.RESP3 ? ProtocolVersion.RESP3 : ProtocolVersion.RESP2);
        cfg.endpoint().lettuceSsl().ifPresent(options::sslOptions);
        client.setOptions(options.build());
        return client;
    }

    /**
     * {@code uri} with the benchmarks' timeout and {@code tailgate.*} user and password, for a
     * Lettuce client of one server or of a cluster's seeds.
     */
    public static RedisURI.Builder lettuceAuth(RedisURI.Builder uri, BenchConfig cfg) {
        uri.withTimeout(Duration.ofMillis(TIMEOUT_MILLIS));
        Optional<String> password = cfg.password();
        // Without a user, Lettuce's withAuthentication refuses a null name: password-only
        // servers (requirepass, the default user) get AUTH <password>, like Jedis and raw RESP.
        if (password.isPresent() && cfg.redisUser().isPresent()) {
            uri.withAuthentication(cfg.redisUser().get(), password.get().toCharArray());
        } else if (password.isPresent()) {
            uri.withPassword(password.get().toCharArray());
        }
        return uri;
    }

    /**
     * A raw RESP2 socket, authenticated and on the configured database, with this JVM's
     * {@link FloorIo} ({@code tailgate.io}; over TLS or a Unix socket, socket streams). No HELLO
     * is sent, so the connection speaks RESP2 whatever {@code tailgate.protocol} says.
     */
    public static RawRespConnection raw(BenchConfig cfg) {
        RedisEndpoint e = cfg.endpoint();
        return raw(cfg, FloorIo.fromSystemProperties(e.transport() == RedisEndpoint.Transport.TCP, e.describe()));
    }

    /** The same with the given I/O mode (over TCP; TLS and Unix sockets take socket streams only). */
    public static RawRespConnection raw(BenchConfig cfg, FloorIo io) {
        RawRespConnection c = RawRespConnection.connect(cfg.endpoint(), io);
        try {
            Optional<String> password = cfg.password();
            if (password.isPresent()) {
                if (cfg.redisUser().isPresent()) {
                    c.callOrFail("AUTH", cfg.redisUser().get(), password.get());
                } else {
                    c.callOrFail("AUTH", password.get());
                }
            }
            if (cfg.redisDb() != 0) {
                c.callOrFail("SELECT", Integer.toString(cfg.redisDb()));
            }
            return c;
        } catch (IOException e) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the handshake error is the one to report
            }
            throw new UncheckedIOException("raw RESP handshake with " + cfg.endpoint().describe() + " failed", e);
        }
    }
}
