package dev.tailgate.redis;

import dev.tailgate.bench.support.RedisEndpoint;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisBinary;
import dev.tailgate.redis.launch.RedisCluster;
import dev.tailgate.redis.launch.RedisServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A redis-server this harness started, seen as a {@link RedisTarget}. The process itself (binary
 * resolution, config, watchdog, stop) is {@link RedisServer} in the benchmarks module, which the
 * benchmark tests share; this adds only what is harness-specific.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private final RedisServer server;
    private final Optional<RedisCluster> cluster;
    private final RedisTarget target;

    private EmbeddedRedis(RedisServer server) {
        this.server = Objects.requireNonNull(server);
        this.cluster = Optional.empty();
        RedisEndpoint e = server.endpoint();
        this.target = new RedisTarget(e.host(), e.port(), Optional.empty(), 0, true, e.socket(), e.tls());
    }

    /**
     * A cluster: its first node stands for binary, profile, pid and pinning (all nodes share them),
     * and for the transport (a TLS cluster's nodes share one CA and server name).
     */
    private EmbeddedRedis(RedisCluster cluster) {
        this.server = cluster.nodes().get(0);
        this.cluster = Optional.of(cluster);
        this.target = new RedisTarget(server.host(), server.port(), Optional.empty(), 0, true, Optional.empty(),
                server.endpoint().tls(), List.of(cluster.seeds().split(",")));
    }

    /** Starts a cluster of {@code masters} ({@link RedisCluster#start}); failures are launch failures (exit 3). */
    public static EmbeddedRedis startCluster(RedisServer.Options options, int masters) {
        return new EmbeddedRedis(RedisCluster.start(options, masters, CLUSTER_FORM_TIMEOUT));
    }

    /** How long a launched cluster may take to agree on cluster_state:ok (gossip between loopback nodes). */
    static final java.time.Duration CLUSTER_FORM_TIMEOUT = java.time.Duration.ofSeconds(30);

    /** Starts a server; launch failures are {@link dev.tailgate.redis.launch.RedisLaunchException} (exit 3). */
    public static EmbeddedRedis start(RedisServer.Options options) {
        return new EmbeddedRedis(RedisServer.start(options));
    }

    /** The harness view of a server started elsewhere (the shared test fixture). */
    public static EmbeddedRedis of(RedisServer server) {
        return new EmbeddedRedis(server);
    }

    public RedisTarget target() {
        return target;
    }

    public long pid() {
        return server.pid();
    }

    public Path configFile() {
        return server.configFile();
    }

    public RedisBinary binary() {
        return server.binary();
    }

    public ConfigProfile profile() {
        return server.profile();
    }

    public Optional<String> serverCpus() {
        return server.serverCpus();
    }

    /** Directives dropped because this server does not know them, with the reason. */
    public List<String> skippedDirectives() {
        return server.skippedDirectives();
    }

    public boolean isAlive() {
        return server.isAlive();
    }

    /** The launched cluster, when this is one. */
    public Optional<RedisCluster> cluster() {
        return cluster;
    }

    @Override
    public void close() {
        if (cluster.isPresent()) {
            cluster.get().close();
        } else {
            server.close();
        }
    }
}
