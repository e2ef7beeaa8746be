package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.ForkArms;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import redis.clients.jedis.HostAndPort;

/**
 * The seed nodes of a Redis Cluster target, from {@code tailgate.redis.cluster}
 * ({@code host:port[,host:port...]}, set by the harness for a {@code redis-cluster://} target
 * or {@code --topology cluster}). The clients discover every master from any seed; user,
 * password, protocol and transport (TCP, or TLS with {@code tailgate.redis.tls*}) come from
 * {@code tailgate.redis.*} as for one server.
 *
 * @param nodes {@code host:port} of each seed, in the order given
 */
public record ClusterSeeds(List<String> nodes) {
    public static final String PROPERTY = "tailgate.redis.cluster";
    /** Arm B's seeds in an alternated A/B fork ({@link ForkArms}): arm B's cluster is a cluster of its own. */
    public static final String ALT_PROPERTY = ForkArms.ALT_PREFIX + "cluster";

    public ClusterSeeds {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + ": expected host:port[,host:port...], got none");
        }
        for (String n : nodes) {
            hostAndPort(n);
        }
    }

    /** {@code host:port[,host:port...]}; one line naming the bad part otherwise. */
    public static ClusterSeeds parse(String v) {
        List<String> nodes = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            nodes.add(part.strip());
        }
        return new ClusterSeeds(nodes);
    }

    /** The seeds when {@code tailgate.redis.cluster} is set. */
    public static Optional<ClusterSeeds> from(UnaryOperator<String> props) {
        String v = props.apply(PROPERTY);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(parse(v));
    }

    /** The seeds, or one line saying that {@code who} measures a cluster and this fork has none. */
    public static ClusterSeeds require(UnaryOperator<String> props, String who) {
        return from(props).orElseThrow(() -> new IllegalStateException(who + " is a Redis Cluster benchmark: give a cluster"
                + " target (--target redis-cluster://host:port[,host:port] or --topology cluster); " + PROPERTY + " is not set"));
    }

    /**
     * Each arm's seeds, in arm order: arm A's from {@link #PROPERTY}, and in an alternated fork
     * arm B's from {@link #ALT_PROPERTY}; one line naming the property an arm lacks (an A/B of a
     * cluster against one server is refused by the harness before any fork starts).
     */
    public static List<ClusterSeeds> perArm(UnaryOperator<String> props, ForkArms arms, String who) {
        List<ClusterSeeds> seeds = new ArrayList<>();
        seeds.add(require(props, who));
        if (arms.alternating()) {
            seeds.add(from(k -> props.apply(k.equals(PROPERTY) ? ALT_PROPERTY : k)).orElseThrow(() ->
                    new IllegalStateException(who + ": " + ForkArms.ALTERNATE + " is set but arm B has no cluster ("
                            + ALT_PROPERTY + " is not set); both arms of an alternated cluster fork must be clusters")));
        }
        return seeds;
    }

    /** One line when {@code who}, a one-server benchmark, is sent to a cluster (keys would be MOVED away). */
    public static void refuseCluster(UnaryOperator<String> props, String who) {
        if (from(props).isPresent()) {
            throw new IllegalStateException(who + " measures one Redis server, but the target is a Redis Cluster ("
                    + PROPERTY + "); use the dev.tailgate.bench.cluster benchmarks");
        }
    }

    /** True for a benchmark of this package (by JMH name), the ones that need a cluster. */
    public static boolean isClusterBenchmark(String benchmark) {
        return benchmark.startsWith(ClusterSeeds.class.getPackageName() + ".");
    }

    /** The seeds as Jedis takes them. */
    public Set<HostAndPort> jedis() {
        Set<HostAndPort> s = new LinkedHashSet<>();
        nodes.forEach(n -> s.add(hostAndPort(n)));
        return s;
    }

    /** {@code host:port} checked: a host, a port 1..65535; IPv6 hosts in brackets. */
    static HostAndPort hostAndPort(String node) {
        return node(node).orElseThrow(() -> new IllegalArgumentException(PROPERTY + ": \"" + node
                + "\" is not host:port (port 1..65535)"));
    }

    /** {@code host:port} (IPv6 hosts in brackets) as Jedis takes it; empty when it is not one. */
    public static Optional<HostAndPort> node(String node) {
        int colon = node.lastIndexOf(':');
        String host = colon < 0 ? "" : node.substring(0, colon);
        String port = colon < 0 ? "" : node.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return Optional.empty();
        }
        return Optional.of(new HostAndPort(host, Integer.parseInt(port)));
    }
}
