package dev.tailgate.bench.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Picks a trial's keys so that every master gets the same number: candidate names
 * {@code namespace + i} are hashed to their slot (CRC16, as Redis does) and kept while the
 * slot's owner still needs keys. Without this, a uniform pick over arbitrary names would give
 * masters shares proportional to their slots and chance, and a per-node comparison would mix
 * node speed with key placement. No hash tags: each key lands where its own name sends it, as
 * an application's keys do. Pure: the slot owners are given.
 */
public final class ClusterKeys {
    /** Candidates tried per key wanted before giving up (a master owning almost no slots). */
    static final int TRIES_PER_KEY = 64;

    private ClusterKeys() {
    }

    /**
     * {@code perNode} keys for each of {@code nodes} masters, grouped by master index.
     *
     * @param owner slot -> index of the master that owns it (0..nodes-1)
     */
    public static List<List<byte[]>> choose(String namespace, int nodes, int perNode, IntUnaryOperator owner) {
        if (nodes < 1 || perNode < 1) {
            throw new IllegalArgumentException("cluster keys: expected nodes >= 1 and perNode >= 1, got " + nodes + ", " + perNode);
        }
        List<List<byte[]>> byNode = new ArrayList<>(nodes);
        for (int n = 0; n < nodes; n++) {
            byNode.add(new ArrayList<>(perNode));
        }
        int missing = nodes * perNode;
        long tries = (long) missing * TRIES_PER_KEY;
        for (long i = 0; missing > 0 && i < tries; i++) {
            byte[] key = (namespace + i).getBytes(StandardCharsets.UTF_8);
            List<byte[]> mine = byNode.get(owner.applyAsInt(JedisClusterCRC16.getSlot(key)));
            if (mine.size() < perNode) {
                mine.add(key);
                missing--;
            }
        }
        if (missing > 0) {
            throw new IllegalStateException("cluster keys: " + missing + " of " + nodes * perNode + " keys not placed after "
                    + tries + " names; a master owns too few slots for " + perNode + " keys each");
        }
        return byNode;
    }

    /**
     * The keys a trial reads: every master's ({@code all}) or one master's by index in
     * {@link ClusterKeyspace#nodes()} order; one line for anything else.
     */
    public static byte[][] select(List<List<byte[]>> byNode, String master) {
        if (master.equals("all")) {
            return byNode.stream().flatMap(List::stream).toArray(byte[][]::new);
        }
        int n;
        try {
            n = Integer.parseInt(master.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n >= byNode.size()) {
            throw new IllegalArgumentException("master=" + master + ": expected all or a master index 0.." + (byNode.size() - 1));
        }
        return byNode.get(n).toArray(byte[][]::new);
    }
}
