package dev.tailgate.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Starts a real redis-server for tests through the product's own launcher. */
public final class TestRedis {
    private TestRedis() {
    }

    public static EmbeddedRedis start(String profile) throws Exception {
        return start(profile, RedisBinary.resolve(Optional.empty(), System.getenv("PATH")));
    }

    public static EmbeddedRedis start(String profile, RedisBinary binary) throws Exception {
        Path work = scratchDir("tailgate-test-redis");
        return EmbeddedRedis.start(new EmbeddedRedis.Options(binary,
                ConfigProfile.load(profile, home()), 0, Optional.empty(), work, Duration.ofSeconds(20)));
    }

    /**
     * A temp directory for a test Redis's config and log, deleted with its contents when the test
     * JVM exits (the server is stopped by then), so repeated test runs do not fill /tmp.
     */
    public static Path scratchDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dev.tailgate.run.Trees.delete(dir);
            } catch (IOException | RuntimeException ignored) {
                // best effort at exit
            }
        }));
        return dir;
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
