package dev.tailgate.redis.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The slot plan and the topology names: every slot owned once, evenly, and bad names refused in one line. */
class ClusterSlotsTest {

    @Test
    void everySlotIsOwnedByExactlyOneMasterAndSharesDifferByAtMostOne() {
        for (int masters : new int[] {3, 5, 7, 16}) {
            List<ClusterSlots.Range> ranges = ClusterSlots.split(masters);
            assertEquals(masters, ranges.size());
            assertEquals(0, ranges.get(0).first());
            assertEquals(ClusterSlots.SLOTS - 1, ranges.get(masters - 1).last());
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i = 0; i < masters; i++) {
                if (i > 0) {
                    assertEquals(ranges.get(i - 1).last() + 1, ranges.get(i).first(), "ranges touch, no gap, no overlap");
                }
                min = Math.min(min, ranges.get(i).size());
                max = Math.max(max, ranges.get(i).size());
            }
            assertTrue(max - min <= 1, masters + " masters: " + ranges);
            assertEquals(masters - 1, ClusterSlots.owner(ranges, ClusterSlots.SLOTS - 1));
        }
    }

    @Test
    void addSlotsBatchesCoverTheRangeInBoundedCommands() {
        ClusterSlots.Range r = new ClusterSlots.Range(5461, 10922);
        List<List<String>> batches = ClusterSlots.addSlotsBatches(r);
        int slots = 0;
        int next = r.first();
        for (List<String> b : batches) {
            assertEquals(List.of("CLUSTER", "ADDSLOTS"), b.subList(0, 2));
            assertTrue(b.size() - 2 <= ClusterSlots.ADDSLOTS_BATCH);
            for (String s : b.subList(2, b.size())) {
                assertEquals(next++, Integer.parseInt(s));
                slots++;
            }
        }
        assertEquals(r.size(), slots);
        assertEquals(List.of("CLUSTER", "ADDSLOTSRANGE", "5461", "10922"), ClusterSlots.addSlotsRange(r));
    }

    @Test
    void clusterTopologyParsesWithADefaultOfThreeMastersAndRefusesTooFew() {
        assertEquals(new TopologySpec(Topology.STANDALONE, 3), TopologySpec.parse("cluster"));
        assertEquals(new TopologySpec(Topology.STANDALONE, 5), TopologySpec.parse(" Cluster:5 "));
        assertEquals("cluster:5", TopologySpec.parse("cluster:5").label());
        assertEquals(TopologySpec.single(Topology.UNIX), TopologySpec.parse("unix"));
        assertEquals("tls", TopologySpec.parse("tls").label());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> TopologySpec.parse("cluster:2"));
        assertTrue(two.getMessage().startsWith("--topology cluster:2: a cluster needs 3..16 masters"), two.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> TopologySpec.parse("cluster:x"));
        assertTrue(word.getMessage().contains("standalone|tls|unix|cluster[:N]"), word.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopologySpec.parse("clusters"));
        assertThrows(IllegalArgumentException.class, () -> new TopologySpec(Topology.UNIX, 3));
    }

    @Test
    void aTlsClusterIsTheClusterFormOverTlsAndNotATransportOfItsOwn() {
        assertEquals(new TopologySpec(Topology.TLS, 3), TopologySpec.parse("tls-cluster"));
        assertEquals(new TopologySpec(Topology.TLS, 4), TopologySpec.parse(" TLS-Cluster:4 "));
        assertEquals("tls-cluster:4", TopologySpec.parse("tls-cluster:4").label());
        assertTrue(TopologySpec.parse("tls-cluster:4").cluster());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> TopologySpec.parse("tls-cluster:2"));
        assertTrue(two.getMessage().startsWith("--topology tls-cluster:2: a cluster needs 3..16 masters"), two.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> TopologySpec.parse("tls-clusterx"));
        assertTrue(bad.getMessage().contains("tls-cluster[:N]"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Topology.parse("tls-cluster"));
    }
}
