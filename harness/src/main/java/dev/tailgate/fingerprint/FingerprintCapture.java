package dev.tailgate.fingerprint;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.CorePlan;
import dev.tailgate.redis.ClusterMasters;
import dev.tailgate.redis.RedisTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Takes a {@link Fingerprint} of this host, this JVM and (optionally) one Redis, or every master
 * of a Redis Cluster. Read-only.
 */
public final class FingerprintCapture {

    /**
     * What only a run knows.
     *
     * @param benchmarkCores cores the benchmark uses (IRQ summary); standalone: the detected core plan
     * @param protocol       RESP protocol the run pinned its clients to; empty outside a run
     * @param pinning        the run's pinning outcome as it recorded it; empty outside a run
     */
    public record Options(List<Integer> benchmarkCores, Optional<String> protocol, Optional<String> pinning) {
        public Options {
            benchmarkCores = List.copyOf(benchmarkCores);
            Objects.requireNonNull(protocol);
            Objects.requireNonNull(pinning);
        }

        /** For {@code tailgate fingerprint} / {@code doctor}: the cores a run would plan now. */
        public static Options standalone() {
            return new Options(cores(HostCpus.plan(true)), Optional.empty(), Optional.empty());
        }

        public static List<Integer> cores(CorePlan plan) {
            List<Integer> cores = new ArrayList<>();
            plan.serverCpu().ifPresent(cores::add);
            plan.clientCpus().stream().filter(c -> !cores.contains(c)).forEach(cores::add);
            return cores;
        }
    }

    private FingerprintCapture() {
    }

    /** @param takenAt when the capture happens (the caller's clock) */
    public static Fingerprint capture(Optional<RedisSource> redis, Options options, Instant takenAt) {
        return capture(redis, options, HostProbe.system(), takenAt);
    }

    static Fingerprint capture(Optional<RedisSource> redis, Options options, HostProbe host, Instant takenAt) {
        Item notARun = Item.absent("not recorded outside a run");
        SortedMap<String, Fingerprint.Redis> nodes = new TreeMap<>();
        Fingerprint.Redis server;
        if (redis.isPresent() && redis.get().target().isCluster()) {
            nodes = masters(redis.get());
            server = ClusterFingerprint.combine(redis.get().target(), nodes);
        } else {
            server = redis.map(RedisProbe::capture).orElseGet(() -> Fingerprint.Redis.absent("no Redis target given"));
        }
        return new Fingerprint(Fingerprint.SCHEMA, takenAt, host.os(), host.boot(), host.isolation(), host.cpu(),
                host.memory(), host.irq(options.benchmarkCores()), host.network(), host.virtualisation(),
                JvmProbe.jvm(),
                JvmProbe.clients(options.protocol().map(Item::of).orElse(notARun),
                        options.pinning().map(Item::of).orElse(notARun)),
                server, nodes);
    }

    /**
     * Every master of a cluster, each captured as one server (its pid from {@code INFO
     * process_id} when it runs on this host); a master that cannot be read is one line naming it.
     */
    private static SortedMap<String, Fingerprint.Redis> masters(RedisSource cluster) {
        RedisTarget t = cluster.target();
        SortedMap<String, Fingerprint.Redis> out = new TreeMap<>();
        for (String m : ClusterMasters.discover(t, cluster.credentials())) {
            RedisTarget node = t.node(m);
            try {
                out.put(m, RedisProbe.capture(new RedisSource(node, cluster.credentials(), Optional.empty())));
            } catch (BadInputException e) {
                throw ClusterMasters.reword(t, "master", m, node, e);
            }
        }
        return out;
    }
}
