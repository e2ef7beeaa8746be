package dev.tailgate.redis.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way tests of both modules start Redis: through the product's own launcher
 * ({@link RedisServer}) with the binary the product would pick ({@code redis-server} on
 * {@code PATH}, else the one bundled in the embedded-redis artifact), on a free loopback port,
 * without persistence, in a scratch directory that closing the server deletes. A test needs
 * only a JDK and Maven. Always close the server (try-with-resources or {@code @AfterAll}).
 *
 * <p>Shared as the benchmarks module's test-jar: the harness depends on the benchmarks module,
 * so this is the one place both modules' tests can reach.
 */
public final class RedisFixture {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private RedisFixture() {
    }

    /**
     * Starts Redis with a profile ("stock", "low-latency", or a .conf path) and extra config lines
     * after the launcher's own, e.g. {@code "requirepass secret"} or {@code "user bench on >pw ~* +@all"}.
     */
    public static RedisServer start(String profile, String... extraConfig) {
        return RedisServer.start(options(profile, binary(), extraConfig));
    }

    /**
     * Starts Redis reached over {@code topology} (TLS with a throwaway CA, or a Unix socket). A
     * binary built without TLS skips the calling test (a JUnit assumption) with the launcher's
     * one-line reason, rather than failing it: the bundled Redis 6.2 has no TLS.
     */
    public static RedisServer start(Topology topology, String... extraConfig) {
        try {
            return RedisServer.start(options("stock", binary(), extraConfig).withTopology(topology));
        } catch (RedisLaunchException e) {
            Assumptions.assumeFalse(String.valueOf(e.getMessage()).contains("built without"), e.getMessage());
            throw e;
        }
    }

    /** Starts a Redis Cluster of {@code masters} masters from {@code binary} (no replicas, slots split evenly). */
    public static RedisCluster startCluster(int masters, RedisBinary binary) {
        return RedisCluster.start(options("stock", binary), masters, Duration.ofSeconds(30));
    }

    /**
     * Starts a Redis Cluster of {@code masters} masters whose nodes and bus are reached over
     * {@code topology} (TLS: one throwaway CA); a binary built without TLS skips the calling
     * test as {@link #start(Topology, String...)} does.
     */
    public static RedisCluster startCluster(int masters, Topology topology) {
        try {
            return RedisCluster.start(options("stock", binary()).withTopology(topology), masters, Duration.ofSeconds(30));
        } catch (RedisLaunchException e) {
            Assumptions.assumeFalse(String.valueOf(e.getMessage()).contains("built without"), e.getMessage());
            throw e;
        }
    }

    /** Starts Redis from a chosen binary (e.g. the bundled one, resolved with an empty PATH). */
    public static RedisServer start(String profile, RedisBinary binary) {
        return RedisServer.start(options(profile, binary));
    }

    /**
     * The fixture's options, for a test that needs one more setting (a fixed port, a server CPU):
     * change them with {@link RedisServer.Options#withPort} or {@link RedisServer.Options#withServerCpus}.
     */
    public static RedisServer.Options options(String profile, RedisBinary binary, String... extraConfig) {
        return new RedisServer.Options(binary, ConfigProfile.load(profile, home()), 0, Optional.empty(),
                Optional.empty(), START_TIMEOUT, List.of(extraConfig));
    }

    /** What the product resolves without {@code --redis-server}: PATH, else the bundled binary. */
    public static RedisBinary binary() {
        return RedisBinary.resolve(Optional.empty(), System.getenv("PATH"));
    }

    /** The checkout root (surefire passes it), for profiles/ and thresholds/. */
    public static Optional<Path> home() {
        String root = System.getProperty("tailgate.test.root");
        return root == null ? Optional.empty() : Optional.of(Path.of(root));
    }

    /** Waits (bounded) until a pid is gone; true if it is. */
    public static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
