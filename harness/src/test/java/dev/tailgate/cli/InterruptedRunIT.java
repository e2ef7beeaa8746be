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
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Runs killed or interrupted mid-measurement, in a JVM of their own, against an external
 * redis-server: what they leave behind must be what the README promises.
 */
class InterruptedRunIT {
    private static EmbeddedRedis target;

    @BeforeAll
    static void start() throws Exception {
        target = TestRedis.start("stock");
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    static Jedis jedis() {
        return new Jedis(target.target().host(), target.target().port());
    }

    /**
     * A short run of {@code include} against the external target, returned once its first
     * iteration has been measured (JMH prints "Iteration   1:" when it starts, before setup may
     * have finished; "Iteration   2:" follows a measured one).
     */
    static ChildTailgate startRun(Path tmp, String include, int iterations) throws Exception {
        ChildTailgate child = ChildTailgate.start(Map.of(), Files.createDirectories(tmp.resolve("java-tmp")),
                "run", "--verbose", "--target", "redis://127.0.0.1:" + target.target().port(), "--include", include,
                "--results", tmp.resolve("results").toString(), "--run-id", "interrupted", "--no-pin",
                "--forks", "1", "--warmup-iterations", "0", "--iterations", Integer.toString(iterations), "--time", "1s");
        assertTrue(child.awaitOutput(o -> o.contains("Iteration   2:"), Duration.ofSeconds(120)), child.output());
        return child;
    }

    /** Key -> PTTL (ms; -1 = none) of every benchmark key on the target. */
    static Map<String, Long> benchKeys() {
        Map<String, Long> out = new TreeMap<>();
        try (Jedis j = jedis()) {
            j.keys("tailgate:bench:*").forEach(k -> out.put(k, j.pttl(k)));
        }
        return out;
    }

    @Test
    void keysOfARunKilledBeforeItsTeardownExpire(@TempDir Path tmp) throws Exception {
        try (ChildTailgate child = startRun(tmp, "JedisSet", 30)) {
            List<ProcessHandle> forks = child.descendants();
            assertTrue(!forks.isEmpty(), "no JMH fork found");
            // kill -9 the JMH fork, then the harness: no teardown runs anywhere
            forks.forEach(ProcessHandle::destroyForcibly);
            child.signal("KILL");
            assertTrue(child.awaitExit(Duration.ofSeconds(20)) >= 0);
            for (ProcessHandle f : forks) {
                assertTrue(TestRedis.awaitGone(f.pid(), Duration.ofSeconds(20)), "fork still alive");
            }
        }
        assertRunDirectory(tmp.resolve("results/interrupted"), "RUNNING");
        Map<String, Long> left = benchKeys();
        assertEquals(256, left.size(), "JedisSet's keys are left behind: " + left.size());
        left.forEach((k, ttl) -> assertTrue(ttl > 0, k + " has no TTL (" + ttl + ")"));
        try (Jedis j = jedis()) {
            j.del(left.keySet().toArray(new String[0]));
        }
    }

    @Test
    void sigtermMarksTheRunAbortedAndLeavesNoKeyWithoutTtl(@TempDir Path tmp) throws Exception {
        interrupt(tmp, "TERM");
    }

    @Test
    void sigintMarksTheRunAbortedAndLeavesNoKeyWithoutTtl(@TempDir Path tmp) throws Exception {
        interrupt(tmp, "INT");
    }

    private static void interrupt(Path tmp, String signal) throws Exception {
        List<ProcessHandle> children;
        try (ChildTailgate child = startRun(tmp, "JedisSet", 30)) {
            children = child.descendants();
            child.signal(signal);
            assertTrue(child.awaitExit(Duration.ofSeconds(30)) > 0, "exit code after SIG" + signal + ":\n" + child.output());
        }
        for (ProcessHandle c : children) {
            assertTrue(TestRedis.awaitGone(c.pid(), Duration.ofSeconds(20)), "child " + c.pid() + " outlived SIG" + signal);
        }
        assertRunDirectory(tmp.resolve("results/interrupted"), "ABORTED");
        Map<String, Long> left = benchKeys();
        left.forEach((k, ttl) -> assertTrue(ttl > 0, k + " has no TTL (" + ttl + ")"));
        try (Jedis j = jedis()) {
            if (!left.isEmpty()) {
                j.del(left.keySet().toArray(new String[0]));
            }
        }
    }

    /** Every JSON file parses, the manifest says {@code status}, and the gate refuses the run. */
    static void assertRunDirectory(Path runDir, String status) throws Exception {
        assertJsonParses(runDir);
        assertEquals(status, JsonFiles.json().readTree(runDir.resolve("manifest.json").toFile()).get("status").asText());
        Path thresholds = TestRedis.home().orElseThrow().resolve("thresholds/smoke.yaml");
        CliRun gate = CliRun.of("gate", runDir.toString(), "--thresholds", thresholds.toString(), "--no-ledger");
        assertTrue(gate.code() != ExitCode.OK, gate.toString());
    }

    /** Every JSON file under {@code runDir} parses. */
    static void assertJsonParses(Path runDir) throws Exception {
        try (var files = Files.walk(runDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonFiles.json().readTree(f.toFile());
            }
        }
    }
}
