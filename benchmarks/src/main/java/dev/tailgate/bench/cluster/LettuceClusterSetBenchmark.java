package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.LatencyBenchmark;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Redis Cluster SET of a 16 B value with the keyspace's TTL through Lettuce's cluster client:
 * the write side of {@link LettuceClusterGetBenchmark}, same path, keys and {@code master}.
 */
public class LettuceClusterSetBenchmark extends LatencyBenchmark {

    @Benchmark
    public String set(LettuceClusterClient c) {
        c.delay().beforeCall();
        return c.connection().connection().sync().set(c.randomKey(), c.keys().value(), c.keys().writes().lettuce());
    }
}
