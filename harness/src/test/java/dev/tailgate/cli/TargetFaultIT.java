package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.io.JsonFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The target itself fails while a run measures it: killed, or stalled. Each run is a JVM of its
 * own against an external redis-server that this test started and then breaks once a
 * measurement iteration has completed.
 */
class TargetFaultIT {
    private static final Duration STALL = Duration.ofSeconds(2);

    /** A run of JedisPing against {@code redis}, in one-second iterations, plus {@code more} arguments. */
    private static ChildTailgate startRun(Path tmp, EmbeddedRedis redis, int iterations, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--verbose", "--target", url(redis), "--include", "JedisPing",
                "--results", tmp.resolve("results").toString(), "--run-id", "fault", "--no-pin",
                "--forks", "1", "--warmup-iterations", "0", "--iterations", Integer.toString(iterations), "--time", "1s"));
        args.addAll(List.of(more));
        ChildTailgate child = ChildTailgate.start(Map.of(), Files.createDirectories(tmp.resolve("java-tmp")),
                args.toArray(String[]::new));
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
            try (ChildTailgate child = startRun(tmp, redis, 120)) {
                forks = child.descendants();
                assertTrue(!forks.isEmpty(), "no JMH fork found");
                ProcessHandle.of(redis.pid()).ifPresent(ProcessHandle::destroyForcibly);
                assertTrue(TestRedis.awaitGone(redis.pid(), Duration.ofSeconds(20)), "redis-server survived kill -9");
                // over 100 one-second iterations were left: a run that ends within 60 s stopped on its own
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
        String reason = JsonFiles.json().readTree(runDir.resolve("manifest.json").toFile()).path("abortReason").asText();
        assertTrue(reason.contains(target), "the manifest does not say why: " + reason);
    }

    /**
     * DEBUG SLEEP blocks the server for {@link #STALL}, well under the clients' 30 s socket
     * timeout: the run must complete, and its maximum must be the stalled call, where a gate
     * limit on max sees it.
     *
     * <p>JMH's sample mode times every call only while an iteration has at most 20 calls per
     * millisecond; past that it times a random half, a quarter, ... of them, and a single stalled
     * call may go untimed. The injected 60 us spin keeps every call above 50 us on any machine,
     * so the stalled call is always timed (which is why the gate needs --allow-injected).
     */
    @Test
    void aTargetThatStallsCompletesTheRunWithTheStallInItsMaximum(@TempDir Path tmp) throws Exception {
        long stalledNanos;
        int code;
        String output;
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            try (ChildTailgate child = startRun(tmp, redis, 3, "--inject", "spin:60us")) {
                try (Jedis control = new Jedis(redis.target().host(), redis.target().port(), 30_000)) {
                    long t0 = System.nanoTime();
                    control.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII),
                            "SLEEP", Long.toString(STALL.toSeconds()));
                    stalledNanos = System.nanoTime() - t0;
                }
                code = child.awaitExit(Duration.ofSeconds(60));
                output = child.output();
            }
        }
        assertTrue(stalledNanos >= STALL.toNanos(), "DEBUG SLEEP did not stall the server");
        assertEquals(ExitCode.OK, code, output);
        Path runDir = tmp.resolve("results/fault");
        JsonNode max = JsonFiles.json().readTree(runDir.resolve("jmh.json").toFile()).get(0)
                .path("primaryMetric").path("scorePercentiles").path("100.0");
        // The call in flight when the server stopped waits out the stall, less the time by
        // which its request followed the DEBUG SLEEP: microseconds, unless the benchmark thread
        // was descheduled just then on a loaded host; half the stall leaves room for that.
        assertTrue(max.asDouble() >= STALL.toNanos() / 2.0, "max " + max + " ns does not show a stall of " + STALL);
        Path thresholds = Files.writeString(tmp.resolve("stall.yaml"), String.join("\n", "schema: 1", "rules:",
                "  - id: no-stall", "    match: \"*JedisPingBenchmark.ping\"", "    limits:", "      max: 500 ms", ""));
        CliRun gate = CliRun.of("gate", runDir.toString(), "--thresholds", thresholds.toString(), "--no-ledger",
                "--allow-injected");
        assertEquals(ExitCode.GATE_FAILED, gate.code(), gate.toString());
        InterruptedRunIT.assertJsonParses(runDir);
        assertEquals("COMPLETE", JsonFiles.json().readTree(runDir.resolve("manifest.json").toFile()).get("status").asText());
    }
}
