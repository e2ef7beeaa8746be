package dev.tailgate.redis;

import dev.tailgate.redis.launch.RedisBinary;
import dev.tailgate.redis.launch.RedisCluster;
import dev.tailgate.redis.launch.RedisFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The shared test fixture ({@link RedisFixture}) seen from harness tests: its server as an {@link EmbeddedRedis}. */
public final class TestRedis {
    private TestRedis() {
    }

    public static EmbeddedRedis start(String profile) {
        return EmbeddedRedis.of(RedisFixture.start(profile));
    }

    public static EmbeddedRedis start(String profile, RedisBinary binary) {
        return EmbeddedRedis.of(RedisFixture.start(profile, binary));
    }

    /**
     * A Redis Cluster of {@code masters} masters for tests that run the CLI in-process: JMH's
     * global lock ignored (concurrent test JVMs) and {@code tailgate.home} at the checkout root.
     */
    public static RedisCluster cliCluster(int masters) {
        cliProperties();
        return RedisFixture.startCluster(masters, RedisFixture.binary());
    }

    /** {@link #cliCluster} over {@code topology} (TLS: nodes and bus, one throwaway CA; skipped without TLS). */
    public static RedisCluster cliCluster(int masters, dev.tailgate.redis.launch.Topology topology) {
        cliProperties();
        return RedisFixture.startCluster(masters, topology);
    }

    private static void cliProperties() {
        System.setProperty("jmh.ignoreLock", "true");
        home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
    }

    /** The checkout root (surefire passes it), for profiles/ and thresholds/. */
    public static Optional<Path> home() {
        return RedisFixture.home();
    }

    /** Waits (bounded) until a pid is gone; true if it is. */
    public static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        return RedisFixture.awaitGone(pid, timeout);
    }
}
