package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.io.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code tailgate run}s into one results directory at the same time, each a JVM of its own
 * (as two nightly jobs, or a job and a person, would be) against one external redis-server.
 */
class ConcurrentRunsIT {
    private static EmbeddedRedis target;

    @BeforeAll
    static void start() {
        target = TestRedis.start("stock");
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    /** A one-fork JedisPing run of {@code iterations} one-second iterations into {@code tmp/results/id}. */
    private static ChildTailgate run(Path tmp, String id, int iterations) throws Exception {
        return ChildTailgate.start(Map.of(), Files.createDirectories(tmp.resolve("java-tmp-" + id + "-" + iterations)),
                "run", "--target", "redis://127.0.0.1:" + target.target().port(), "--include", "JedisPing",
                "--results", tmp.resolve("results").toString(), "--run-id", id, "--no-pin", "--forks", "1",
                "--warmup-iterations", "0", "--iterations", Integer.toString(iterations), "--time", "1s");
    }

    /**
     * Three runs started together: two under distinct ids must both complete; two under one id
     * both pass any "does it exist yet?" check before either has created the directory, so only
     * an atomic claim keeps the second out. Those two differ in their iteration count, so the
     * directory shows whose files it holds.
     */
    @Test
    void runsStartedTogetherGetTheirOwnDirectoriesAndASecondClaimOfAnIdIsRefused(@TempDir Path tmp) throws Exception {
        int[] codes = new int[3];
        String out;
        try (ChildTailgate one = run(tmp, "same", 1); ChildTailgate two = run(tmp, "same", 2);
             ChildTailgate other = run(tmp, "other", 1)) {
            codes[0] = one.awaitExit(Duration.ofSeconds(120));
            codes[1] = two.awaitExit(Duration.ofSeconds(120));
            codes[2] = other.awaitExit(Duration.ofSeconds(120));
            out = "--- same, 1 iteration:\n" + one.output() + "--- same, 2 iterations:\n" + two.output()
                    + "--- other:\n" + other.output();
        }
        assertEquals(ExitCode.OK, codes[2], out);
        assertRunOf(tmp.resolve("results/other"), "other", 1, out);
        assertTrue(codes[0] == ExitCode.OK ^ codes[1] == ExitCode.OK, "exactly one may run:\n" + out);
        assertTrue(codes[0] == ExitCode.BAD_INPUT || codes[1] == ExitCode.BAD_INPUT, out);
        Path same = tmp.resolve("results/same");
        String refusal = "error: results directory " + same + " already exists";
        assertEquals(1, out.lines().filter(l -> l.startsWith(refusal)).count(), out);
        assertRunOf(same, "same", codes[0] == ExitCode.OK ? 1 : 2, out);
    }

    /** {@code runDir} is a complete run of {@code id} with {@code iterations} iterations, and nobody else's. */
    private static void assertRunOf(Path runDir, String id, int iterations, String out) throws Exception {
        InterruptedRunIT.assertJsonParses(runDir);
        JsonNode m = JsonFiles.json().readTree(runDir.resolve("manifest.json").toFile());
        assertEquals("COMPLETE", m.get("status").asText(), out);
        assertEquals(id, m.get("runId").asText(), out);
        assertEquals(iterations, m.path("jmh").path("iterations").asInt(), "the manifest is another run's:\n" + out);
        JsonNode measured = JsonFiles.json().readTree(runDir.resolve("jmh.json").toFile()).get(0).path("primaryMetric")
                .path("rawDataHistogram").get(0);
        assertEquals(iterations, measured.size(), "jmh.json is another run's:\n" + out);
        assertTrue(Files.notExists(runDir.resolve("run.lock")), id + " still holds its run.lock");
    }
}
