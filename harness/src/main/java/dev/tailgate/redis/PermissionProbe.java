package dev.tailgate.redis;

import dev.tailgate.model.BadInputException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Checks, before a run starts, that the target's user may do what the selected benchmarks do:
 * run their commands on keys under the benchmark prefix and use their Pub/Sub channel. Each
 * command is tried once on a probe key of its own under the prefix (created with a short TTL
 * and removed afterwards), so the check works on every Redis with ACLs (ACL DRYRUN needs admin
 * rights the benchmark user should not have). Redis checks ACLs before it executes a command,
 * so only a NOPERM reply means "not allowed"; any other error (no such group, say) means the
 * command was permitted. Every refusal is collected, so one line names all missing commands,
 * their ACL categories, and a missing key or channel pattern.
 */
public final class PermissionProbe {
    /** What a group of benchmarks does to Redis. */
    public enum Family { PING, STRING, STREAM, PUBSUB, BOOK }

    private static final SecureRandom TOKENS = new SecureRandom();
    private static final int PROBE_TTL_MILLIS = 60_000;
    /** Names tried for a master's hash tag; a master serving one slot of 16384 needs about 16384. */
    private static final int MAX_TAG_TRIES = 1 << 20;

    /** One command tried on the target; {@code categories} is the ACL hint given when it is refused. */
    private record Step(String command, String categories, Consumer<Jedis> call) {
    }

    private PermissionProbe() {
    }

    /** Which families the benchmarks need, from their names (the TCP floor needs none). */
    public static Set<Family> needs(List<String> benchmarks) {
        Set<Family> out = EnumSet.noneOf(Family.class);
        for (String b : benchmarks) {
            if (b.contains(".net.")) {
                continue;
            }
            out.add(Family.PING);
            if (b.contains("XaddTrim") || b.contains("StreamOneWay")) {
                out.add(Family.STREAM);
            } else if (b.contains("PubSub")) {
                out.add(Family.PUBSUB);
            } else if (b.contains("OrderBook") || b.contains("TopOfBook")) {
                out.add(Family.BOOK);
            } else if (!b.contains("Ping")) {
                out.add(Family.STRING);
            }
        }
        return out;
    }

    /**
     * Tries every command of {@code families} under {@code prefix}; one bad-input line naming
     * everything refused, or nothing.
     */
    public static void check(Supplier<Jedis> connect, RedisTarget target, Set<Family> families, String prefix) {
        String base = prefix + "probe:" + token() + ":";
        probe(connect, families, base).ifPresent(m -> {
            throw new BadInputException(missing(target, Optional.empty(), prefix, m));
        });
    }

    /**
     * The same probe on one master of a cluster: its probe keys carry a hash tag
     * ({@code prefix + "probe:{TAG}:..."}) whose slot {@code servedSlot} accepts, so this master
     * executes every command (rather than answer MOVED), as it will the benchmarks' own, and the
     * probe keys are removed where they were made. ACLs are kept per node, so each master is
     * asked; the line names the cluster target and the master.
     */
    public static void checkMaster(Supplier<Jedis> connect, RedisTarget cluster, String master, IntPredicate servedSlot,
                                   Set<Family> families, String prefix) {
        String base = prefix + "probe:{" + slotTag(token(), servedSlot) + "}:";
        probe(connect, families, base).ifPresent(m -> {
            throw new BadInputException(missing(cluster, Optional.of(master), prefix, m));
        });
    }

    /** {@code token-i} for the first i whose hash slot {@code servedSlot} accepts. */
    static String slotTag(String token, IntPredicate servedSlot) {
        for (int i = 0; i < MAX_TAG_TRIES; i++) {
            String tag = token + "-" + i;
            if (servedSlot.test(JedisClusterCRC16.getSlot(tag))) {
                return tag;
            }
        }
        throw new IllegalArgumentException("no probe key found in the master's slots after " + MAX_TAG_TRIES + " names");
    }

    /** What was refused: commands (with their categories), the key pattern, the channel pattern. */
    record Refusals(Set<String> commands, Set<String> categories, boolean keys, boolean channels) {
    }

    private static Optional<Refusals> probe(Supplier<Jedis> connect, Set<Family> families, String base) {
        Set<String> commands = new LinkedHashSet<>();
        Set<String> categories = new LinkedHashSet<>();
        boolean keys = false;
        boolean channels = false;
        try (Jedis j = connect.get()) {
            for (Family f : families) {
                for (Step s : steps(f, base, connect)) {
                    try {
                        s.call().accept(j);
                    } catch (JedisDataException e) {
                        String m = String.valueOf(e.getMessage());
                        if (!m.startsWith("NOPERM")) {
                            continue;
                        }
                        String lower = m.toLowerCase(Locale.ROOT);
                        if (lower.contains("channel")) {
                            channels = true;
                        } else if (lower.contains("key")) {
                            keys = true;
                        } else {
                            commands.add(s.command());
                            categories.addAll(List.of(s.categories().split(" ")));
                        }
                    }
                }
            }
            cleanUp(j, base);
        }
        return commands.isEmpty() && !keys && !channels ? Optional.empty()
                : Optional.of(new Refusals(commands, categories, keys, channels));
    }

