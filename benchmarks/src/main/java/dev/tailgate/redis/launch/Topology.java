package dev.tailgate.redis.launch;

import java.util.Locale;

/**
 * How the embedded server is reached ({@code --topology}): plain TCP on a loopback port, TLS on
 * a loopback port with a throwaway CA made at start, or a Unix socket in a temp directory. The
 * server, profile and pinning are the same in all three, so runs that differ only here measure
 * what the transport costs.
 */
public enum Topology {
    STANDALONE, TLS, UNIX;

    /**
     * {@code standalone|tls|unix}; anything else is one line naming what is accepted. A cluster is
     * several servers, not a transport: {@link TopologySpec#parse} reads {@code [tls-]cluster[:N]}.
     */
    public static Topology parse(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("cluster") || v.startsWith("tls-cluster")) {
            throw new IllegalArgumentException("--topology " + s + ": a cluster is not a transport, expected standalone|tls|unix");
        }
        return switch (v) {
            case "standalone" -> STANDALONE;
            case "tls" -> TLS;
            case "unix" -> UNIX;
            default -> throw new IllegalArgumentException("--topology " + s + ": expected standalone|tls|unix");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
