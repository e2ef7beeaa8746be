package dev.tailgate.redis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * The slots each master of {@link #masters} serves, by {@code host:port}: the fields after
     * the eighth of its line ({@code 0-5460}, {@code 5461}); a slot being imported or migrated
     * ({@code [5461-<-id]}, {@code [5461->-id]}) is left out, since it still belongs to the
     * master listed as serving it. A master without slots maps to an empty set.
     */
    public static Map<String, BitSet> slots(String clusterNodes) {
        List<String> masters = masters(clusterNodes);
        Map<String, BitSet> out = new TreeMap<>();
        for (String line : clusterNodes.split("\r?\n")) {
            String[] f = line.strip().split(" ");
            if (f.length < 3) {
                continue;
            }
            String address = f[1].split("@", 2)[0];
            if (!masters.contains(address)) {
                continue;
            }
            BitSet mine = out.computeIfAbsent(address, a -> new BitSet());
            for (int i = 8; i < f.length; i++) {
                addRange(mine, f[i]);
            }
        }
        masters.forEach(m -> out.computeIfAbsent(m, a -> new BitSet()));
        return out;
    }

    private static void addRange(BitSet into, String field) {
        if (field.isEmpty() || field.startsWith("[")) {
            return;
        }
        String[] ends = field.split("-", 2);
        try {
            int first = Integer.parseInt(ends[0]);
            int last = ends.length == 2 ? Integer.parseInt(ends[1]) : first;
            if (first >= 0 && first <= last && last < 16384) {
                into.set(first, last + 1);
            }
        } catch (NumberFormatException e) {
            // not a slot field: nothing to add
        }
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
