package dev.tailgate.run;

import dev.tailgate.bench.cluster.ClusterSeeds;
import dev.tailgate.model.BadInputException;
import dev.tailgate.redis.ClusterMasters;
import dev.tailgate.redis.ClusterNodes;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.PermissionProbe;
import dev.tailgate.redis.RedisConnector;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.TransportErrors;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The checks a cluster target passes before anything is measured: every seed answers, the
 * first is in cluster mode and its cluster is {@code ok}, the serving masters are found
 * (recorded in the manifest; each gets its own telemetry), and every master answers, with the
 * password, PING and INFO. A seed or a master that cannot be reached is one line naming it:
 * clients that silently fall back to the other seeds would hide a wrong address, and a master
 * the clients cannot reach would fail the run half-way. For an external cluster the
 * key-permission probe then runs on every master ({@link #probePermissions}).
 */
final class ClusterCheck {
    /**
     * What the check found: the first seed's version, the masters sorted by host:port, their
     * slots and each master's version.
     */
    record Found(String version, List<String> masters, Map<String, BitSet> slots, Map<String, String> versions) {
        Found {
            masters = List.copyOf(masters);
            slots = Map.copyOf(slots);
            versions = Collections.unmodifiableMap(new TreeMap<>(versions));
        }

        /** One note when the masters run different Redis versions (the run measures a mix), else empty. */
        Optional<String> mixedVersions() {
            if (versions.values().stream().distinct().count() <= 1) {
                return Optional.empty();
            }
            List<String> parts = new ArrayList<>();
            versions.forEach((m, v) -> parts.add(m + " " + v));
            return Optional.of("masters run different Redis versions: " + String.join(", ", parts));
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
                throw new BadInputException("--target " + t.url() + ": seed " + seed + seedCause(t.node(seed), e));
            } catch (JedisException e) {
                // a refusal (password, ACL) is the probe's to explain, in its own words, below
            }
        }
        RedisTarget first = t.node(t.cluster().get(0));
        String version = TargetSession.probe(first, c);
        Found found;
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
            String nodes = j.clusterNodes();
            List<String> masters = ClusterNodes.masters(nodes);
            if (masters.isEmpty()) {
                throw new BadInputException("--target " + t.url() + ": CLUSTER NODES at " + t.cluster().get(0) + " lists no master");
            }
            found = new Found(version, masters, ClusterNodes.slots(nodes), Map.of());
        } catch (JedisException e) {
            throw new BadInputException("--target " + t.url() + ": seed " + t.cluster().get(0)
                    + " refused the cluster checks (" + root(e) + "); the user needs INFO and CLUSTER INFO|NODES");
        }
        Map<String, String> versions = new TreeMap<>();
        for (String m : found.masters()) {
            RedisTarget node = t.node(m);
            try {
                versions.put(m, TargetSession.probe(node, c));
            } catch (BadInputException e) {
                throw new BadInputException(ClusterMasters.reword(t, "master", m, node, e).getMessage()
                        + ", listed by CLUSTER NODES at seed " + t.cluster().get(0));
            }
        }
        return new Found(version, found.masters(), found.slots(), versions);
    }

    /**
     * The key-permission probe of one server ({@link PermissionProbe}) on every master that
     * serves slots, with probe keys in that master's slots: ACLs are kept per node, so a user
     * may be complete on one master and lack a command on another. One line names the first
     * master (in host:port order) that refuses, what it refuses, and any other master that
     * refuses too.
     */
    static void probePermissions(RedisTarget t, Credentials c, Found found, Set<PermissionProbe.Family> families) {
        BadInputException first = null;
        List<String> others = new ArrayList<>();
        for (String m : found.masters()) {
            BitSet slots = found.slots().getOrDefault(m, new BitSet());
            if (slots.isEmpty()) {
                continue; // serves no slot: no benchmark key lands there
            }
            RedisTarget node = t.node(m);
            try {
                PermissionProbe.checkMaster(() -> TargetSession.connect(node, c), t, m, slots::get, families,
                        TargetSession.KEY_PREFIX);
            } catch (BadInputException e) {
                if (first == null) {
                    first = e;
                } else {
                    others.add(m);
                }
            }
        }
        if (first != null) {
            throw new BadInputException(first.getMessage() + (others.isEmpty() ? ""
                    : " (refused at master " + String.join(", ", others) + " too)"));
        }
    }

    /**
     * Why a seed cannot be reached, after its name: {@code unreachable (cause)}, or over TLS
     * {@code : TLS handshake failed (cause); what to check} ({@link TransportErrors}), which names
     * the CA or server name option to look at.
     */
    private static String seedCause(RedisTarget seed, JedisConnectionException e) {
        String line = TransportErrors.unreachable(seed, e, "unreachable");
        String cause = line.substring(("--target " + seed.url() + ": ").length());
        return cause.startsWith("unreachable") ? " " + cause : ": " + cause;
    }

    private static String root(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage().lines().findFirst().orElse(""));
    }
}
