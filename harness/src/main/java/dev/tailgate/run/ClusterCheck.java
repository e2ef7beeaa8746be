package dev.tailgate.run;

import dev.tailgate.bench.cluster.ClusterSeeds;
import dev.tailgate.model.BadInputException;
import dev.tailgate.redis.ClusterNodes;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisConnector;
import dev.tailgate.redis.RedisTarget;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The checks a cluster target passes before anything is measured: every seed answers, the
 * first is in cluster mode and its cluster is {@code ok}, and the serving masters are found
 * (recorded in the manifest; each gets its own telemetry). A seed that cannot be reached is one
 * line naming it: clients that silently fall back to the other seeds would hide a wrong
 * address, and the run would not be the cluster the user named.
 */
final class ClusterCheck {
    /** What the check found: the first seed's version and the masters, sorted by host:port. */
    record Found(String version, List<String> masters) {
        Found {
            masters = List.copyOf(masters);
        }
    }

    private ClusterCheck() {
    }

    /** One line for a cluster benchmark against one server, or a one-server benchmark against a cluster. */
    static void requireMatchingBenchmarks(RedisTarget t, List<String> benchmarks) {
        for (String b : benchmarks) {
            boolean clusterBench = ClusterSeeds.isClusterBenchmark(b);
            if (t.isCluster() && !clusterBench) {
                throw new BadInputException("--target " + t.url() + ": " + b + " measures one Redis server, not a cluster;"
                        + " select the dev.tailgate.bench.cluster benchmarks (--include 'dev\\.tailgate\\.bench\\.cluster\\..*')");
            }
            if (!t.isCluster() && clusterBench) {
                throw new BadInputException("--target " + t.url() + ": " + b + " is a Redis Cluster benchmark;"
                        + " give a cluster (--target redis-cluster://host:port[,host:port] or --topology cluster)");
            }
        }
    }

    static Found check(RedisTarget t, Credentials c) {
        for (String seed : t.cluster()) {
            try (Jedis j = TargetSession.connect(t.node(seed), c)) {
                j.ping();
            } catch (JedisConnectionException e) {
                throw new BadInputException("--target " + t.url() + ": seed " + seed + " unreachable (" + root(e) + ")");
            } catch (JedisException e) {
                // a refusal (password, ACL) is the probe's to explain, in its own words, below
            }
        }
        RedisTarget first = t.node(t.cluster().get(0));
        String version = TargetSession.probe(first, c);
        try (Jedis j = TargetSession.connect(first, c)) {
            if (!ClusterNodes.enabled(RedisConnector.info(j, "cluster"))) {
                throw new BadInputException("--target " + t.url() + ": seed " + t.cluster().get(0)
                        + " is not in cluster mode (cluster_enabled:0); use redis://host:port for one server");
            }
            String state = ClusterNodes.state(j.clusterInfo());
            if (!state.equals("ok")) {
                throw new BadInputException("--target " + t.url() + ": cluster_state is " + state + " at seed "
                        + t.cluster().get(0) + "; a cluster that does not serve every slot is not measured");
            }
            List<String> masters = ClusterNodes.masters(j.clusterNodes());
            if (masters.isEmpty()) {
                throw new BadInputException("--target " + t.url() + ": CLUSTER NODES at " + t.cluster().get(0) + " lists no master");
            }
            return new Found(version, masters);
        } catch (JedisException e) {
            throw new BadInputException("--target " + t.url() + ": seed " + t.cluster().get(0)
                    + " refused the cluster checks (" + root(e) + "); the user needs INFO and CLUSTER INFO|NODES");
        }
    }

    private static String root(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage().lines().findFirst().orElse(""));
    }
}
