package dev.tailgate.bench.trading;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.LatencyBenchmark;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.ThreadPinning;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The trading benchmarks on the shared base: {@link LatencyBenchmark}'s measurement policy
 * (SampleTime in ns, forks, warm-up and measurement) and its hiccup meter beside every trial,
 * and {@link ThreadPinning} for every thread they pin.
 *
 * <p>One difference, and why: one benchmark thread ({@code @Threads(1)}, and {@code -t N} is
 * refused at setup). Each trading benchmark measures one writer or reader on its own keys,
 * with state that only one thread may drive: the order-book eviction ring, the stream a
 * producer numbers in sequence, the books its setup fills. Several threads would race their
 * setups on the same keys and break the books' bound and the message accounting. So the
 * benchmark's fields live in the base's one {@code Scope.Benchmark} state, which with one
 * thread is that thread's, and JMH runs its trial setup on that thread, so the pin applies to
 * the thread that measures.
 */
@Threads(1)
public abstract class TradingBenchmark extends LatencyBenchmark {

    /** Refuses {@code -t N > 1} instead of measuring racing setups (see the class comment). */
    @Setup(Level.Trial)
    public void requireOneThread(BenchmarkParams params) {
        if (params.getThreads() != 1) {
            throw new IllegalArgumentException("trading benchmarks need exactly 1 benchmark thread, got "
                    + params.getThreads() + " (drop -t)");
        }
    }

    /** Pins the calling, request-issuing thread to the next client CPU of the core plan. */
    static PinnedThread pinClient(BenchConfig cfg, BenchmarkParams params, Class<?> benchmark) {
        return ThreadPinning.pinClient(cfg, id(params, benchmark), cfg.protocol().name());
    }

    /** Places the calling receiver thread of a one-way benchmark ({@link ThreadPinning#pinReceiver}). */
    static PinnedThread pinReceiver(BenchConfig cfg, BenchmarkParams params, Class<?> benchmark, String receiver) {
        return ThreadPinning.pinReceiver(cfg, id(params, benchmark), cfg.protocol().name(), receiver);
    }

    /** For the benchmark's output line: the thread's role, its outcome and the kernel's allowed CPUs. */
    static String describe(String role, PinnedThread pin) {
        return role + " " + pin.record().describe();
    }

    private static BenchId id(BenchmarkParams params, Class<?> benchmark) {
        // tests drive the benchmark classes directly, without a JMH trial
        return params != null ? BenchId.of(params) : new BenchId(benchmark.getName(), Map.of());
    }
}
