package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * No copy of the password may outlive the run, and a kill -9 runs no cleanup: so none may be
 * written. The JMH fork must still authenticate (it reads the inherited REDIS_PASSWORD).
 */
class SecretOnDiskIT {

    @Test
    void killMinus9DuringAMeasurementLeavesNoCopyOfThePassword(@TempDir Path tmp) throws Exception {
        String password = "kill9-secret-" + System.nanoTime();
        Path childTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        Path results = tmp.resolve("results");
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            try (Jedis j = new Jedis(redis.target().host(), redis.target().port())) {
                j.configSet("requirepass", password);
            }
            try (ChildTailgate child = ChildTailgate.start(Map.of("REDIS_PASSWORD", password), childTmp,
                    "run", "--verbose", "--target", "redis://127.0.0.1:" + redis.target().port(), "--include", "JedisPing",
                    "--results", results.toString(), "--forks", "1", "--warmup-iterations", "0",
                    "--iterations", "30", "--time", "1s", "--no-pin")) {
                // a second iteration means the first was measured: the fork authenticated with the
                // inherited password
                assertTrue(child.awaitOutput(o -> o.contains("Iteration   2:"), Duration.ofSeconds(120)), child.output());
                List<ProcessHandle> forks = child.descendants();
                child.signal("KILL");
                assertTrue(child.awaitExit(Duration.ofSeconds(20)) >= 0, "tailgate did not die");
                forks.forEach(ProcessHandle::destroyForcibly);
                for (ProcessHandle f : forks) {
                    assertTrue(TestRedis.awaitGone(f.pid(), Duration.ofSeconds(20)), "fork " + f.pid() + " still alive");
                }
            }
        }
        assertNoFileContains(childTmp, password);
        assertNoFileContains(results, password);
    }

    static void assertNoFileContains(Path root, String secret) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(secret), "the password is on disk in " + f);
            }
        }
    }
}
