package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.LatencyBenchmark;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis Cluster SET of a 16 B value over a preloaded key through JedisCluster, with the
 * keyspace's TTL (PX) so an interrupted run leaves nothing that lasts. Same path, key choice
 * and {@code master} parameter as {@link JedisClusterGetBenchmark}; the write side of it.
 */
public class JedisClusterSetBenchmark extends LatencyBenchmark {

    @Benchmark
    public String set(JedisClusterClient c) {
        c.delay().beforeCall();
        return c.connection().set(c.randomKey(), c.keys().value(), c.keys().writes().jedis());
    }
}
