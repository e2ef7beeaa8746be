package dev.tailgate.fingerprint;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code compare} and {@code ab} ask before a verdict: which critical differences between
 * the two arms are <em>not</em> the variable the experiment declared. A non-empty answer
 * refuses the comparison unless {@code --allow-drift} is given.
 *
 * <p>A declared variable covers an item when it equals the item key or is a prefix of it at a
 * dot ({@code redis} covers {@code redis.version}), or through an alias below.
 */
public final class DriftCheck {
    /** Short names an A/B declaration may use, and the items each covers. */
    public static final Map<String, List<String>> ALIASES = Map.of(
            "redis-config", List.of("redis.configHash", "redis.config"),
            "profile", List.of("redis.configHash", "redis.config"),
            "redis-version", List.of("redis.version", "redis.info"),
            "kernel", List.of("os.kernel", "boot"),
            "jvm", List.of("jvm"),
            "client", List.of("clients.jedis", "clients.lettuce", "clients.protocol"),
            "protocol", List.of("clients.protocol"),
            "gc", List.of("jvm.gc"));

    private DriftCheck() {
    }

    public static List<Drift.Difference> check(Fingerprint a, Fingerprint b, Set<String> declaredVariables) {
        return Drift.compare(a, b).stream().filter(d -> d.severity() == Severity.CRITICAL)
                .filter(d -> !covered(d.item(), declaredVariables)).toList();
    }

    static boolean covered(String item, Set<String> declared) {
        for (String v : declared) {
            for (String p : ALIASES.getOrDefault(v, List.of(v))) {
                if (item.equals(p) || item.startsWith(p + ".")) {
                    return true;
                }
            }
        }
        return false;
    }
}
