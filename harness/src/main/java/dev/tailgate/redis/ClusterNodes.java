package dev.tailgate.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a cluster node says about its cluster, read from {@code CLUSTER NODES} and
 * {@code INFO}/{@code CLUSTER INFO} text: pure parsing, no I/O.
 */
public final class ClusterNodes {
    private ClusterNodes() {
    }

    /**
     * The {@code host:port} of every master that serves (not failed, with an address), sorted:
     * the order the cluster benchmarks number masters in ({@code master=i}). A line is
     * {@code id ip:port@cport[,hostname] flags ...}.
     */
    public static List<String> masters(String clusterNodes) {
        List<String> out = new ArrayList<>();
        for (String line : clusterNodes.split("\r?\n")) {
            String[] f = line.strip().split(" ");
            if (f.length < 3) {
                continue;
            }
            List<String> flags = List.of(f[2].split(","));
            String address = f[1].split("@", 2)[0];
            if (flags.contains("master") && !flags.contains("fail") && !flags.contains("noaddr")
                    && !address.startsWith(":")) {
                out.add(address);
            }
        }
        out.sort(null);
        return out;
    }

    /** True when {@code INFO cluster} says the server runs in cluster mode. */
    public static boolean enabled(Map<String, String> infoCluster) {
        return "1".equals(infoCluster.get("cluster_enabled"));
    }

    /** {@code cluster_state} from {@code CLUSTER INFO} text ("ok", "fail"), "unknown" if absent. */
    public static String state(String clusterInfo) {
        return clusterInfo.lines().filter(l -> l.startsWith("cluster_state:"))
                .map(l -> l.substring("cluster_state:".length()).strip()).findFirst().orElse("unknown");
    }
}
