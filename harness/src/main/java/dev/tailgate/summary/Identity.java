package dev.tailgate.summary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.fingerprint.Drift;
import dev.tailgate.fingerprint.Fingerprint;
import dev.tailgate.fingerprint.Item;
import dev.tailgate.fingerprint.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run measured on, as flat key/value pairs, and what changed between two runs: the
 * likely causes history names beside a change point. Pure: the caller reads the files.
 *
 * <p>Keys come from the manifest (suite, profile, Redis version, JMH settings, client library
 * versions, core plan, suite commit) and from fingerprint.json (kernel, JVM, CPU power
 * management, isolation, ...). Fingerprint items {@link Drift} classifies as INFO are left out:
 * they change from run to run without changing the measurement (an embedded server's port,
 * cumulative steal time), and naming them as causes would bury the real one.
 */
public final class Identity {
    /** Shown first, in this order: the changes most likely to move a Redis round trip. */
    private static final List<String> FIRST = List.of("profile", "redis.profileSha256", "redis.version",
            "redis.mode", "fingerprint.os.kernel", "fingerprint.jvm.version", "java",
            "dependency.redis.clients:jedis", "dependency.io.lettuce:lettuce-core", "corePlan", "suiteGitSha");

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("profile", "profile"),
            Map.entry("redis.profileSha256", "profile text"),
            Map.entry("redis.version", "Redis"),
            Map.entry("redis.mode", "Redis target"),
            Map.entry("fingerprint.os.kernel", "kernel"),
            Map.entry("fingerprint.jvm.version", "JVM"),
            Map.entry("java", "JVM"),
            Map.entry("dependency.redis.clients:jedis", "Jedis"),
            Map.entry("dependency.io.lettuce:lettuce-core", "Lettuce"),
            Map.entry("fingerprint.clients.jedis", "Jedis"),
            Map.entry("fingerprint.clients.lettuce", "Lettuce"),
            Map.entry("corePlan", "core plan"),
            Map.entry("suiteGitSha", "suite commit"));

    /** A value longer than this is not shown, only said to have changed (a hash, a command line). */
    private static final int SHOWN = 40;

    private Identity() {
    }

    /** The identity of a run from its manifest (an empty object when it has none) and fingerprint. */
    public static SortedMap<String, String> of(JsonNode manifest, Optional<Fingerprint> fingerprint) {
        SortedMap<String, String> out = new TreeMap<>();
        put(out, "suite", manifest.path("suite"));
        // "low-latency (profiles/low-latency.conf)": the name only, the origin is a path of one machine
        JsonNode profile = manifest.path("redis").path("profile");
        if (profile.isTextual()) {
            out.put("profile", profile.asText().replaceFirst(" \\(.*$", ""));
        }
        put(out, "redis.profileSha256", manifest.path("redis").path("profileSha256"));
        put(out, "redis.version", manifest.path("redis").path("version"));
        put(out, "redis.mode", manifest.path("redis").path("mode"));
        for (String k : List.of("forks", "iterations", "iterationTime", "warmupIterations", "warmupTime", "jmhVersion")) {
            put(out, "jmh." + k, manifest.path("jmh").path(k));
        }
        manifest.path("dependencies").fields().forEachRemaining(e -> put(out, "dependency." + e.getKey(), e.getValue()));
        put(out, "suiteGitSha", manifest.path("suiteGitSha"));
        put(out, "host", manifest.path("host").path("hostname"));
        put(out, "java", manifest.path("host").path("javaVersion"));
        put(out, "design", manifest.path("design").path("name"));
        put(out, "ab.role", manifest.path("ab").path("role"));
        JsonNode plan = manifest.path("corePlan");
        if (plan.isObject()) {
            out.put("corePlan", plan.path("source").asText() + " server " + plan.path("serverCpu").asText("-")
                    + " clients " + plan.path("clientCpus") + (plan.path("pin").asBoolean(true) ? "" : " unpinned"));
        }
        fingerprint.ifPresent(f -> f.items().forEach((key, item) -> {
            if (Drift.classify(key) != Severity.INFO) {
                out.put("fingerprint." + key, item instanceof Item.Present p ? p.value()
                        : "unknown (" + ((Item.Absent) item).reason() + ")");
            }
        }));
        return out;
    }

    private static void put(Map<String, String> out, String key, JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            out.put(key, value.asText());
        }
    }

    /**
     * What differs from {@code before} to {@code after}, for people: "Redis 7.0.15 → 7.2.4",
     * "profile low-latency → stock", "suite commit changed". The likeliest causes come first;
     * two keys saying the same thing (Jedis in the manifest and in the fingerprint) give one line.
     */
    public static List<String> changes(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> changed = new ArrayList<>();
        for (String k : keys) {
            if (!Objects.equals(before.get(k), after.get(k))) {
                changed.add(k);
            }
        }
        changed.sort(Comparator.comparingInt((String k) -> FIRST.contains(k) ? FIRST.indexOf(k) : FIRST.size())
                .thenComparing(Comparator.naturalOrder()));
        if (changed.contains("profile")) {
            // a profile of another name has other text: one line says it
            changed.remove("redis.profileSha256");
        }
        LinkedHashSet<String> lines = new LinkedHashSet<>();
        for (String k : changed) {
            lines.add(line(name(k), before.get(k), after.get(k)));
        }
        return List.copyOf(lines);
    }

    static String name(String key) {
        String n = NAMES.get(key);
        if (n != null) {
            return n;
        }
        return key.startsWith("fingerprint.") ? key.substring("fingerprint.".length())
                : key.startsWith("dependency.") ? key.substring(key.lastIndexOf(':') + 1) : key;
    }

    private static String line(String name, String before, String after) {
        String b = before == null ? "absent" : before;
        String a = after == null ? "absent" : after;
        if (b.length() > SHOWN || a.length() > SHOWN) {
            return name + " changed";
        }
        return name + " " + b + " → " + a;
    }
}
