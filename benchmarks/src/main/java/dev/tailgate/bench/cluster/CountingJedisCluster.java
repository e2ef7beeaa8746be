package dev.tailgate.bench.cluster;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * A JedisCluster that counts the redirections it follows. JedisCluster's command executor asks
 * its connection provider for a connection to a named node only to follow a MOVED or ASK reply
 * (a routed call asks by the command's slot), and renews its slot cache on a MOVED; the
 * provider here counts both, outside the normal path's cost (an atomic increment per redirect,
 * nothing per routed call). Same maximum attempts and retry time as {@code new JedisCluster(nodes,
 * config)}; the connections speak {@code config}'s protocol (its HELLO), and JedisCluster's only
 * public constructor taking a provider leaves the reply builders at their default, which for
 * the GET and SET measured here read a RESP2 and a RESP3 reply alike.
 */
public final class CountingJedisCluster extends JedisCluster implements Redirected {
    private final Provider provider;

    private CountingJedisCluster(Provider provider, JedisClientConfig config) {
        super(provider, DEFAULT_MAX_ATTEMPTS, Duration.ofMillis((long) config.getSocketTimeoutMillis() * DEFAULT_MAX_ATTEMPTS));
        this.provider = provider;
    }

    /** Connects through {@code seeds}, reading the slot map once, as {@code new JedisCluster(seeds, config)} does. */
    public static CountingJedisCluster connect(Set<HostAndPort> seeds, JedisClientConfig config) {
        return new CountingJedisCluster(new Provider(seeds, config), config);
    }

    /** Redirections followed: connections asked for by node, or slot-cache renewals after MOVED if more. */
    @Override
    public long redirections() {
        return Math.max(provider.toNode.get(), provider.moved.get());
    }

    /**
     * The counting connection provider. Its superclass reads the slot map in its constructor,
     * before these fields exist: what it does there is the first topology load, not counted.
     */
    private static final class Provider extends ClusterConnectionProvider {
        final AtomicLong toNode = new AtomicLong();
        final AtomicLong moved = new AtomicLong();

        Provider(Set<HostAndPort> seeds, JedisClientConfig config) {
            super(seeds, config);
        }

        @Override
        public Connection getConnection(HostAndPort node) {
            count(toNode);
            return super.getConnection(node);
        }

        @Override
        public void renewSlotCache(Connection jedis) {
            count(moved);
            super.renewSlotCache(jedis);
        }

        /** Null only while the superclass constructor runs. */
        private static void count(AtomicLong counter) {
            if (counter != null) {
                counter.incrementAndGet();
            }
        }
    }
}
