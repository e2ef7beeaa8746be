package dev.tailgate.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.redis.launch.ClusterSlotMoves;
import dev.tailgate.redis.launch.RedisCluster;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The cluster clients' redirection counts against a real 3-master cluster whose slots are moved
 * by the test as a resharding moves them. Deterministic: with node 0's slots in migration, every
 * read of node 0's keys is answered by an ASK (the keys live on node 1), so each of N calls is
 * exactly one redirection; after the hand-over, a JedisCluster takes one MOVED and reloads its
 * slot map, while Lettuce (no adaptive refresh) is redirected on every call. On a cluster whose
 * slots stay put, the count is 0. Each test has a cluster of its own, as it moves slots.
 */
class ClusterRedirectsIT {
    private static final int CALLS = 100;

    private static BenchConfig config(RedisCluster c) {
        RedisServer first = c.nodes().get(0);
        return BenchConfig.of(Map.of(BenchConfig.HOST, first.host(), BenchConfig.PORT, Integer.toString(first.port()),
                BenchConfig.PIN, "false", BenchConfig.KEY_TTL_MILLIS, "600000"));
    }

    /** The {@code master} index (sorted host:port) of the cluster's node {@code i}. */
    private static String masterOf(RedisCluster c, int i) {
        List<String> sorted = c.nodes().stream().map(n -> n.host() + ":" + n.port()).sorted().toList();
        return Integer.toString(sorted.indexOf(c.nodes().get(i).host() + ":" + c.nodes().get(i).port()));
    }

    private static <C extends ClusterClientState<?>> C open(C state, RedisCluster c, Class<?> bench) {
        state.valueBytes = 16;
        state.master = masterOf(c, 0);
        state.open(config(c), ClusterSeeds.parse(c.seeds()), new BenchId(bench.getName() + ".get",
                Map.of("valueBytes", "16", "master", state.master)), 0);
        return state;
    }

    /** Reads the state's key {@link #CALLS} times, checking each value. */
    private static <C extends ClusterClientState<?>> void readAll(C state, Function<C, byte[]> get) {
        for (int i = 0; i < CALLS; i++) {
            assertArrayEquals(state.keys().value(), get.apply(state));
        }
    }

    /** Waits (up to 10 s) for Lettuce's redirection events, which arrive off the calling thread. */
    private static long settled(LongSupplier count, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count.getAsLong() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return count.getAsLong();
    }

    @Test
    void jedisClusterCountsEveryAskAndOneMovedAfterTheHandOver() {
        try (RedisCluster c = RedisFixture.startCluster(3, RedisFixture.binary())) {
            JedisClusterGetBenchmark get = new JedisClusterGetBenchmark();
            JedisClusterClient still = open(new JedisClusterClient(), c, JedisClusterGetBenchmark.class);
            try {
                readAll(still, get::get);
                assertEquals(List.of(0L), still.redirections(), "slots that stay put redirect nothing");
            } finally {
                still.tearDown();
            }
            ClusterSlotMoves.migrating(c, 0, 1);
            JedisClusterClient moving = open(new JedisClusterClient(), c, JedisClusterGetBenchmark.class);
            try {
                readAll(moving, get::get);
                assertEquals(List.of((long) CALLS), moving.redirections(), "each read of a migrating slot is one ASK");
                ClusterSlotMoves.handOver(c, 0, 1);
                readAll(moving, get::get);
                long afterHandOver = moving.redirections().get(0) - CALLS;
                assertTrue(afterHandOver >= 1 && afterHandOver <= RedirectRecord.STORM_THRESHOLD,
                        "one MOVED, then the reloaded map: " + afterHandOver);
            } finally {
                moving.tearDown();
            }
        }
    }

    @Test
    void lettuceCountsEveryRedirectionAndKeepsFollowingMovedWithAStaleMap() throws Exception {
        try (RedisCluster c = RedisFixture.startCluster(3, RedisFixture.binary())) {
            LettuceClusterGetBenchmark get = new LettuceClusterGetBenchmark();
            LettuceClusterClient still = open(new LettuceClusterClient(), c, LettuceClusterGetBenchmark.class);
            try {
                readAll(still, get::get);
                Thread.sleep(200);
                assertEquals(List.of(0L), still.redirections(), "slots that stay put redirect nothing");
            } finally {
                still.tearDown();
            }
            ClusterSlotMoves.migrating(c, 0, 1);
            LettuceClusterClient moving = open(new LettuceClusterClient(), c, LettuceClusterGetBenchmark.class);
            try {
                readAll(moving, get::get);
                assertEquals(CALLS, settled(() -> moving.redirections().get(0), CALLS), "each read is one ASK");
                ClusterSlotMoves.handOver(c, 0, 1);
                readAll(moving, get::get);
                long total = settled(() -> moving.redirections().get(0), 2L * CALLS);
                assertTrue(total >= 2L * CALLS, "a stale map: every read after the hand-over is a MOVED: " + total);
                RedirectRecord r = new RedirectRecord("b.C.get", Map.of(), "A", List.of(c.seeds()), 0, total);
                assertTrue(r.storm());
                assertFalse(new RedirectRecord("b.C.get", Map.of(), "A", List.of(c.seeds()), 0,
                        RedirectRecord.STORM_THRESHOLD).storm());
            } finally {
                moving.tearDown();
            }
        }
    }
}
