package dev.tailgate.bench.trading;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.PinningRecord;
import dev.tailgate.bench.support.ThreadPinning;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Pinning of the trading benchmarks' threads through the suite's one pinning path
 * ({@link ThreadPinning}): the outcome is judged from the kernel's allowed-CPU list, written as a
 * pinning record into the run directory, and counted by the run summary like any client thread.
 *
 * <p>The thread that issues requests (writer, reader, producer, publisher) is a client thread. A
 * one-way benchmark's receiver (stream consumer, subscriber) is a second client thread when the core
 * plan has a second client CPU. When it has only one (the 2-core case), the receiver is recorded
 * as an unplanned consumer and moved off the client CPUs: it was started by the pinned producer and
 * would otherwise inherit its CPU and queue behind a producer that spins between sends.
 */
final class Pinning implements AutoCloseable {
    private final PinnedThread pinned;
    private final String outcome;

    private Pinning(PinnedThread pinned, String outcome) {
        this.pinned = pinned;
        this.outcome = outcome;
    }

    /** Pins the calling (request-issuing) thread to the next client CPU of the plan. */
    static Pinning client(BenchConfig cfg, BenchmarkParams params, Class<?> benchmark, String role) {
        PinnedThread t = ThreadPinning.pinClient(cfg, id(params, benchmark), cfg.protocol().name());
        return new Pinning(t, role + " " + describe(t.record()));
    }

    /** Places the calling receiver thread: its own client CPU if the plan has two, else unpinned off them. */
    static Pinning receiver(BenchConfig cfg, BenchmarkParams params, Class<?> benchmark, String role) {
        if (cfg.clientCpus().size() >= 2) {
            return client(cfg, params, benchmark, role);
        }
        if (cfg.pin()) {
            ThreadPinning.keepCurrentThreadOff(cfg.clientCpus());
        }
        PinningRecord r = ThreadPinning.recordUnpinned(cfg, id(params, benchmark), PinRole.CONSUMER,
                cfg.protocol().name(), "the core plan has one client CPU " + cfg.clientCpus()
                        + ", taken by the producer: the " + role + " runs unpinned, off it");
        return new Pinning(null, role + " " + describe(r));
    }

    private static BenchId id(BenchmarkParams params, Class<?> benchmark) {
        // tests drive the benchmark classes directly, without a JMH trial
        return params != null ? BenchId.of(params) : new BenchId(benchmark.getName(), Map.of());
    }

    private static String describe(PinningRecord r) {
        return r.outcome() + " (allowed CPUs " + r.allowedCpus() + (r.reason() == null ? "" : "; " + r.reason()) + ")";
    }

    /** For the benchmark's output line: role, outcome and the kernel's allowed CPUs. */
    String outcome() {
        return outcome;
    }

    @Override
    public void close() {
        if (pinned != null) {
            pinned.close();
        }
    }
}
