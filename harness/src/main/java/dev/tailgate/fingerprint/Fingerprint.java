package dev.tailgate.fingerprint;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The environment a measurement was taken in: everything that moves a latency tail and can be
 * read without changing the host. Written as {@code fingerprint.json} into every run and
 * compared by {@link Drift}; docs/environment.md lists every item and where it comes from.
 *
 * <p>Each leaf is an {@link Item}: present with a value, or absent with a reason. Secrets are
 * redacted at capture time ({@link dev.tailgate.redis.Redaction}), so a fingerprint can be stored and shared.
 *
 * <p>For a Redis Cluster, {@code redisNodes} holds each master's own {@link Redis} by
 * {@code host:port}, and {@code redis} is the cluster as one ({@link ClusterFingerprint#combine}):
 * a value every master shares, or {@code differs across masters: ...} naming each. One server
 * has no {@code redisNodes} (empty; a file written before clusters were fingerprinted reads so).
 */
public record Fingerprint(int schema, Instant capturedAt, Os os, Boot boot, Isolation isolation, Cpu cpu,
                          Memory memory, Irq irq, SortedMap<String, Item> network, Virtualisation virtualisation,
                          Jvm jvm, Clients clients, Redis redis, SortedMap<String, Redis> redisNodes) {

    public static final int SCHEMA = 1;
    /** The JSON field of {@link #redisNodes}, absent from files written before it existed. */
    public static final String REDIS_NODES = "redisNodes";

    public Fingerprint {
        Objects.requireNonNull(capturedAt, "capturedAt");
        network = sorted(Objects.requireNonNull(network, "network"));
        redisNodes = sorted(Objects.requireNonNull(redisNodes, "redisNodes"));
    }

    /** OS release, kernel release, architecture. */
    public record Os(Item name, Item kernel, Item arch) {
    }

    /** Parameters parsed from {@code /proc/cmdline}; a parameter not given is {@code "not set"}. */
    public record Boot(Item isolcpus, Item nohzFull, Item rcuNocbs, Item idle, Item processorMaxCstate,
                       Item intelIdleMaxCstate, Item mitigations) {
    }

    /** What the kernel and the cgroup actually enforce, whatever the command line asked for. */
    public record Isolation(Item isolatedCpus, Item nohzFullCpus, Item cgroupCpuset, Item cgroupCpuQuota) {
    }

    public record Cpu(Item model, Item count, Item smt, Item numaNodes, Item freqDriver, Item governor, Item turbo,
                      Item idleDriver, Item clocksource) {
    }

    public record Memory(Item thpEnabled, Item thpDefrag, Item swappiness, Item overcommit) {
    }

    /** irqbalance and how many IRQs may land on the cores the benchmark uses. */
    public record Irq(Item irqbalance, Item benchmarkCores, Item irqsOnBenchmarkCores) {
    }

    /** Hypervisor identity and the share of CPU time the hypervisor took (steal) since boot. */
    public record Virtualisation(Item sysVendor, Item productName, Item hypervisorFlag, Item stealPercent) {
    }

    public record Jvm(Item vendor, Item version, Item vmName, Item inputArguments, Item gc) {
    }

    /** Client libraries, the protocol they speak, and how pinning was done and came out. */
    public record Clients(Item jedis, Item lettuce, Item protocol, Item affinityImpl, Item pinning) {
    }

    /**
     * The Redis under test. {@code config} is the full redacted {@code CONFIG GET *};
     * {@code configHash} is SHA-256 over it without the instance-location keys (see
     * {@link dev.tailgate.redis.Redaction#hashConfig}) so two embedded runs with the same profile hash alike.
     */
    public record Redis(Item target, Item version, Item runId, SortedMap<String, String> info, Item configHash,
                        SortedMap<String, String> config, Item processAffinity, Item preload) {
        public Redis {
            info = sorted(Objects.requireNonNull(info, "info"));
            config = sorted(Objects.requireNonNull(config, "config"));
        }

        public static Redis absent(String reason) {
            Item a = Item.absent(reason);
            return new Redis(a, a, a, new TreeMap<>(), a, new TreeMap<>(), a, a);
        }
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    /**
     * Every leaf as {@code section.item} (maps as {@code section.key}), present values of string
     * maps wrapped as items. Walks the record components so a new item can never be forgotten
     * by drift; {@code schema} and {@code capturedAt} are not environment and are left out.
     * The run id of Redis changes with every start and is left out too. A cluster master's
     * items are {@code redisNodes.HOST:PORT.item}.
     */
    public SortedMap<String, Item> items() {
        SortedMap<String, Item> out = new TreeMap<>();
        for (RecordComponent c : Fingerprint.class.getRecordComponents()) {
            Object v = get(c, this);
            if (v == null) {
                throw new IllegalArgumentException("fingerprint section " + c.getName() + " is missing");
            } else if (v instanceof Record section) {
                walk(c.getName(), section, out);
            } else if (c.getName().equals(REDIS_NODES)) {
                redisNodes.forEach((node, r) -> walk(REDIS_NODES + "." + node, r, out));
            } else if (v instanceof Map<?, ?> m) {
                putMap(c.getName(), m, out);
            }
        }
        out.remove("redis.runId");
        redisNodes.keySet().forEach(node -> out.remove(REDIS_NODES + "." + node + ".runId"));
        return out;
    }

    private static void walk(String prefix, Record r, SortedMap<String, Item> out) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = get(c, r);
            String key = prefix + "." + c.getName();
            if (v == null) {
                throw new IllegalArgumentException("fingerprint item " + key + " is missing");
            } else if (v instanceof Item i) {
                out.put(key, i);
            } else if (v instanceof Map<?, ?> m) {
                putMap(key, m, out);
            }
        }
    }

    private static void putMap(String prefix, Map<?, ?> m, SortedMap<String, Item> out) {
        m.forEach((k, v) -> out.put(prefix + "." + k, v instanceof Item i ? i : Item.of(String.valueOf(v))));
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
