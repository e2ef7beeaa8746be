package dev.tailgate.redis;

import dev.tailgate.model.BadInputException;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The masters of a {@code redis-cluster://} target, found through its first seed's
 * {@code CLUSTER NODES}, for the commands that act on every master ({@code fingerprint},
 * {@code monitor}, {@code redis-config diff}); and the one-line errors of a node, which name the
 * cluster target and the node ({@code --target redis-cluster://...: master HOST:PORT: ...}).
 */
public final class ClusterMasters {
    private ClusterMasters() {
    }

    /** The serving masters, sorted by {@code host:port}; one line when the seed cannot tell. */
    public static List<String> discover(RedisTarget cluster, Credentials credentials) {
        String seed = cluster.cluster().get(0);
        try (Jedis j = open(cluster, "seed", seed, credentials)) {
            if (!ClusterNodes.enabled(RedisConnector.info(j, "cluster"))) {
                throw new BadInputException("--target " + cluster.url() + ": seed " + seed
                        + " is not in cluster mode (cluster_enabled:0); use redis://host:port for one server");
            }
            List<String> masters = ClusterNodes.masters(j.clusterNodes());
            if (masters.isEmpty()) {
                throw new BadInputException("--target " + cluster.url() + ": CLUSTER NODES at " + seed + " lists no master");
            }
            return masters;
        } catch (JedisException e) {
            throw new BadInputException("--target " + cluster.url() + ": seed " + seed + " refused the cluster checks ("
                    + RedisConnector.safe(e.getMessage(), credentials).lines().findFirst().orElse("")
                    + "); the user needs INFO and CLUSTER INFO|NODES");
        }
    }

    /** A control connection ({@link RedisConnector#open}) to one node; its errors name the cluster and the node. */
    public static Jedis open(RedisTarget cluster, String role, String node, Credentials credentials) {
        RedisTarget one = cluster.node(node);
        try {
            return RedisConnector.open(one, credentials);
        } catch (BadInputException e) {
            throw reword(cluster, role, node, one, e);
        }
    }

    /**
     * {@code e}, a one-line error about {@code nodeTarget} ({@code --target redis://...: cause}),
     * as one about the node of {@code cluster}: {@code --target redis-cluster://...: ROLE NODE: cause}.
     */
    public static BadInputException reword(RedisTarget cluster, String role, String node, RedisTarget nodeTarget,
                                           BadInputException e) {
        String m = String.valueOf(e.getMessage());
        String prefix = "--target " + nodeTarget.url() + ": ";
        String cause = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
        return new BadInputException("--target " + cluster.url() + ": " + role + " " + node + ": " + cause, e);
    }
}
