package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.LatencyBenchmark;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis Cluster GET of a preloaded 16 B key through JedisCluster ({@code byte[]} API).
 * Path: benchmark thread -> slot lookup -> pool borrow for the owning master -> loopback ->
 * that master -> back, all on one thread.
 *
 * <p>Why: what reading through a cluster client costs next to JedisGet on one server (slot
 * hashing, the per-master pool), and with {@code -p master=i} each master's own latency.
 *
 * <p>How: {@code Mode.SampleTime}, nanoseconds, one GET per call; keys from a seeded per-thread
 * stream over {@link ClusterClientState#KEYS_PER_NODE} keys on every master ({@code master=all})
 * or on master i only. Client thread pinned. Closed-loop (coordinated omission): tails are
 * understated. An injected delay ({@code tailgate.inject.*}) spins inside the call; in an
 * alternated A/B fork the iterations alternate between two clusters ({@link ClusterClientState}).
 * The redirections the client followed are reported per trial ({@link RedirectRecord}).
 *
 * <p>Needs: a cluster at {@code tailgate.redis.cluster=host:port[,...]} (the harness sets it
 * for {@code --topology cluster} or a {@code redis-cluster://} target).
 */
public class JedisClusterGetBenchmark extends LatencyBenchmark {

    @Benchmark
    public byte[] get(JedisClusterClient c) {
        c.delay().beforeCall();
        return c.connection().get(c.randomKey());
    }
}
