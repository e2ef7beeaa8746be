package dev.tailgate.redis.launch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;

/**
 * Moves slots between the masters of a launched {@link RedisCluster} the way a resharding does,
 * for the tests of redirections: a slot range first put in migration (MIGRATING on its owner,
 * IMPORTING on the new one, so every key that is not on the owner is reached through an ASK
 * redirection and new keys land on the new master), then handed over (SETSLOT NODE on every
 * node, after which a client with the old slot map gets a MOVED). And INFO commandstats summed
 * over the masters, to see which cluster served which calls.
 */
public final class ClusterSlotMoves {
    private ClusterSlotMoves() {
    }

    /** Puts every slot of node {@code from} (index into {@link RedisCluster#nodes()}) in migration to node {@code to}. */
    public static void migrating(RedisCluster c, int from, int to) {
        RedisServer src = c.nodes().get(from);
        RedisServer dst = c.nodes().get(to);
        ClusterSlots.Range range = c.slots().get(from);
        String srcId = myId(src);
        String dstId = myId(dst);
        setSlots(dst, range, "IMPORTING", srcId);
        setSlots(src, range, "MIGRATING", dstId);
    }

    /**
     * Hands every slot of node {@code from}'s range to node {@code to} on every node (the end of a
     * migration): the new owner first, then the bystanders, then the old owner. Once the new owner
     * claims the slots (with a bumped config epoch), the old owner, left without slots, may turn
     * itself into a replica of the new owner from the gossip alone (Redis 7), and a replica refuses
     * SETSLOT; that refusal is the hand-over already done, so it is accepted only when the old
     * owner is by then a replica of {@code to}.
     */
    public static void handOver(RedisCluster c, int from, int to) {
        RedisServer src = c.nodes().get(from);
        RedisServer dst = c.nodes().get(to);
        String dstId = myId(dst);
        ClusterSlots.Range range = c.slots().get(from);
        setSlots(dst, range, "NODE", dstId);
        for (int i = 0; i < c.nodes().size(); i++) {
            if (i != from && i != to) {
                setSlots(c.nodes().get(i), range, "NODE", dstId);
            }
        }
        try {
            setSlots(src, range, "NODE", dstId);
        } catch (IllegalStateException e) {
            if (!replicaOf(src, dst)) {
                throw e;
            }
        }
    }

    private static boolean replicaOf(RedisServer n, RedisServer master) {
        try (Jedis j = new Jedis(n.host(), n.port())) {
            List<String> lines = j.info("replication").lines().map(String::trim).toList();
            return lines.contains("role:slave") && lines.contains("master_port:" + master.port());
        }
    }

    /** Calls of {@code command} (lower case, e.g. {@code get}) all masters of {@code c} served, from INFO commandstats. */
    public static long calls(RedisCluster c, String command) {
        long sum = 0;
        for (RedisServer n : c.nodes()) {
            try (Jedis j = new Jedis(n.host(), n.port())) {
                for (String line : j.info("commandstats").split("\r?\n")) {
                    if (line.startsWith("cmdstat_" + command + ":")) {
                        for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
                            if (kv.startsWith("calls=")) {
                                sum += Long.parseLong(kv.substring("calls=".length()));
                            }
                        }
                    }
                }
            }
        }
        return sum;
    }

    private static String myId(RedisServer n) {
        try (Jedis j = new Jedis(n.host(), n.port())) {
            return new String((byte[]) j.sendCommand(Protocol.Command.CLUSTER, "MYID"), StandardCharsets.UTF_8);
        }
    }

    private static void setSlots(RedisServer n, ClusterSlots.Range range, String state, String nodeId) {
        try (Jedis j = new Jedis(n.host(), n.port())) {
            Pipeline p = j.pipelined();
            for (int s = range.first(); s <= range.last(); s++) {
                p.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", Integer.toString(s), state, nodeId);
            }
            List<Object> replies = p.syncAndReturnAll();
            for (Object r : replies) {
                if (r instanceof Exception e) {
                    throw new IllegalStateException(n.port() + ": CLUSTER SETSLOT ... " + state + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
