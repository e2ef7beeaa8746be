package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prune --keep 0 racing a real run: the run in progress is never touched and completes. */
class PruneDuringRunIT {

    @BeforeAll
    static void setUp() {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void pruneKeepZeroLeavesARunningRunAlone(@TempDir Path results) throws Exception {
        Path runDir = results.resolve("racing");
        // The run is a process of its own, as it is when a nightly job's prune meets it.
        try (ChildTailgate run = ChildTailgate.start(java.util.Map.of(), Files.createDirectories(results.resolve("..")
                .resolve(results.getFileName() + "-tmp")), "run", "--suite", "smoke", "--results", results.toString(),
                "--run-id", "racing", "--include", "JedisPing", "--no-pin", "--forks", "1", "--warmup-iterations", "0",
                "--iterations", "2", "--time", "1s")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.isRegularFile(runDir.resolve("manifest.json")) && run.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.isRegularFile(runDir.resolve("manifest.json")), "the run never wrote its manifest: " + run.output());
            // Every prune while the run writes must keep it; one that lands after the run released
            // its directory may delete it, and the run has then finished untouched.
            int kept = 0;
            boolean deleted = false;
            while (run.isAlive() && !deleted) {
                CliRun prune = CliRun.of("prune", "--keep", "0", "--results", results.toString());
                assertEquals(ExitCode.OK, prune.code(), prune.toString());
                deleted = prune.out().contains("deleted 1 of 1");
                if (!deleted) {
                    assertTrue(prune.out().contains("deleted 0 of 1") && prune.out().contains("kept " + runDir),
                            prune.toString());
                    kept++;
                }
            }
            assertEquals(ExitCode.OK, run.awaitExit(java.time.Duration.ofSeconds(120)), run.output());
            assertTrue(kept > 0, "prune never raced the run");
            if (!deleted) {
                assertEquals("COMPLETE", JsonFiles.json().readTree(runDir.resolve("manifest.json").toFile()).get("status").asText());
                CliRun after = CliRun.of("prune", "--keep", "0", "--results", results.toString());
                assertTrue(after.out().contains("deleted 1 of 1"), after.toString());
            }
        }
        assertTrue(Files.notExists(runDir), "a finished run is prunable");
    }
}
