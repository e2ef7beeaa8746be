package dev.tailgate.fingerprint;

import dev.tailgate.redis.Redaction;
import dev.tailgate.redis.RedisTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A Redis Cluster's fingerprint from its masters' own ({@code redisNodes}): pure, no I/O.
 * {@link #combine} makes the cluster's {@code redis} section, so that drift, history and
 * {@code compare} judge a cluster by the same items as one server: an item every master shares
 * keeps its value, one they do not share reads {@code differs across masters: HOST:PORT value; ...}
 * (a change on any master then changes the cluster's item). {@link #differences} says, one line
 * per item, where the masters differ: a cluster whose masters run other versions or configs
 * measures a mix, which is a finding of its own.
 */
public final class ClusterFingerprint {
    /** Config and INFO keys listed by name in a difference line; more are counted. */
    static final int MAX_KEYS_NAMED = 8;

    private ClusterFingerprint() {
    }

    /** The cluster as one {@link Fingerprint.Redis}: shared values, or what differs, per item. */
    public static Fingerprint.Redis combine(RedisTarget cluster, SortedMap<String, Fingerprint.Redis> nodes) {
        if (nodes.isEmpty()) {
            return Fingerprint.Redis.absent("no master found");
        }
        return new Fingerprint.Redis(Item.of(cluster.url()), agree(nodes, Fingerprint.Redis::version),
                Item.absent("one per master, see " + Fingerprint.REDIS_NODES),
                shared(nodes, Fingerprint.Redis::info), agree(nodes, Fingerprint.Redis::configHash),
                shared(nodes, Fingerprint.Redis::config), agree(nodes, Fingerprint.Redis::processAffinity),
                agree(nodes, Fingerprint.Redis::preload));
    }

    /**
     * One line per item the masters do not share: the version, the config (naming the keys that
     * differ, without where each instance lives: {@link Redaction#INSTANCE_KEYS}), the build
     * (INFO server), the process affinity and preload. Empty when they agree.
     */
    public static List<String> differences(SortedMap<String, Fingerprint.Redis> nodes) {
        List<String> out = new ArrayList<>();
        item(nodes, "version", Fingerprint.Redis::version).ifPresent(out::add);
        keys(nodes, "config", Fingerprint.Redis::config).ifPresent(out::add);
        keys(nodes, "INFO server", Fingerprint.Redis::info).ifPresent(out::add);
        item(nodes, "process affinity", Fingerprint.Redis::processAffinity).ifPresent(out::add);
        item(nodes, "preload", Fingerprint.Redis::preload).ifPresent(out::add);
        return out;
    }

    private static Item agree(SortedMap<String, Fingerprint.Redis> nodes, Function<Fingerprint.Redis, Item> get) {
        List<Item> items = nodes.values().stream().map(get).toList();
        if (items.stream().distinct().count() == 1) {
            return items.get(0);
        }
        return Item.of("differs across masters: " + perNode(nodes, r -> get.apply(r).display()));
    }

    /** The entries every master has with the same value; where each instance lives is left out. */
    private static SortedMap<String, String> shared(SortedMap<String, Fingerprint.Redis> nodes,
                                                    Function<Fingerprint.Redis, SortedMap<String, String>> get) {
        SortedMap<String, String> out = new TreeMap<>(get.apply(nodes.values().iterator().next()));
        for (Fingerprint.Redis r : nodes.values()) {
            Map<String, String> m = get.apply(r);
            out.entrySet().removeIf(e -> !Objects.equals(m.get(e.getKey()), e.getValue()));
        }
        Redaction.INSTANCE_KEYS.forEach(out::remove);
        return out;
    }

    private static java.util.Optional<String> item(SortedMap<String, Fingerprint.Redis> nodes, String what,
                                                   Function<Fingerprint.Redis, Item> get) {
        if (nodes.values().stream().map(get).distinct().count() <= 1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(what + " differs across masters: " + perNode(nodes, r -> get.apply(r).display()));
    }

    private static java.util.Optional<String> keys(SortedMap<String, Fingerprint.Redis> nodes, String what,
                                                   Function<Fingerprint.Redis, SortedMap<String, String>> get) {
        TreeSet<String> all = new TreeSet<>();
        nodes.values().forEach(r -> all.addAll(get.apply(r).keySet()));
        all.removeAll(Redaction.INSTANCE_KEYS);
        List<String> differing = new ArrayList<>();
        for (String k : all) {
            if (nodes.values().stream().map(r -> get.apply(r).get(k)).distinct().count() > 1) {
                differing.add(k + " (" + perNode(nodes, r -> get.apply(r).getOrDefault(k, "<none>")) + ")");
            }
        }
        if (differing.isEmpty()) {
            return java.util.Optional.empty();
        }
        String named = String.join(", ", differing.subList(0, Math.min(MAX_KEYS_NAMED, differing.size())));
        int more = differing.size() - MAX_KEYS_NAMED;
        return java.util.Optional.of(what + " differs across masters in " + differing.size() + " key(s): " + named
                + (more > 0 ? " and " + more + " more (see " + Fingerprint.REDIS_NODES + " in the JSON)" : ""));
    }

    private static String perNode(SortedMap<String, Fingerprint.Redis> nodes, Function<Fingerprint.Redis, String> value) {
        List<String> parts = new ArrayList<>();
        nodes.forEach((node, r) -> parts.add(node + " " + value.apply(r)));
        return String.join("; ", parts);
    }
}
