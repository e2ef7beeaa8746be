package dev.tailgate.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.redis.launch.RedisCluster;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The cluster benchmarks' states against a launched 3-master cluster: keys spread, calls work, nothing left. */
class ClusterBenchmarksIT {
    private static RedisCluster cluster;

    @BeforeAll
    static void start() {
        cluster = RedisFixture.startCluster(3, RedisFixture.binary());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static BenchConfig config() {
        RedisServer first = cluster.nodes().get(0);
        return BenchConfig.of(Map.of(BenchConfig.HOST, first.host(), BenchConfig.PORT, Integer.toString(first.port()),
                BenchConfig.PIN, "false", BenchConfig.KEY_TTL_MILLIS, "600000"));
    }

    private static long keysOn(RedisServer node) {
        try (Jedis j = new Jedis(node.host(), node.port())) {
            return j.dbSize();
        }
    }

    @Test
    void jedisClusterSpreadsKeysOverEveryMasterServesThemAndRemovesThem() {
        JedisClusterClient c = new JedisClusterClient();
        c.valueBytes = 16;
        c.master = "all";
        c.open(config(), ClusterSeeds.parse(cluster.seeds()), new BenchId(JedisClusterGetBenchmark.class.getName() + ".get",
                Map.of("valueBytes", "16", "master", "all")), 0);
        try {
            for (RedisServer n : cluster.nodes()) {
                assertEquals(ClusterClientState.KEYS_PER_NODE, keysOn(n), n.port() + " holds its share");
            }
            JedisClusterGetBenchmark get = new JedisClusterGetBenchmark();
            JedisClusterSetBenchmark set = new JedisClusterSetBenchmark();
            for (int i = 0; i < 100; i++) {
                assertArrayEquals(c.keys().value(), get.get(c));
                assertEquals("OK", set.set(c));
            }
        } finally {
            c.tearDown();
        }
        for (RedisServer n : cluster.nodes()) {
            assertEquals(0, keysOn(n), n.port() + " left keys");
        }
    }

    @Test
    void oneMastersKeysAreAllOwnedByThatMasterThroughLettuce() {
        LettuceClusterClient c = new LettuceClusterClient();
        c.valueBytes = 16;
        c.master = "1";
        c.open(config(), ClusterSeeds.parse(cluster.nodes().get(2).host() + ":" + cluster.nodes().get(2).port()),
                new BenchId(LettuceClusterGetBenchmark.class.getName() + ".get", Map.of("master", "1")), 0);
        try {
            List<String> nodes = c.keys().nodes();
            assertEquals(3, nodes.size());
            String owner = nodes.get(1);
            RedisServer served = cluster.nodes().stream().filter(n -> owner.equals(n.host() + ":" + n.port()))
                    .findFirst().orElseThrow();
            int index = cluster.nodes().indexOf(served);
            Set<byte[]> seen = new HashSet<>();
            LettuceClusterGetBenchmark get = new LettuceClusterGetBenchmark();
            LettuceClusterSetBenchmark set = new LettuceClusterSetBenchmark();
            for (int i = 0; i < 100; i++) {
                byte[] k = c.randomKey();
                seen.add(k);
                assertTrue(cluster.slots().get(index).contains(JedisClusterCRC16.getSlot(k)), new String(k));
                assertArrayEquals(c.keys().value(), get.get(c));
                assertEquals("OK", set.set(c));
            }
            assertTrue(seen.size() > 1, "keys are drawn, not one key repeated");
        } finally {
            c.tearDown();
        }
        for (RedisServer n : cluster.nodes()) {
            assertEquals(0, keysOn(n), n.port() + " left keys");
        }
    }
}
