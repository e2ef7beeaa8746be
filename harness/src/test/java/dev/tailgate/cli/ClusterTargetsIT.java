package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.redis.launch.RedisCluster;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis Cluster targets end to end against real redis-servers started by the launcher: an
 * embedded 3-master cluster measured by both cluster clients with per-node telemetry and a
 * manifest that says cluster; an external cluster given by seeds; and each bad input (an
 * unreachable seed, a server not in cluster mode, a benchmark of the other kind) as one line,
 * exit 3, no run directory.
 */
class ClusterTargetsIT {
    private static RedisCluster cluster;

    @BeforeAll
    static void setUp() {
        cluster = TestRedis.cliCluster(3);
    }

    @AfterAll
    static void tearDown() {
        cluster.close();
    }

    private static String[] tinyRun(Path results, String... args) {
        List<String> a = new ArrayList<>(List.of("run", "--results", results.toString(), "--run-id", "r", "--forks", "1",
                "--warmup-iterations", "0", "--iterations", "1", "--time", "200ms", "--no-pin"));
        a.addAll(List.of(args));
        return a.toArray(new String[0]);
    }

    private static JsonNode redisOf(Path results) throws Exception {
        return JsonFiles.json().readTree(results.resolve("r/manifest.json").toFile()).path("redis");
    }

    @Test
    void anEmbeddedClusterIsMeasuredByBothClientsWithTelemetryFromEveryMaster(@TempDir Path results) throws Exception {
        CliRun r = CliRun.of(tinyRun(results, "--suite", "cluster", "--topology", "cluster:3",
                "--include", "JedisClusterGet|LettuceClusterSet"));
        assertEquals(ExitCode.OK, r.code(), r.toString());
        JsonNode c = redisOf(results).path("cluster");
        assertEquals(3, c.path("masters").asInt(), c.toString());
        assertEquals(3, c.path("nodes").size(), c.toString());
        assertEquals(3, c.path("seeds").size(), c.toString());
        assertTrue(redisOf(results).path("url").asText().startsWith("redis-cluster://127.0.0.1:"), redisOf(results).toString());
        assertEquals(2, JsonFiles.json().readTree(results.resolve("r/jmh.json").toFile()).size());
        for (JsonNode node : c.path("nodes")) {
            Path d = results.resolve("r/redis-nodes/" + node.asText().replace(':', '_'));
            assertTrue(Files.isRegularFile(d.resolve("redis-diff.json")), d.toString());
        }
        assertFalse(Files.exists(results.resolve("r/redis-diff.json")), "one node's counters are not the cluster's");
    }

    @Test
    void anExternalClusterIsMeasuredFromOneSeedAndRecordedAsACluster(@TempDir Path results) throws Exception {
        RedisServer seed = cluster.nodes().get(1);
        CliRun r = CliRun.of(tinyRun(results, "--suite", "cluster", "--target",
                "redis-cluster://" + seed.host() + ":" + seed.port(), "--include", "JedisClusterSet"));
        assertEquals(ExitCode.OK, r.code(), r.toString());
        JsonNode redis = redisOf(results);
        assertEquals("external", redis.path("mode").asText());
        assertEquals(List.of(seed.host() + ":" + seed.port()), List.of(redis.path("cluster").path("seeds").get(0).asText()));
        assertEquals(3, redis.path("cluster").path("masters").asInt(), redis.toString());
    }

    @Test
    void anUnreachableSeedIsOneLineNamingIt(@TempDir Path results) throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        RedisServer live = cluster.nodes().get(0);
        String url = "redis-cluster://" + live.host() + ":" + live.port() + ",127.0.0.1:" + dead;
        CliRun.of(tinyRun(results, "--suite", "cluster", "--target", url)).assertBadInput(results,
                "--target " + url + ": seed 127.0.0.1:" + dead + " unreachable");
    }

    @Test
    void benchmarksOfTheOtherKindAndAServerNotInClusterModeAreOneLine(@TempDir Path results) throws Exception {
        RedisServer live = cluster.nodes().get(0);
        String url = "redis-cluster://" + live.host() + ":" + live.port();
        CliRun.of(tinyRun(results, "--target", url, "--include", "JedisGet")).assertBadInput(results,
                "JedisGetBenchmark.get measures one Redis server, not a cluster");
        CliRun.of(tinyRun(results, "--suite", "cluster", "--include", "JedisClusterGet")).assertBadInput(results,
                "JedisClusterGetBenchmark.get is a Redis Cluster benchmark");
        try (RedisServer single = RedisFixture.start("stock")) {
            CliRun.of(tinyRun(results, "--suite", "cluster", "--target", "redis-cluster://127.0.0.1:" + single.port()))
                    .assertBadInput(results, "is not in cluster mode (cluster_enabled:0)");
        }
    }
}
