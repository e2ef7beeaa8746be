package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.RedisConnections;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@link ClusterClientState} on one JedisCluster: a connection pool per master, the slot table
 * read at connect, and per call a pool borrow for the key's slot owner, which is part of what
 * JedisCluster costs and so is measured. The client counts the redirections it follows
 * ({@link CountingJedisCluster}). Over TLS each node's socket is layered as every client's is
 * ({@link RedisConnections#jedisClusterConfig}).
 */
@State(Scope.Thread)
public class JedisClusterClient extends ClusterClientState<CountingJedisCluster> {
    @Override
    protected CountingJedisCluster connect(BenchConfig cfg, ClusterSeeds seeds, BenchId id) {
        return CountingJedisCluster.connect(seeds.jedis(), RedisConnections.jedisClusterConfig(cfg));
    }
}
