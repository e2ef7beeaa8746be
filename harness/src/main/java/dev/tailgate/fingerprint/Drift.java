package dev.tailgate.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Pure comparison of two fingerprints: every item whose value (or presence) differs, classified
 * by {@link #RULES}. No I/O; {@code tailgate drift}, {@code compare} and {@code ab} call it.
 * The table is documented in docs/environment.md; keep the two in step.
 */
public final class Drift {

    /** One classification rule: an item key, or a prefix ending in {@code .*}; first match wins. */
    public record Rule(String pattern, Severity severity, String why) {
        public Rule {
            Objects.requireNonNull(pattern);
            Objects.requireNonNull(severity);
            Objects.requireNonNull(why);
        }

        boolean matches(String item) {
            return pattern.endsWith(".*") ? item.startsWith(pattern.substring(0, pattern.length() - 1))
                    : item.equals(pattern);
        }
    }

    /** One differing item. {@code baseline}/{@code current} are absent items when one side lacks it. */
    public record Difference(String item, Severity severity, Item baseline, Item current, String why) {
        public Difference {
            Objects.requireNonNull(item);
            Objects.requireNonNull(severity);
            Objects.requireNonNull(baseline);
            Objects.requireNonNull(current);
            Objects.requireNonNull(why);
        }
    }

    public static final List<Rule> RULES = List.of(
            new Rule("os.kernel", Severity.CRITICAL, "scheduler, network stack and mitigations change with the kernel"),
            new Rule("os.arch", Severity.CRITICAL, "different hardware architecture"),
            new Rule("boot.isolcpus", Severity.CRITICAL, "isolated cores decide who else runs on the benchmark cores"),
            new Rule("boot.nohzFull", Severity.CRITICAL, "tick interrupts on the benchmark cores"),
            new Rule("isolation.isolatedCpus", Severity.CRITICAL, "isolated cores decide who else runs on the benchmark cores"),
            new Rule("isolation.nohzFullCpus", Severity.CRITICAL, "tick interrupts on the benchmark cores"),
            new Rule("isolation.cgroupCpuQuota", Severity.CRITICAL, "CFS throttling adds 10-100 ms stalls"),
            new Rule("isolation.cgroupCpuset", Severity.CRITICAL, "the CPUs the process may use"),
            new Rule("cpu.model", Severity.CRITICAL, "different CPU"),
            new Rule("cpu.count", Severity.CRITICAL, "different core count changes the core plan"),
            new Rule("cpu.smt", Severity.CRITICAL, "a hyperthread sibling shares the core's execution units"),
            new Rule("cpu.governor", Severity.CRITICAL, "frequency scaling changes service time and wake-up latency"),
            new Rule("cpu.turbo", Severity.CRITICAL, "turbo changes clock speed with load and temperature"),
            new Rule("cpu.clocksource", Severity.CRITICAL, "a non-TSC clocksource makes every timestamp slower and coarser"),
            new Rule("memory.thpEnabled", Severity.CRITICAL, "THP compaction and fork copy-on-write stall Redis"),
            new Rule("jvm.version", Severity.CRITICAL, "JIT, GC and socket code change with the JVM"),
            new Rule("jvm.vendor", Severity.CRITICAL, "a different JVM build"),
            new Rule("jvm.gc", Severity.CRITICAL, "the collector decides the client's pauses"),
            new Rule("clients.jedis", Severity.CRITICAL, "client code is part of the measured path"),
            new Rule("clients.lettuce", Severity.CRITICAL, "client code is part of the measured path"),
            new Rule("clients.protocol", Severity.CRITICAL, "RESP2 and RESP3 differ in reply shapes and parsing"),
            new Rule("redis.version", Severity.CRITICAL, "server code is part of the measured path"),
            new Rule("redis.configHash", Severity.CRITICAL, "Redis configuration changed (see redis.config.* lines)"),
            new Rule("redis.preload", Severity.CRITICAL, "a kernel-bypass preload replaces the network stack"),
            new Rule("virtualisation.stealPercent", Severity.INFO, "cumulative since boot; doctor judges it"),
            new Rule("redis.info.*", Severity.INFO, "build details; the version line carries the verdict"),
            new Rule("redis.config.*", Severity.INFO, "detail behind redis.configHash"),
            new Rule("redis.target", Severity.INFO, "where Redis was reached; an embedded server moves every run"),
            new Rule("redisNodes.*", Severity.INFO, "a cluster master's own items; the cluster's redis.* items carry the verdict"),
            new Rule("os.*", Severity.WARNING, "OS distribution"),
            new Rule("boot.*", Severity.WARNING, "boot parameters that shape idle states, RCU work and mitigations"),
            new Rule("cpu.*", Severity.WARNING, "CPU power management and topology"),
            new Rule("memory.*", Severity.WARNING, "memory management settings that can stall"),
            new Rule("irq.*", Severity.WARNING, "interrupts on the benchmark cores"),
            new Rule("network.*", Severity.WARNING, "network stack settings that move round trips"),
            new Rule("virtualisation.*", Severity.WARNING, "a different host or hypervisor"),
            new Rule("jvm.*", Severity.WARNING, "JVM flags"),
            new Rule("clients.*", Severity.WARNING, "how client threads were pinned"),
            new Rule("redis.*", Severity.WARNING, "Redis process placement"));

    private Drift() {
    }

    public static Severity classify(String item) {
        return rule(item).severity();
    }

    static Rule rule(String item) {
        return RULES.stream().filter(r -> r.matches(item)).findFirst()
                .orElse(new Rule(item, Severity.WARNING, "not classified: treated as a warning"));
    }

    /** Every difference, most severe first, then by item name. */
    public static List<Difference> compare(Fingerprint baseline, Fingerprint current) {
        SortedMap<String, Item> a = baseline.items();
        SortedMap<String, Item> b = current.items();
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Difference> out = new ArrayList<>();
        for (String k : keys) {
            Item x = a.getOrDefault(k, Item.absent("not in baseline"));
            Item y = b.getOrDefault(k, Item.absent("not in current"));
            if (!x.equals(y)) {
                Rule r = rule(k);
                out.add(new Difference(k, r.severity(), x, y, r.why()));
            }
        }
        out.sort((p, q) -> p.severity() != q.severity() ? p.severity().compareTo(q.severity())
                : p.item().compareTo(q.item()));
        return List.copyOf(out);
    }

    public static boolean hasCritical(List<Difference> differences) {
        return differences.stream().anyMatch(d -> d.severity() == Severity.CRITICAL);
    }
}
