package dev.tailgate.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.InjectedDelay;
import dev.tailgate.redis.launch.ClusterSlotMoves;
import dev.tailgate.redis.launch.RedisCluster;
import dev.tailgate.redis.launch.RedisFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * An alternated A/B fork of the cluster benchmarks against two real 3-master clusters, one per
 * arm: each iteration's calls go to its arm's cluster and to no other (counted by the clusters'
 * own INFO commandstats, so a state that measured one arm twice fails), each arm has its own
 * injected delay, and both clusters are left without keys.
 */
class ClusterArmsIT {
    private static final int CALLS = 25;
    private static RedisCluster a;
    private static RedisCluster b;

    @BeforeAll
    static void start() {
        a = RedisFixture.startCluster(3, RedisFixture.binary());
        b = RedisFixture.startCluster(3, RedisFixture.binary());
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static Map<String, String> alternated() {
        Map<String, String> p = new HashMap<>();
        p.put(BenchConfig.HOST, a.nodes().get(0).host());
        p.put(BenchConfig.PORT, Integer.toString(a.nodes().get(0).port()));
        p.put(BenchConfig.PIN, "false");
        p.put(BenchConfig.KEY_TTL_MILLIS, "600000");
        p.put(ClusterSeeds.PROPERTY, a.seeds());
        p.put(ForkArms.ALTERNATE, "ABBA");
        p.put(ForkArms.ALT_PREFIX + "host", b.nodes().get(0).host());
        p.put(ForkArms.ALT_PREFIX + "port", Integer.toString(b.nodes().get(0).port()));
        p.put(ClusterSeeds.ALT_PROPERTY, b.seeds());
        p.put(InjectedDelay.ALT_SPIN_NANOS, "1000000");
        return p;
    }

    private static long keys(RedisCluster c) {
        long n = 0;
        for (var node : c.nodes()) {
            try (Jedis j = new Jedis(node.host(), node.port())) {
                n += j.dbSize();
            }
        }
        return n;
    }

    @Test
    void eachIterationReadsItsOwnArmsClusterWithItsOwnDelay() {
        Map<String, String> props = alternated();
        ForkArms arms = ForkArms.from(props::get);
        JedisClusterClient c = new JedisClusterClient();
        c.valueBytes = 16;
        c.master = "all";
        c.open(arms, ClusterSeeds.perArm(props::get, arms, "JedisClusterGet"),
                new BenchId(JedisClusterGetBenchmark.class.getName() + ".get", Map.of("master", "all")), 0);
        JedisClusterGetBenchmark get = new JedisClusterGetBenchmark();
        long getsA = ClusterSlotMoves.calls(a, "get");
        long getsB = ClusterSlotMoves.calls(b, "get");
        try {
            assertEquals(3L * ClusterClientState.KEYS_PER_NODE, keys(a), "arm A's keys on arm A's cluster");
            assertEquals(3L * ClusterClientState.KEYS_PER_NODE, keys(b), "arm B's keys on arm B's cluster");
            String pattern = "ABBAABBA";
            for (int i = 0; i < pattern.length(); i++) {
                c.beginIteration(true);
                String arm = pattern.substring(i, i + 1);
                assertEquals(arm, c.arm(), "iteration " + i);
                assertEquals(arm.equals("A") ? 0 : 1_000_000, c.delay().spinNanos(), "iteration " + i + "'s delay");
                for (int k = 0; k < CALLS; k++) {
                    assertArrayEquals(c.keys().value(), get.get(c));
                }
            }
            assertEquals(4L * CALLS, ClusterSlotMoves.calls(a, "get") - getsA, "arm A's four iterations, on cluster A");
            assertEquals(4L * CALLS, ClusterSlotMoves.calls(b, "get") - getsB, "arm B's four iterations, on cluster B");
            assertEquals(List.of(0L, 0L), c.redirections());
        } finally {
            c.tearDown();
        }
        assertEquals(0, keys(a));
        assertEquals(0, keys(b));
    }

    @Test
    void anAlternatedForkWithoutArmBsClusterIsOneLine() {
        Map<String, String> props = alternated();
        props.remove(ClusterSeeds.ALT_PROPERTY);
        ForkArms arms = ForkArms.from(props::get);
        String m = assertThrows(IllegalStateException.class,
                () -> ClusterSeeds.perArm(props::get, arms, "JedisClusterGet")).getMessage();
        assertTrue(m.startsWith("JedisClusterGet: tailgate.alternate is set but arm B has no cluster ("
                + ClusterSeeds.ALT_PROPERTY + " is not set)"), m);
        assertEquals(1, m.lines().count());
    }
}
