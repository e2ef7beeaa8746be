package dev.tailgate.redis;

import dev.tailgate.bench.support.RedisEndpoint;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisBinary;
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
    private final RedisTarget target;

    private EmbeddedRedis(RedisServer server) {
        this.server = Objects.requireNonNull(server);
        RedisEndpoint e = server.endpoint();
        this.target = new RedisTarget(e.host(), e.port(), Optional.empty(), 0, true, e.socket(), e.tls());
    }

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

    @Override
    public void close() {
        server.close();
    }
}
