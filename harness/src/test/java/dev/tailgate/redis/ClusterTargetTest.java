package dev.tailgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.RedisEndpoint;
import dev.tailgate.bench.support.TlsSettings;
import dev.tailgate.model.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** redis-cluster:// and rediss-cluster:// targets and what CLUSTER NODES says, without a server. */
class ClusterTargetTest {

    @Test
    void seedsUserAndTheFirstSeedAsHostArePreservedWithoutASecret() {
        RedisTarget t = RedisTarget.parse("redis-cluster://bench@10.0.0.1:7000, 10.0.0.2:7001,[::1]:7002/0");
        assertTrue(t.isCluster());
        assertEquals(List.of("10.0.0.1:7000", "10.0.0.2:7001", "[::1]:7002"), t.cluster());
        assertEquals("10.0.0.1", t.host());
        assertEquals(7000, t.port());
        assertEquals(Optional.of("bench"), t.user());
        assertEquals("redis-cluster://bench@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002", t.url());
        assertTrue(t.forkProperties("tailgate.redis.").contains("-Dtailgate.redis.cluster=10.0.0.1:7000,10.0.0.2:7001,[::1]:7002"));
        RedisTarget node = t.node("[::1]:7002");
        assertEquals("::1", node.host());
        assertEquals(7002, node.port());
        assertFalse(node.isCluster());
        assertEquals(Optional.of("bench"), node.user());
        assertEquals(t, RedisTarget.parse(t.url()));
        assertFalse(RedisTarget.parse("redis://h:1").isCluster());
    }

    @Test
    void aTlsClusterCarriesItsSettingsToEveryNodeAndToTheForks() {
        TlsSettings tls = new TlsSettings(Optional.of(Path.of("/etc/ca.pem")), Optional.empty(), Optional.empty(),
                Optional.of("redis.internal"), false);
        RedisTarget t = RedisTarget.parse("rediss-cluster://bench@10.0.0.1:7000,10.0.0.2:7001", tls);
        assertTrue(t.isCluster());
        assertEquals(Optional.of(tls), t.tls());
        assertEquals("rediss-cluster://bench@10.0.0.1:7000,10.0.0.2:7001", t.url());
        assertEquals(RedisEndpoint.Transport.TLS, t.transport());
        RedisTarget node = t.node("10.0.0.2:7001");
        assertEquals(Optional.of(tls), node.tls(), "a discovered master is reached with the cluster's TLS");
        assertEquals("rediss://bench@10.0.0.2:7001/0", node.url());
        List<String> fork = t.forkProperties("tailgate.redis.");
        assertTrue(fork.contains("-Dtailgate.redis.cluster=10.0.0.1:7000,10.0.0.2:7001"), fork.toString());
        assertTrue(fork.contains("-Dtailgate.redis.tls=true") && fork.contains("-Dtailgate.redis.tls.ca=/etc/ca.pem")
                && fork.contains("-Dtailgate.redis.tls.serverName=redis.internal"), fork.toString());
        assertEquals(t, RedisTarget.parse(t.url(), tls));
        assertEquals(t, RedisTarget.parse("redis-cluster://bench@10.0.0.1:7000,10.0.0.2:7001").withTls(tls));
        RedisTarget plain = RedisTarget.parse("redis-cluster://h:1", tls);
        assertEquals(Optional.empty(), plain.tls(), "redis-cluster:// stays TCP");
        assertEquals(Optional.empty(), plain.node("h:1").tls());
    }

    @Test
    void badClusterUrlsAreOneLineNamingThePart() {
        BadInputException pw = assertThrows(BadInputException.class, () -> RedisTarget.parse("redis-cluster://u:secret@h:1"));
        assertFalse(pw.getMessage().contains("secret"), pw.getMessage());
        assertTrue(pw.getMessage().contains("a password in the URL is refused"), pw.getMessage());
        BadInputException seed = assertThrows(BadInputException.class, () -> RedisTarget.parse("redis-cluster://h:1,h2"));
        assertTrue(seed.getMessage().startsWith("--target redis-cluster://h:1,h2: seed \"h2\" is not host:port"), seed.getMessage());
        BadInputException db = assertThrows(BadInputException.class, () -> RedisTarget.parse("redis-cluster://h:1/2"));
        assertTrue(db.getMessage().contains("database 0 only"), db.getMessage());
        assertThrows(BadInputException.class, () -> RedisTarget.parse("redis-cluster://"));
        assertThrows(BadInputException.class, () -> RedisTarget.parse("redis-cluster://h:70000"));
    }

    @Test
    void mastersAreTheServingMastersSortedWithoutTheirBusPortOrHostname() {
        String nodes = String.join("\n",
                "a1 127.0.0.1:7002@17002,node-c master - 0 1 3 connected 10923-16383",
                "b2 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460",
                "c3 127.0.0.1:7001@17001 master - 0 1 2 connected 5461-10922",
                "d4 127.0.0.1:7003@17003 slave b2 0 1 1 connected",
                "e5 127.0.0.1:7004@17004 master,fail - 0 1 5 disconnected",
                "f6 :0@0 master,noaddr - 0 1 6 disconnected", "");
        assertEquals(List.of("127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002"), ClusterNodes.masters(nodes));
        assertEquals("ok", ClusterNodes.state("cluster_enabled:1\r\ncluster_state:ok\r\n"));
        assertEquals("unknown", ClusterNodes.state(""));
        assertTrue(ClusterNodes.enabled(java.util.Map.of("cluster_enabled", "1")));
        assertFalse(ClusterNodes.enabled(java.util.Map.of("cluster_enabled", "0")));
    }

    @Test
    void slotsAreReadPerMasterWithoutSlotsInMigrationOrReplicas() {
        String nodes = String.join("\n",
                "a1 127.0.0.1:7002@17002 master - 0 1 3 connected 10923-16383",
                "b2 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460 [5461->-c3]",
                "c3 127.0.0.1:7001@17001 master - 0 1 2 connected 5461-10921 10922",
                "d4 127.0.0.1:7003@17003 slave b2 0 1 1 connected",
                "e5 127.0.0.1:7004@17004 master - 0 1 5 connected", "");
        java.util.Map<String, java.util.BitSet> slots = ClusterNodes.slots(nodes);
        assertEquals(java.util.Set.of("127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002", "127.0.0.1:7004"), slots.keySet());
        assertEquals(5461, slots.get("127.0.0.1:7000").cardinality());
        assertFalse(slots.get("127.0.0.1:7000").get(5461), "a slot being migrated still belongs to its owner");
        assertEquals(5462, slots.get("127.0.0.1:7001").cardinality());
        assertTrue(slots.get("127.0.0.1:7001").get(10922));
        assertEquals(5461, slots.get("127.0.0.1:7002").cardinality());
        assertTrue(slots.get("127.0.0.1:7004").isEmpty(), "a master without slots");
    }

    @Test
    void aMastersProbeKeysHashToASlotItServes() {
        java.util.BitSet served = new java.util.BitSet();
        served.set(10923, 16384);
        String tag = PermissionProbe.slotTag("abc123", served::get);
        assertTrue(tag.startsWith("abc123-"), tag);
        for (String suffix : List.of("ping", "string", "book:z", "book:h")) {
            String key = "tailgate:bench:probe:{" + tag + "}:" + suffix;
            assertTrue(served.get(redis.clients.jedis.util.JedisClusterCRC16.getSlot(key)), key);
        }
        java.util.BitSet one = new java.util.BitSet();
        one.set(42);
        assertEquals(42, redis.clients.jedis.util.JedisClusterCRC16.getSlot(PermissionProbe.slotTag("t", one::get)));
    }
}
