package dev.tailgate.redis.launch;

import java.util.Locale;

/**
 * What {@code --topology} asks the launcher for: one server reached over a {@link Topology}
 * transport, or a Redis Cluster of {@code masters} masters (no replicas) over TCP
 * ({@code cluster[:N]}) or TLS ({@code tls-cluster[:N]}: clients and the cluster bus, one
 * throwaway CA for every node).
 *
 * @param transport how every server is reached (a cluster's nodes: TCP or TLS)
 * @param masters   0 for one server; otherwise the cluster's masters, at least {@link #MIN_MASTERS}
 */
public record TopologySpec(Topology transport, int masters) {
    /** Redis Cluster refuses to agree on a state with fewer than three masters. */
    public static final int MIN_MASTERS = 3;
    /** Enough for a loopback test of spreading; more only multiplies processes on the same cores. */
    public static final int MAX_MASTERS = 16;
    private static final String FORMS = "standalone|tls|unix|cluster[:N]|tls-cluster[:N]";
    private static final String TLS_CLUSTER = "tls-cluster";

    public TopologySpec {
        if (transport == null) {
            throw new IllegalArgumentException("topology: transport missing");
        }
        if (masters != 0 && (masters < MIN_MASTERS || masters > MAX_MASTERS || transport == Topology.UNIX)) {
            throw new IllegalArgumentException("cluster:" + masters + ": expected " + MIN_MASTERS + ".." + MAX_MASTERS
                    + " masters over TCP or TLS");
        }
    }

    /** One server over {@code t}. */
    public static TopologySpec single(Topology t) {
        return new TopologySpec(t, 0);
    }

    /**
     * {@code standalone|tls|unix}, {@code cluster} (3 masters), {@code cluster:N}, or the same
     * over TLS as {@code tls-cluster[:N]}; else one line naming the forms.
     */
    public static TopologySpec parse(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        Topology transport = Topology.STANDALONE;
        if (v.startsWith(TLS_CLUSTER)) {
            transport = Topology.TLS;
            v = v.substring("tls-".length());
        } else if (!v.startsWith("cluster")) {
            return single(Topology.parse(s));
        }
        if (v.equals("cluster")) {
            return new TopologySpec(transport, MIN_MASTERS);
        }
        String n = v.startsWith("cluster:") ? v.substring("cluster:".length()) : "";
        if (!n.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("--topology " + s + ": expected " + FORMS);
        }
        int masters = Integer.parseInt(n);
        if (masters < MIN_MASTERS || masters > MAX_MASTERS) {
            throw new IllegalArgumentException("--topology " + s + ": a cluster needs " + MIN_MASTERS + ".." + MAX_MASTERS
                    + " masters, got " + masters);
        }
        return new TopologySpec(transport, masters);
    }

    public boolean cluster() {
        return masters > 0;
    }

    /** {@code standalone}, {@code tls}, {@code unix}, {@code cluster:N} or {@code tls-cluster:N}. */
    public String label() {
        return cluster() ? (transport == Topology.TLS ? TLS_CLUSTER : "cluster") + ":" + masters : transport.label();
    }
}
