package dev.tailgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prune never touches a RUNNING run whose process is alive, nor a young one whose process is gone. */
class RunningRunRetentionTest {
    private static final Instant NOW = ResultsFixture.NOW;

    private static Path running(Path results, String id, Duration startedAgo, String lock) throws IOException {
        Path dir = Files.createDirectories(results.resolve(id));
        Files.writeString(dir.resolve("manifest.json"), "{\"startedAt\":\"" + NOW.minus(startedAgo) + "\",\"status\":\"RUNNING\"}");
        if (lock != null) {
            Files.writeString(dir.resolve(RunLock.FILE), lock);
        }
        return dir;
    }

    /** A pid that is not running: a child that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void onlyFinishedOrLongDeadRunsArePrunable(@TempDir Path results) throws Exception {
        ProcessHandle me = ProcessHandle.current();
        String live = "{\"pid\":" + me.pid() + ",\"processStart\":\"" + me.info().startInstant().orElseThrow() + "\"}";
        String reused = "{\"pid\":" + me.pid() + ",\"processStart\":\"2001-01-01T00:00:00Z\"}";
        String dead = "{\"pid\":" + deadPid() + "}";
        running(results, "live-old", Duration.ofDays(30), live);
        running(results, "reused-pid-old", Duration.ofDays(30), reused);
        running(results, "dead-young", Duration.ofHours(1), dead);
        running(results, "dead-old", Duration.ofDays(2), dead);
        running(results, "no-lock-young", Duration.ofHours(1), null);
        running(results, "no-lock-old", Duration.ofDays(2), null);
        ResultsFixture.run(results, "complete-old", 30, "complete");

        Map<String, Boolean> spared = new RunStore(results).listRuns().stream()
                .collect(Collectors.toMap(RunDir::id, r -> RetentionPolicy.spared(r, NOW)));
        assertEquals(Map.of("live-old", true, "reused-pid-old", false, "dead-young", true, "dead-old", false,
                "no-lock-young", true, "no-lock-old", false, "complete-old", false), spared);
        List<String> doomed = new RetentionPolicy.KeepNewest(0).toDelete(new RunStore(results).listRuns()).stream()
                .filter(r -> !RetentionPolicy.spared(r, NOW)).map(RunDir::id).sorted().toList();
        assertEquals(List.of("complete-old", "dead-old", "no-lock-old", "reused-pid-old"), doomed);
    }
}
