package dev.tailgate.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which CPU runs what: Redis and the TCP echo server share one CPU (so "Redis RTT minus floor"
 * compares like with like), client threads get others. Isolated CPUs
 * ({@code /sys/devices/system/cpu/isolated}) are used first, else the CPUs this process may run on.
 *
 * <p>The affinity library never hands out CPU 0 (docs/foundations.md), so clients prefer the highest CPUs
 * and the server takes the lowest remaining one. With a single usable CPU everything shares it,
 * and the plan says so.
 *
 * @param pin        false with --no-pin: nothing is pinned, the plan is only a record
 * @param source     "isolated", "available" or "disabled"
 * @param serverCpu  CPU for redis-server and the echo server, empty when not pinned
 * @param clientCpus CPUs for benchmark client threads, in the order they are handed out
 * @param available  CPUs this process may run on
 * @param isolated   CPUs the kernel isolates (isolcpus)
 * @param notes      what the plan had to give up, for the summary
 */
public record CorePlan(boolean pin, String source, Optional<Integer> serverCpu, List<Integer> clientCpus,
                       List<Integer> available, List<Integer> isolated, List<String> notes) {

    public CorePlan {
        Objects.requireNonNull(serverCpu);
        clientCpus = List.copyOf(clientCpus);
        available = List.copyOf(available);
        isolated = List.copyOf(isolated);
        notes = List.copyOf(notes);
    }

    /** Pure planning rule; {@code fingerprint.HostCpus.plan} feeds it from the host. */
    public static CorePlan decide(boolean pin, List<Integer> available, List<Integer> isolated) {
        List<String> notes = new ArrayList<>();
        if (!pin) {
            return new CorePlan(false, "disabled", Optional.empty(), List.of(), available, isolated,
                    List.of("pinning disabled (--no-pin): threads float, tails include scheduler migrations"));
        }
        List<Integer> usableIsolated = isolated.stream().filter(available::contains).toList();
        List<Integer> pool;
        String source;
        if (usableIsolated.size() >= 2) {
            pool = usableIsolated;
            source = "isolated";
        } else {
            pool = available;
            source = "available";
            notes.add(isolated.isEmpty()
                    ? "no isolated CPUs (isolcpus): pinned threads share their CPUs with the rest of the host"
                    : "fewer than 2 usable isolated CPUs " + isolated + ": using all available CPUs");
        }
        if (pool.isEmpty()) {
            return new CorePlan(true, source, Optional.empty(), List.of(), available, isolated,
                    List.of("no usable CPU found: nothing pinned"));
        }
        if (pool.size() == 1) {
            notes.add("only CPU " + pool.get(0) + " is usable: Redis and the client share it");
            return new CorePlan(true, source, Optional.of(pool.get(0)), List.of(pool.get(0)), available, isolated, notes);
        }
        int server = pool.get(0);
        List<Integer> clients = new ArrayList<>(pool.subList(1, pool.size()));
        java.util.Collections.reverse(clients);
        if (server == 0 && "available".equals(source)) {
            notes.add("Redis and the echo server sit on CPU 0, which also takes interrupts and the JVM's own threads");
        }
        return new CorePlan(true, source, Optional.of(server), clients, available, isolated, notes);
    }
}
