package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchKeyspace;
import dev.tailgate.bench.support.RedisConnections;
import dev.tailgate.bench.support.TtlWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * A trial's keys on a Redis Cluster: {@link ClusterKeys#choose} names them so every master
 * holds {@code perNode}, they are preloaded through a JedisCluster of their own (outside the
 * timed calls, with the harness's TTL like {@link BenchKeyspace}) and UNLINKed one by one at
 * close (a multi-key UNLINK would need one slot). Masters are numbered by their sorted
 * {@code host:port}, the order {@link #nodes()} reports and the {@code master} parameter uses.
 */
public final class ClusterKeyspace implements AutoCloseable {
    private final JedisCluster admin;
    private final List<String> nodes;
    private final List<List<byte[]>> keys;
    private final byte[] value;
    private final TtlWrites writes;

    private ClusterKeyspace(JedisCluster admin, List<String> nodes, List<List<byte[]>> keys, byte[] value, long ttlMillis) {
        this.admin = admin;
        this.nodes = List.copyOf(nodes);
        this.keys = keys;
        this.value = value;
        this.writes = TtlWrites.of(ttlMillis);
    }

    /** Discovers the masters from the seeds, names and preloads {@code perNode} keys on each. */
    public static ClusterKeyspace create(BenchConfig cfg, ClusterSeeds seeds, String shortName, int perNode, int valueBytes,
                                         long seed) {
        String namespace = BenchKeyspace.newNamespace(cfg, shortName);
        DefaultJedisClientConfig config = RedisConnections.jedisClusterConfig(cfg);
        List<String> nodes = new ArrayList<>();
        int[] owners = new int[16384];
        ClusterConnectionProvider provider = new ClusterConnectionProvider(seeds.jedis(), config);
        try {
            nodes.addAll(provider.getPrimaryNodes().keySet());
            nodes.sort(null);
            for (int slot = 0; slot < owners.length; slot++) {
                HostAndPort owner = provider.getNode(slot);
                if (owner == null) {
                    throw new IllegalStateException("cluster " + seeds.nodes() + ": slot " + slot + " has no master");
                }
                owners[slot] = nodes.indexOf(owner.toString());
            }
        } finally {
            provider.close();
        }
        List<List<byte[]>> keys = ClusterKeys.choose(namespace, nodes.size(), perNode, s -> owners[s]);
        byte[] value = BenchKeyspace.printable(valueBytes, new SplittableRandom(seed));
        ClusterKeyspace ks = new ClusterKeyspace(new JedisCluster(seeds.jedis(), config), nodes, keys, value,
                cfg.keyTtlMillis());
        try {
            for (List<byte[]> mine : keys) {
                for (byte[] k : mine) {
                    ks.admin.set(k, value, ks.writes.jedis());
                }
            }
        } catch (RuntimeException e) {
            ks.close();
            throw e;
        }
        return ks;
    }

    /** The masters' {@code host:port}, sorted: index i is {@code master=i}. */
    public List<String> nodes() {
        return nodes;
    }

    /** The keys a trial reads: {@code all} masters' or one master's (see {@link ClusterKeys#select}). */
    public byte[][] select(String master) {
        return ClusterKeys.select(keys, master);
    }

    /** SET options that keep the keyspace's TTL, for the SET benchmarks. */
    public TtlWrites writes() {
        return writes;
    }

    /** The preloaded value (do not modify). */
    public byte[] value() {
        return value;
    }

    /** UNLINKs every key of this trial, one per command (they sit in different slots), and disconnects. */
    @Override
    public void close() {
        try {
            for (List<byte[]> mine : keys) {
                for (byte[] k : mine) {
                    admin.unlink(k);
                }
            }
        } finally {
            admin.close();
        }
    }
}
