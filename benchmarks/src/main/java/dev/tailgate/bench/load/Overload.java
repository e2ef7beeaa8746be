package dev.tailgate.bench.load;

import dev.tailgate.bench.support.AllowedCpus;
import java.util.List;
import java.util.Optional;

/**
 * Whether a run has more client threads than client CPUs, and the statement that says so.
 * Pure: the caller supplies the CPU set (the core plan's {@code tailgate.cpu.clients}, or the
 * CPUs the process may use when the plan names none), so the rule is testable with any set.
 *
 * <p>Why it matters: threads beyond the CPU count share CPUs, so part of every latency they
 * record is time spent waiting for a CPU, not for Redis; such a run measures the client host
 * as much as the server. It is stated, never silently measured: thread {@code i} with
 * {@code i >= cpus} gets no CPU of its own (its pinning record is NOT_BOUND with this text as
 * the reason, which the harness's pinning summary shows), and the fork prints the line.
 *
 * @param threads    benchmark threads of the fork
 * @param clientCpus the CPUs planned for them
 */
public record Overload(int threads, List<Integer> clientCpus) {
    public Overload {
        clientCpus = List.copyOf(clientCpus);
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected at least 1, got " + threads);
        }
    }

    public boolean overloaded() {
        return !clientCpus.isEmpty() && threads > clientCpus.size();
    }

    /** Whether thread {@code threadIndex} has a client CPU of its own. */
    public boolean hasOwnCpu(int threadIndex) {
        return clientCpus.isEmpty() || threadIndex < clientCpus.size();
    }

    /** The one-line statement when overloaded. */
    public Optional<String> statement() {
        if (!overloaded()) {
            return Optional.empty();
        }
        return Optional.of("OVERLOAD: " + threads + " client threads on " + clientCpus.size() + " client CPU(s) ["
                + AllowedCpus.format(clientCpus) + "]: " + (threads - clientCpus.size())
                + " thread(s) have no CPU of their own and share the client CPUs, so their latency includes waiting"
                + " for a CPU");
    }
}
