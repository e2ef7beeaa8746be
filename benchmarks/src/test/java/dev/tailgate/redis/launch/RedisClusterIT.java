package dev.tailgate.redis.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/** The cluster launcher against real redis-server processes: formed, spread, and gone after close. */
class RedisClusterIT {

    @Test
    void threeMastersFormOwnTheirSlotsServeKeysAndStop() throws Exception {
        assertFormsServesAndStops(RedisFixture.binary());
    }

    @Test
    void theBundledRedis62FormsAClusterWithoutAddSlotsRange() throws Exception {
        assertFormsServesAndStops(RedisBinary.resolve(Optional.empty(), ""));
    }

    private static void assertFormsServesAndStops(RedisBinary binary) throws Exception {
        List<Long> pids = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try (RedisCluster cluster = RedisFixture.startCluster(3, binary)) {
            assertEquals(3, cluster.nodes().size());
            for (RedisServer n : cluster.nodes()) {
                pids.add(n.pid());
                dirs.add(n.configFile().getParent());
                String info = RedisCluster.info(n.endpoint()).orElseThrow();
                assertTrue(info.contains("cluster_state:ok"), info);
                assertTrue(info.contains("cluster_known_nodes:3"), info);
                assertTrue(info.contains("cluster_slots_assigned:16384"), info);
                assertTrue(n.port() + RedisCluster.BUS_OFFSET <= 65535);
            }
            try (Jedis j = new Jedis(cluster.nodes().get(1).host(), cluster.nodes().get(1).port())) {
                String shards = j.clusterNodes();
                assertEquals(3, shards.lines().filter(l -> l.contains("master")).count(), shards);
            }
            Set<HostAndPort> seeds = new HashSet<>(List.of(new HostAndPort("127.0.0.1", cluster.nodes().get(0).port())));
            try (JedisCluster jc = new JedisCluster(seeds)) {
                for (int i = 0; i < 30; i++) {
                    jc.set("tailgate:it:" + i, "v" + i);
                }
                for (int i = 0; i < 30; i++) {
                    assertEquals("v" + i, jc.get("tailgate:it:" + i));
                }
                assertEquals(3, jc.getClusterNodes().size());
            }
        }
        for (int i = 0; i < pids.size(); i++) {
            assertTrue(RedisFixture.awaitGone(pids.get(i), Duration.ofSeconds(10)), "node " + pids.get(i) + " survived close()");
            assertFalse(Files.exists(dirs.get(i)), dirs.get(i) + " left behind");
        }
    }
}
