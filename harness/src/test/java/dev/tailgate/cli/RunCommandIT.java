package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * End to end: real JMH (1 fork, short iterations) against a real redis-server started by the
 * product's launcher, producing a run directory that must be complete and parse.
 */
class RunCommandIT {

    @BeforeAll
    static void setUp() {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        // The JMH lock guards measurement quality against a concurrent JMH on the host, not
        // correctness; tests may share a developer machine with one.
        System.setProperty("jmh.ignoreLock", "true");
    }

    record Result(int code, String out, String err) {
    }

    static Result tailgate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TailgateCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * One fork, one 300 ms iteration: what these tests read (files, console lines, the hiccup
     * meter's log, keys left, the gate's refusal) is there after any length of iteration, and
     * 300 ms still times thousands of calls and over a hundred hiccup-meter ticks per benchmark.
     */
    private static final String[] SHORT = {"--forks", "1", "--warmup-iterations", "0", "--iterations", "1", "--time",
        "300ms"};

    static String[] args(Path results, String... more) {
        List<String> a = new ArrayList<>(List.of("run", "--suite", "smoke", "--results", results.toString()));
        a.addAll(List.of(SHORT));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void embeddedRunWritesACompleteRunDirectory(@TempDir Path results) throws Exception {
        Result r = tailgate(args(results, "--include", "TcpPingPong|JedisPing"));
        assertEquals(0, r.code(), r.err());
        Path runDir;
        try (Stream<Path> s = Files.list(results)) {
            runDir = s.findFirst().orElseThrow();
        }
        JsonNode manifest = JsonFiles.json().readTree(runDir.resolve("manifest.json").toFile());
        assertEquals("COMPLETE", manifest.get("status").asText());
        assertEquals("embedded", manifest.at("/redis/mode").asText());
        JsonNode jmh = JsonFiles.json().readTree(runDir.resolve("jmh.json").toFile());
        assertTrue(jmh.isArray() && jmh.size() >= 3, "expected TcpPingPong x2 payloads + JedisPing, got " + jmh.size());
        for (JsonNode res : jmh) {
            assertEquals("sample", res.get("mode").asText());
            assertTrue(res.at("/primaryMetric/rawDataHistogram").isArray());
        }
        // every pinned thread reported, and the verdict on pinning is in the manifest
        String pin = manifest.at("/pinning/outcome").asText();
        assertTrue(List.of("BOUND", "FAILED").contains(pin), pin);
        assertTrue(manifest.at("/pinning/threads").size() >= 3);
        for (String f : List.of("fingerprint.json", "redis-before.json", "redis-after.json", "redis-diff.json")) {
            assertTrue(JsonFiles.json().readTree(runDir.resolve(f).toFile()).isObject(), f);
        }
        assertTrue(r.out().contains("JedisPingBenchmark.ping"), r.out());
        assertTrue(r.out().contains("p50-floor us"), r.out());
        assertTrue(r.err().contains("redis: embedded Redis"), r.err());
        // one line per finished trial on the console; JMH's own iteration dump only in jmh.log
        List<String> trialLines = r.err().lines().filter(l -> l.matches("\\[\\d/3\\] .*")).toList();
        assertEquals(3, trialLines.size(), r.err());
        assertTrue(trialLines.get(2).matches("\\[3/3\\] JedisPing: [\\d,]+ samples, p50 [\\d.]+ us, p99 ([\\d.]+ us|-), pinning (BOUND|FAILED)"),
                trialLines.get(2));
        assertFalse(r.err().contains("# Warmup") || r.err().contains("Iteration   1"), r.err());
        String log = Files.readString(runDir.resolve("jmh.log"));
        assertTrue(log.contains("# Benchmark: dev.tailgate.bench.redis.JedisPingBenchmark.ping"), log);
        assertTrue(log.contains("Iteration   1:") && log.contains("Result \"dev.tailgate.bench.redis.JedisPingBenchmark.ping\""), log);
        // a hiccup meter ran beside every benchmark (TcpPingPong x2 payloads + JedisPing), one log per fork
        assertEquals(jmh.size(), JsonFiles.json().readTree(runDir.resolve("hiccups.json").toFile()).at("/benchmarks").size());
        assertTrue(r.out().contains("host stalls (hiccup meter"), r.out());
        assertTrue(r.out().contains("JedisPingBenchmark: p99 "), r.out());
    }

    /**
     * A benchmark that fails mid-run (every SET refused: the server is out of memory) shows JMH's
     * error lines on the console although JMH's output otherwise goes only to jmh.log.
     */
    @Test
    void aFailingBenchmarksErrorReachesTheConsole(@TempDir Path results) throws Exception {
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            try (Jedis j = new Jedis(redis.target().host(), redis.target().port())) {
                j.configSet("maxmemory-policy", "noeviction");
                j.configSet("maxmemory", "1");
            }
            Result r = tailgate(args(results, "--include", "JedisSet", "--target",
                    "redis://127.0.0.1:" + redis.target().port()));
            assertEquals(ExitCode.INTERNAL, r.code(), r.err());
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("jmh: ") && l.contains("OOM command not allowed")), r.err());
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("error: ") && l.contains("run aborted")), r.err());
            assertTrue(r.err().lines().count() < 60, "the console gets the failure, not JMH's whole output: " + r.err());
        }
    }

    @Test
    void anInjectedRunRecordsItsSpinAndCannotPassTheGate(@TempDir Path results) throws Exception {
        Path thresholds = results.resolveSibling(results.getFileName() + "-t.yaml");
        Files.writeString(thresholds, "schema: 1\nrules:\n  - id: ping\n    match: \"JedisPingBenchmark.ping\"\n"
                + "    limits: { p50: 1 s }\n");
        Result r = tailgate(args(results, "--include", "JedisPing", "--no-pin", "--inject", "spin:200us",
                "--gate", thresholds.toString(), "--ledger", results.resolveSibling(results.getFileName() + ".jsonl").toString()));
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertTrue(r.out().contains("INJECTED: manifest says the run is invalid (injected run: not a real measurement "
                + "(spin 200 µs on every call)"), r.out());
        Path runDir;
        try (Stream<Path> s = Files.list(results)) {
            runDir = s.findFirst().orElseThrow();
        }
        JsonNode manifest = JsonFiles.json().readTree(runDir.resolve("manifest.json").toFile());
        assertEquals("COMPLETE", manifest.get("status").asText());
        assertEquals(200_000, manifest.at("/injection/spinNanos").asLong());
        assertEquals(1.0, manifest.at("/injection/fraction").asDouble());
        assertTrue(manifest.at("/jmh/jvmArgsAppend").toString().contains("-Dtailgate.inject.spinNanos=200000"));
        Result bad = tailgate(args(results, "--include", "JedisPing", "--inject", "spin:200"));
        assertEquals(ExitCode.BAD_INPUT, bad.code(), bad.err());
        assertEquals("error: --inject spin:200: expected spin:DURATION[@FRACTION] such as spin:5us or spin:1ms@0.01",
                bad.err().strip());
    }

    @Test
    void externalTargetWithPasswordFromFileNeverLeaksIt(@TempDir Path results, @TempDir Path secrets) throws Exception {
        String password = "tg-test-secret-" + System.nanoTime();
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            try (Jedis j = new Jedis(redis.target().host(), redis.target().port())) {
                j.set("unrelated:key", "keep-me");
                j.configSet("requirepass", password);
            }
            Path pw = secrets.resolve("pw");
            Files.writeString(pw, password + "\n");
            String url = "redis://127.0.0.1:" + redis.target().port();
            Result r = tailgate(args(results, "--include", "JedisGet", "--target", url, "--password-file", pw.toString()));
            assertEquals(0, r.code(), r.err());
            assertFalse(r.out().contains(password) || r.err().contains(password));
            try (Stream<Path> files = Files.walk(results)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertFalse(text.contains(password), "password leaked into " + f);
                }
            }
            try (Jedis j = new Jedis(redis.target().host(), redis.target().port())) {
                j.auth(password);
                assertEquals("keep-me", j.get("unrelated:key"), "an unrelated key must survive");
                assertEquals(1, j.dbSize(), "benchmarks must delete their own keys: " + j.keys("*"));
            }

            Path wrong = secrets.resolve("wrong");
            Files.writeString(wrong, "not-the-password");
            Result bad = tailgate(args(results.resolve("bad"), "--include", "JedisGet", "--target", url,
                    "--password-file", wrong.toString()));
            assertEquals(ExitCode.BAD_INPUT, bad.code());
            assertEquals(1, bad.err().strip().lines().count(), bad.err());
            assertTrue(bad.err().contains("authentication failed"), bad.err());
            assertFalse(Files.exists(results.resolve("bad")) && Files.list(results.resolve("bad")).findAny().isPresent(),
                    "a refused target must not leave a run directory");
        }
    }

    @Test
    void badInputGivesOneLineAndNoCompleteRun(@TempDir Path results, @TempDir Path scratch) throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        Result unreachable = tailgate(args(results, "--target", "redis://127.0.0.1:" + freePort));
        assertEquals(ExitCode.BAD_INPUT, unreachable.code());
        assertTrue(unreachable.err().contains("unreachable"), unreachable.err());
        assertEquals(1, unreachable.err().strip().lines().count(), unreachable.err());

        Result noMatch = tailgate(args(results, "--include", "NoSuchBenchmarkAnywhere"));
        assertEquals(ExitCode.BAD_INPUT, noMatch.code());
        assertTrue(noMatch.err().contains("matches no benchmark"), noMatch.err());

        Result suite = tailgate("run", "--suite", "weekly", "--results", results.toString());
        assertEquals(ExitCode.USAGE, suite.code());
        assertTrue(suite.err().contains("unknown suite"), suite.err());

        Path notExec = Files.createFile(scratch.resolve("redis-server"));
        Result bin = tailgate(args(results, "--redis-server", notExec.toString()));
        assertEquals(ExitCode.BAD_INPUT, bin.code());
        assertTrue(bin.err().contains("not executable"), bin.err());

        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result port = tailgate(args(results, "--port", String.valueOf(busy.getLocalPort())));
            assertEquals(ExitCode.BAD_INPUT, port.code());
            assertTrue(port.err().contains("already in use"), port.err());
        }
        try (Stream<Path> s = Files.list(results)) {
            assertTrue(s.findAny().isEmpty(), "bad input must not leave run directories");
        }
    }
}
