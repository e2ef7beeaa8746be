package dev.tailgate.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.launch.ClusterSlots;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Key placement and the seed and master settings, without a server. */
class ClusterKeysTest {

    @Test
    void everyMasterGetsItsShareOfKeysThatHashToItsOwnSlots() {
        List<ClusterSlots.Range> ranges = ClusterSlots.split(5);
        List<List<byte[]>> byNode = ClusterKeys.choose("tailgate:bench:x:", 5, 40, s -> ClusterSlots.owner(ranges, s));
        assertEquals(5, byNode.size());
        for (int n = 0; n < 5; n++) {
            assertEquals(40, byNode.get(n).size());
            for (byte[] k : byNode.get(n)) {
                assertEquals(n, ClusterSlots.owner(ranges, JedisClusterCRC16.getSlot(k)), new String(k));
            }
        }
        assertEquals(200, ClusterKeys.select(byNode, "all").length);
        assertArrayEquals(byNode.get(3).toArray(byte[][]::new), ClusterKeys.select(byNode, "3"));
    }

    @Test
    void aMasterWithoutSlotsOrABadMasterIndexIsOneLine() {
        IllegalStateException starved = assertThrows(IllegalStateException.class,
                () -> ClusterKeys.choose("p:", 3, 4, s -> s < 16383 ? 0 : 1));
        assertTrue(starved.getMessage().contains("not placed"), starved.getMessage());
        List<List<byte[]>> byNode = ClusterKeys.choose("p:", 3, 2, s -> s % 3);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ClusterKeys.select(byNode, "3"));
        assertEquals("master=3: expected all or a master index 0..2", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterKeys.select(byNode, "first"));
    }

    @Test
    void seedsAreCheckedAndEachKindOfBenchmarkRefusesTheOtherKindOfTarget() {
        assertEquals(List.of("127.0.0.1:7000", "h:7001"), ClusterSeeds.parse("127.0.0.1:7000, h:7001").nodes());
        assertEquals(2, ClusterSeeds.parse("127.0.0.1:7000,[::1]:7001").jedis().size());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ClusterSeeds.parse("h:7000,h"));
        assertEquals("tailgate.redis.cluster: \"h\" is not host:port (port 1..65535)", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterSeeds.parse("h:0"));
        Map<String, String> cluster = Map.of(ClusterSeeds.PROPERTY, "127.0.0.1:7000");
        IllegalStateException standalone = assertThrows(IllegalStateException.class,
                () -> ClusterSeeds.refuseCluster(cluster::get, "JedisGet"));
        assertTrue(standalone.getMessage().startsWith("JedisGet measures one Redis server"), standalone.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> ClusterSeeds.require(Map.<String, String>of()::get, "JedisClusterGet"));
        assertTrue(none.getMessage().startsWith("JedisClusterGet is a Redis Cluster benchmark"), none.getMessage());
        ClusterSeeds.refuseCluster(Map.<String, String>of()::get, "JedisGet");
    }
}
