package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.redis.launch.ClusterSlotMoves;
import dev.tailgate.redis.launch.RedisCluster;
import dev.tailgate.redis.launch.RedisFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ab} with Redis Cluster arms and MOVED storms, end to end against real clusters started
 * by the launcher (embedded arms) or by the test (target: arms).
 *
 * <p>Why these cannot flake: the injected candidate spins 1 ms in every measured call against a
 * loopback cluster GET of well under 1 ms here (a p50 ratio of several times against a 50%
 * margin); the alternation test counts each cluster's own GET calls (INFO commandstats), which
 * are zero on a cluster no iteration read; the storm test puts a master's whole slot range in
 * migration, so that every read of a third of the keys is an ASK redirection, hundreds per trial
 * against a limit of 10, while the same run on a cluster left alone follows none.
 */
class ClusterAbIT {
    /** Alternated fork, four rounds per fork, the cluster GET through JedisCluster. */
    private static final String[] ITERATIONS = {"--suite", "cluster", "--design", "iteration", "--include",
        "JedisClusterGetBenchmark", "--warmup-iterations", "1", "--warmup-time", "500ms", "--iterations", "8", "--time",
        "500ms", "--no-pin"};
    /**
     * The same in 250 ms iterations, for the fixed-round A/Bs (one look at four rounds, no budget,
     * so no look schedule that the length of a round would change): alternation and a MOVED storm
     * show in any iteration length, and a 250 ms cluster GET iteration still holds thousands of calls.
     * The adaptive A/B keeps {@link #ITERATIONS}, as its budget over the round's length sets its looks.
     */
    private static final String[] SHORT_ITERATIONS = {"--suite", "cluster", "--design", "iteration", "--include",
        "JedisClusterGetBenchmark", "--warmup-iterations", "1", "--warmup-time", "250ms", "--iterations", "8", "--time",
        "250ms", "--no-pin"};

    @BeforeAll
    static void setUp() {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        System.setProperty("jmh.ignoreLock", "true");
    }

    private static Path arm(Path results, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(results)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    private static JsonNode manifest(Path dir) throws Exception {
        return JsonFiles.json().readTree(dir.resolve("manifest.json").toFile());
    }

    private static Set<String> nodes(JsonNode manifest) {
        Set<String> s = new HashSet<>();
        manifest.at("/redis/cluster/nodes").forEach(n -> s.add(n.asText()));
        return s;
    }

    /** Samples JMH took in an arm's jmh.json (each is one timed GET). */
    private static long samples(Path dir) throws Exception {
        long n = 0;
        for (JsonNode b : JsonFiles.json().readTree(dir.resolve("jmh.json").toFile())) {
            for (JsonNode fork : b.at("/primaryMetric/rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    for (JsonNode bucket : iteration) {
                        n += bucket.get(1).asLong();
                    }
                }
            }
        }
        return n;
    }

    @Test
    void embeddedClusterArmsWithTheirOwnProfilesFindAnInjectedRegression(@TempDir Path results) throws Exception {
        List<String> a = new ArrayList<>(List.of(AbCommandIT.args(results, AbCommandIT.margins(results, "fail"), ITERATIONS,
                "--topology", "cluster:3", "--budget", "40s", "--fail-fast", "--baseline", "profile:stock",
                "--candidate", "profile:low-latency,inject:spin:1ms")));
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertEquals(ExitCode.GATE_FAILED, r.code(), r.toString());
        assertTrue(r.out().contains("design: paired iteration rounds"), r.out());
        assertTrue(r.out().contains("decision: REGRESSION"), r.out());
        JsonNode base = manifest(arm(results, "-baseline"));
        JsonNode cand = manifest(arm(results, "-candidate"));
        for (JsonNode m : List.of(base, cand)) {
            assertEquals("COMPLETE", m.get("status").asText(), m.toString());
            assertEquals(3, m.at("/redis/cluster/masters").asInt(), m.at("/redis").toString());
            assertEquals("paired-iterations", m.at("/design/name").asText());
        }
        assertTrue(base.at("/redis/profile").asText().startsWith("stock"), base.at("/redis").toString());
        assertTrue(cand.at("/redis/profile").asText().startsWith("low-latency"), cand.at("/redis").toString());
        Set<String> shared = nodes(base);
        shared.retainAll(nodes(cand));
        assertTrue(shared.isEmpty() && nodes(base).size() == 3 && nodes(cand).size() == 3,
                "two clusters on ports of their own: " + nodes(base) + " " + nodes(cand));
        assertEquals("[\"INJECTION\",\"REDIS_PROFILE\"]", cand.at("/ab/declared").toString());
    }

