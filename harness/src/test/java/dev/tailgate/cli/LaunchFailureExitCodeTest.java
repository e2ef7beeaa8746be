package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher lives in the benchmarks module and throws its own RedisLaunchException: what the
 * user sees must stay what BadInputException gave, one line and exit 3, before anything runs.
 */
class LaunchFailureExitCodeTest {

    private static void assertBadInput(CliRun r, String expected, Path results) throws Exception {
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + expected), r.err());
        assertFalse(Files.exists(results) && Files.list(results).findAny().isPresent(), "no run directory: " + r);
    }

    @Test
    void missingRedisServerBinaryIsBadInput(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results");
        CliRun r = CliRun.of("run", "--suite", "smoke", "--redis-server", dir.resolve("no-redis").toString(),
                "--results", results.toString());
        assertBadInput(r, "--redis-server " + dir.resolve("no-redis") + ": no such file", results);
    }

    @Test
    void unknownProfileIsBadInput(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results");
        CliRun r = CliRun.of("run", "--suite", "smoke", "--profile", "no-such-profile", "--results", results.toString());
        assertBadInput(r, "--profile no-such-profile: unknown profile", results);
    }
}
