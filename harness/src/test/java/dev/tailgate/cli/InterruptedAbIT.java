package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code tailgate ab} interrupted while a round measures, in a JVM of its own: both arms' run
 * directories must end as an interrupted {@code run}'s does (InterruptedRunIT), and the process
 * must exit as an interrupted run does.
 */
class InterruptedAbIT {

    @Test
    void sigintMarksBothArmsAborted(@TempDir Path tmp) throws Exception {
        Path results = tmp.resolve("results");
        List<ProcessHandle> children;
        try (EmbeddedRedis target = TestRedis.start("stock")) {
            String url = "target:redis://127.0.0.1:" + target.target().port();
            try (ChildTailgate child = ChildTailgate.start(Map.of(), Files.createDirectories(tmp.resolve("java-tmp")),
                    "ab", "--verbose", "--baseline", url, "--candidate", url, "--design", "fork", "--budget", "2m",
                    "--include", "JedisPingBenchmark", "--results", results.toString(), "--no-pin",
                    "--warmup-iterations", "0", "--iterations", "30", "--time", "1s")) {
                // the round's note comes before its first fork; "Iteration   2:" follows a measured iteration
                assertTrue(child.awaitOutput(o -> o.contains("== round 1") && o.contains("Iteration   2:"),
                        Duration.ofSeconds(120)), child.output());
                children = child.descendants();
                child.signal("INT");
                // the JVM's own exit on SIGINT, as for an interrupted run
                assertEquals(ExitCode.INTERRUPTED, child.awaitExit(Duration.ofSeconds(30)), child.output());
            }
            for (ProcessHandle c : children) {
                assertTrue(TestRedis.awaitGone(c.pid(), Duration.ofSeconds(20)), "child " + c.pid() + " outlived SIGINT");
            }
            try (Jedis j = new Jedis(target.target().host(), target.target().port())) {
                j.keys("tailgate:bench:*").forEach(k -> assertTrue(j.pttl(k) > 0, k + " has no TTL"));
            }
        }
        List<Path> arms;
        try (var dirs = Files.list(results)) {
            arms = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(2, arms.size(), "one directory per arm: " + arms);
        for (Path arm : arms) {
            InterruptedRunIT.assertRunDirectory(arm, "ABORTED");
            assertEquals("interrupted before the A/B finished",
                    JsonFiles.json().readTree(arm.resolve("manifest.json").toFile()).get("abortReason").asText());
        }
    }
}