    @Test
    void anAlternatedForkSendsEachArmsIterationsToThatArmsCluster(@TempDir Path results) throws Exception {
        try (RedisCluster ca = RedisFixture.startCluster(3, RedisFixture.binary());
             RedisCluster cb = RedisFixture.startCluster(3, RedisFixture.binary())) {
            CliRun r = CliRun.of(AbCommandIT.args(results, AbCommandIT.margins(results, "pass"), SHORT_ITERATIONS,
                    "--rounds", "4", "--baseline", "target:redis-cluster://" + ca.seeds(), "--candidate",
                    "target:redis-cluster://" + cb.nodes().get(1).host() + ":" + cb.nodes().get(1).port()));
            assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.GATE_FAILED, r.toString());
            assertTrue(r.out().contains("design: paired iteration rounds, 4 rounds"), r.out());
            long sampledA = samples(arm(results, "-baseline"));
            long sampledB = samples(arm(results, "-candidate"));
            long getsA = ClusterSlotMoves.calls(ca, "get");
            long getsB = ClusterSlotMoves.calls(cb, "get");
            assertTrue(sampledA > 0 && sampledB > 0, sampledA + " " + sampledB);
            assertTrue(getsA >= sampledA, "cluster A served the baseline's iterations: " + getsA + " GETs, " + sampledA
                    + " sampled");
            assertTrue(getsB >= sampledB, "cluster B served the candidate's iterations: " + getsB + " GETs, " + sampledB
                    + " sampled");
            assertEquals(4, JsonFiles.json().readTree(arm(results, "-baseline").resolve("jmh.json").toFile()).get(0)
                    .at("/primaryMetric/rawDataHistogram/0").size(), "half of the 8 iterations are the baseline's");
        }
    }

    @Test
    void aMovedStormIsOneLineExitThreeAndAnAbortedRun(@TempDir Path results) throws Exception {
        try (RedisCluster still = RedisFixture.startCluster(3, RedisFixture.binary());
             RedisCluster moving = RedisFixture.startCluster(3, RedisFixture.binary())) {
            CliRun ok = CliRun.of(CliRun.tinyRun(results, "still", "JedisClusterGetBenchmark", "--suite", "cluster",
                    "--target", "redis-cluster://" + still.seeds()));
            assertEquals(ExitCode.OK, ok.code(), ok.toString());
            assertFalse(ok.err().contains("redirection") || ok.err().contains("MOVED"), ok.err());
            assertEquals("COMPLETE", manifest(results.resolve("still")).get("status").asText());

            ClusterSlotMoves.migrating(moving, 0, 1);
            CliRun r = CliRun.of(CliRun.tinyRun(results, "storm", "JedisClusterGetBenchmark", "--suite", "cluster",
                    "--target", "redis-cluster://" + moving.seeds()));
            assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
            List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
            assertEquals(1, errors.size(), r.toString());
            assertTrue(errors.get(0).startsWith("error: MOVED storm: "), errors.get(0));
            assertTrue(errors.get(0).contains("redirections during JedisClusterGetBenchmark.get (master=all, valueBytes=16)"),
                    errors.get(0));
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertFalse(r.out().contains("PASS"), r.out());
            Path run = results.resolve("storm");
            JsonNode m = manifest(run);
            assertEquals("ABORTED", m.get("status").asText());
            assertTrue(m.toString().contains("MOVED storm"), m.toString());
            assertTrue(Files.size(run.resolve("jmh.json")) > 0, "what was measured stays");

            Path ab = Files.createDirectories(results.resolve("ab"));
            CliRun abr = CliRun.of(AbCommandIT.args(ab, AbCommandIT.margins(results, "pass"), SHORT_ITERATIONS, "--rounds",
                    "4", "--baseline", "target:redis-cluster://" + still.seeds(), "--candidate",
                    "target:redis-cluster://" + moving.seeds()));
            assertEquals(ExitCode.BAD_INPUT, abr.code(), abr.toString());
            String line = abr.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
            assertTrue(line.startsWith("error: MOVED storm: ") && line.contains(", candidate, thread 0 in alternated fork 1"),
                    line);
            for (String suffix : List.of("-baseline", "-candidate")) {
                assertEquals("ABORTED", manifest(arm(ab, suffix)).get("status").asText(), suffix);
            }
            assertFalse(abr.out().contains("PASS"), abr.out());
        }
    }

    @Test
    void aClusterArmAgainstOneServerOrTheWrongBenchmarksAreOneLine(@TempDir Path results) throws Exception {
        CliRun mixed = CliRun.of(AbCommandIT.args(results, AbCommandIT.margins(results, "pass"), ITERATIONS,
                "--topology", "cluster:3", "--baseline", "profile:stock", "--candidate", "target:redis://127.0.0.1:1"));
        assertEquals(ExitCode.BAD_INPUT, mixed.code(), mixed.toString());
        assertEquals(1, mixed.err().strip().lines().count(), mixed.toString());
        assertTrue(mixed.err().startsWith("error: ab: --baseline profile:stock is a Redis Cluster but --candidate "
                + "target:redis://127.0.0.1:1 is one server: an A/B compares like with like"), mixed.err());
        CliRun oneServer = CliRun.of(AbCommandIT.args(results, AbCommandIT.margins(results, "pass"), ITERATIONS,
                "--baseline", "profile:stock", "--candidate", "profile:low-latency"));
        assertEquals(ExitCode.BAD_INPUT, oneServer.code(), oneServer.toString());
        assertEquals(1, oneServer.err().strip().lines().count(), oneServer.toString());
        assertTrue(oneServer.err().contains("JedisClusterGetBenchmark.get is a Redis Cluster benchmark but both arms are"
                + " one server"), oneServer.err());
        try (Stream<Path> left = Files.list(results)) {
            assertEquals(List.of("margins.yaml"), left.map(p -> p.getFileName().toString()).toList(), "no run directory");
        }
    }
}
