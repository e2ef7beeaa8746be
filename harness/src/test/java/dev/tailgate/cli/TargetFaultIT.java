package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target itself fails while a run measures it: killed, or stalled. Each run is a JVM of its
 * own against an external redis-server that this test started and then breaks once a
 * measurement iteration has completed.
 */
class TargetFaultIT {

    /** A run against {@code redis}, of 30 one-second iterations: far longer than either test waits. */
    private static ChildTailgate startRun(Path tmp, EmbeddedRedis redis, int iterations) throws Exception {
        ChildTailgate child = ChildTailgate.start(Map.of(), Files.createDirectories(tmp.resolve("java-tmp")),
                "run", "--verbose", "--target", url(redis), "--include", "JedisPing",
                "--results", tmp.resolve("results").toString(), "--run-id", "fault", "--no-pin",
                "--forks", "1", "--warmup-iterations", "0", "--iterations", Integer.toString(iterations), "--time", "1s");
        // "Iteration   2:" follows a measured iteration: the fork is connected and measuring
        assertTrue(child.awaitOutput(o -> o.contains("Iteration   2:"), Duration.ofSeconds(120)), child.output());
        return child;
    }

    private static String url(EmbeddedRedis redis) {
        return "redis://127.0.0.1:" + redis.target().port();
    }

    @Test
    void aTargetKilledMidRunAbortsTheRunWithOneLineNamingIt(@TempDir Path tmp) throws Exception {
        String target;
        String output;
        int code;
        List<ProcessHandle> forks;
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            target = url(redis);
            try (ChildTailgate child = startRun(tmp, redis, 30)) {
                forks = child.descendants();
                assertTrue(!forks.isEmpty(), "no JMH fork found");
                ProcessHandle.of(redis.pid()).ifPresent(ProcessHandle::destroyForcibly);
                assertTrue(TestRedis.awaitGone(redis.pid(), Duration.ofSeconds(20)), "redis-server survived kill -9");
                // 28 iterations were left: a run that ends within 60 s stopped on its own
                code = child.awaitExit(Duration.ofSeconds(60));
                output = child.output();
            }
        }
        assertEquals(ExitCode.BAD_INPUT, code, output);
        List<String> errors = output.lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), output);
        assertTrue(errors.get(0).contains(target), errors.get(0));
        assertTrue(!output.contains("internal error"), output);
        for (ProcessHandle f : forks) {
            assertTrue(TestRedis.awaitGone(f.pid(), Duration.ofSeconds(20)), "JMH fork " + f.pid() + " outlived the run");
        }
        Path runDir = tmp.resolve("results/fault");
        InterruptedRunIT.assertRunDirectory(runDir, "ABORTED");
        String reason = Json.MAPPER.readTree(runDir.resolve("manifest.json").toFile()).path("abortReason").asText();
        assertTrue(reason.contains(target), "the manifest does not say why: " + reason);
    }
}
