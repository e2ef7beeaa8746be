package dev.tailgate.fingerprint;

import dev.tailgate.model.CorePlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Takes a {@link Fingerprint} of this host, this JVM and (optionally) one Redis. Read-only. */
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
        return new Fingerprint(Fingerprint.SCHEMA, takenAt, host.os(), host.boot(), host.isolation(), host.cpu(),
                host.memory(), host.irq(options.benchmarkCores()), host.network(), host.virtualisation(),
                JvmProbe.jvm(),
                JvmProbe.clients(options.protocol().map(Item::of).orElse(notARun),
                        options.pinning().map(Item::of).orElse(notARun)),
                redis.map(RedisProbe::capture).orElseGet(() -> Fingerprint.Redis.absent("no Redis target given")));
    }
}
