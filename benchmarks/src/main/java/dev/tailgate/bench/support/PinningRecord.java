package dev.tailgate.bench.support;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Objects;

/**
 * One thread's pinning, as requested and as it really is. Written as one JSON file per thread
 * into {@code tailgate.pinning.dir}; the harness folds them into the run manifest.
 *
 * @param benchmark    fully qualified benchmark method
 * @param params       the trial's {@code @Param} values
 * @param role         client, echo-server or io-thread
 * @param thread       the thread's name
 * @param pid          the JVM's process id (one JMH fork)
 * @param requestedCpu the planned CPU, -1 when none was planned (the library then chooses)
 * @param pinMethod    how pinning was attempted: {@code AffinityLock}, {@code Affinity.setAffinity} or {@code none}
 * @param lockCpuId    the affinity lock's {@code cpuId()}, null when no lock was taken
 * @param lockBound    the affinity lock's {@code isBound()}, null when no lock was taken
 * @param affinityImpl class name of the affinity library's implementation (NullAffinity = no-op)
 * @param allowedCpus  the thread's real {@code Cpus_allowed_list} after pinning, or "unknown"
 * @param outcome      what really happened, judged from {@code allowedCpus}
 * @param reason       why the outcome is not BOUND; null when BOUND
 * @param protocol     the Redis protocol the client speaks (RESP2/RESP3), null for non-Redis benchmarks
 */
@JsonPropertyOrder({"benchmark", "params", "role", "thread", "pid", "requestedCpu", "pinMethod", "lockCpuId",
        "lockBound", "affinityImpl", "allowedCpus", "outcome", "reason", "protocol"})
public record PinningRecord(
        String benchmark,
        Map<String, String> params,
        PinRole role,
        String thread,
        long pid,
        int requestedCpu,
        String pinMethod,
        Integer lockCpuId,
        Boolean lockBound,
        String affinityImpl,
        String allowedCpus,
        PinningOutcome outcome,
        String reason,
        String protocol) {

    public static final String UNKNOWN = "unknown";

    public PinningRecord {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(pinMethod, "pinMethod");
        Objects.requireNonNull(affinityImpl, "affinityImpl");
        Objects.requireNonNull(allowedCpus, "allowedCpus");
        Objects.requireNonNull(outcome, "outcome");
        params = Map.copyOf(params);
        if ((outcome == PinningOutcome.BOUND) != (reason == null)) {
            throw new IllegalArgumentException("reason must be given exactly when outcome is not BOUND: "
                    + outcome + ", reason " + reason);
        }
    }

    /** One line for benchmark output: outcome, requested and real CPUs, and the reason if not BOUND. */
    public String describe() {
        return outcome + " (requested CPU " + requestedCpu + ", allowed " + allowedCpus + ")"
                + (reason == null ? "" : ": " + reason);
    }
}