    /** The one line: who, what is missing (at which master of a cluster), and an ACL SETUSER that would grant it. */
    private static String missing(RedisTarget target, Optional<String> master, String prefix, Refusals r) {
        String user = target.user().orElse("default");
        List<String> parts = new ArrayList<>();
        List<String> grant = new ArrayList<>();
        if (!r.commands().isEmpty()) {
            parts.add("commands " + String.join(" ", r.commands()) + " (ACL categories " + String.join(" ", r.categories()) + ")");
            r.commands().forEach(c -> grant.add("+" + c));
        }
        if (r.keys()) {
            parts.add("keys " + prefix + "*");
            grant.add("~" + prefix + "*");
        }
        if (r.channels()) {
            parts.add("channels " + prefix + "*");
            grant.add("&" + prefix + "*");
        }
        return "--target " + target.url() + ": permission denied" + master.map(m -> " at master " + m).orElse("")
                + ": user " + user + " lacks what the selected benchmarks need: " + String.join("; ", parts)
                + "; grant it" + master.map(m -> " on " + m).orElse("") + ", e.g. ACL SETUSER " + user + " "
                + String.join(" ", grant);
    }

    private static List<Step> steps(Family f, String base, Supplier<Jedis> connect) {
        String k = base + f.name().toLowerCase(Locale.ROOT);
        return switch (f) {
            case PING -> List.of(new Step("ping", "@connection", Jedis::ping));
            case STRING -> List.of(
                    new Step("set", "@write @string", j -> j.set(k, "v", SetParams.setParams().px(PROBE_TTL_MILLIS))),
                    new Step("get", "@read @string", j -> j.get(k)),
                    new Step("pexpire", "@write @keyspace", j -> j.pexpire(k, PROBE_TTL_MILLIS)),
                    new Step("del", "@write @keyspace", j -> j.del(k)),
                    new Step("unlink", "@write @keyspace", j -> j.unlink(k)),
                    new Step("scan", "@read @keyspace", j -> j.scan(ScanParams.SCAN_POINTER_START,
                            new ScanParams().match(base + "*").count(10))));
            case STREAM -> List.of(
                    new Step("xadd", "@write @stream", j -> j.xadd(k, XAddParams.xAddParams().maxLen(10).approximateTrimming(),
                            Map.of("f", "v"))),
                    new Step("pexpire", "@write @keyspace", j -> j.pexpire(k, PROBE_TTL_MILLIS)),
                    new Step("xgroup", "@write @stream", j -> j.xgroupCreate(k, "probe", new StreamEntryID(0, 0), true)),
                    new Step("xread", "@read @stream", j -> j.xread(XReadParams.xReadParams().count(1),
                            Map.of(k, new StreamEntryID(0, 0)))),
                    new Step("xreadgroup", "@write @stream", j -> j.xreadGroup("probe", "c1",
                            XReadGroupParams.xReadGroupParams().count(1), Map.of(k, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY))),
                    new Step("xack", "@write @stream", j -> j.xack(k, "probe", new StreamEntryID(0, 1))),
                    new Step("del", "@write @keyspace", j -> j.del(k)));
            case PUBSUB -> List.of(
                    new Step("publish", "@pubsub", j -> j.publish(k, "probe")),
                    new Step("subscribe", "@pubsub", j -> subscribeOnce(connect, k)));
            case BOOK -> List.of(
                    new Step("zadd", "@write @sortedset", j -> j.zadd(k + ":z", 1, "m")),
                    new Step("zrem", "@write @sortedset", j -> j.zrem(k + ":z", "m")),
                    new Step("zcard", "@read @sortedset", j -> j.zcard(k + ":z")),
                    new Step("zrange", "@read @sortedset", j -> j.zrangeWithScores(k + ":z", 0, 0)),
                    new Step("hset", "@write @hash", j -> j.hset(k + ":h", "f", "v")),
                    new Step("pexpire", "@write @keyspace", j -> j.pexpire(k + ":h", PROBE_TTL_MILLIS)),
                    new Step("hmget", "@read @hash", j -> j.hmget(k + ":h", "f")),
                    new Step("del", "@write @keyspace", j -> j.del(k + ":z", k + ":h")));
        };
    }

    /**
     * SUBSCRIBE on a connection of its own (a subscribed connection takes no other command),
     * reading only the confirmation or the refusal.
     */
    private static void subscribeOnce(Supplier<Jedis> connect, String channel) {
        try (Jedis sub = connect.get()) {
            sub.sendCommand(Protocol.Command.SUBSCRIBE, channel);
        }
    }

    private static void cleanUp(Jedis j, String base) {
        try {
            List<String> left = j.scan(ScanParams.SCAN_POINTER_START, new ScanParams().match(base + "*").count(1000))
                    .getResult();
            if (!left.isEmpty()) {
                j.unlink(left.toArray(new String[0]));
            }
        } catch (RuntimeException ignored) {
            // probe keys carry a TTL: whatever cannot be removed here expires on its own
        }
    }

    private static String token() {
        return HexFormat.of().formatHex(randomBytes());
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        TOKENS.nextBytes(b);
        return b;
    }
}
