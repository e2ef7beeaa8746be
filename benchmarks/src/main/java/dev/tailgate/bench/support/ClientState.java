package dev.tailgate.bench.support;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The per-thread JMH state of the Redis client benchmarks: pins the benchmark thread in
 * {@code @Setup(Level.Trial)} (which JMH runs on that thread), preloads the keys it will read
 * and opens the connection under test; {@code @TearDown} closes it, UNLINKs the keys and
 * releases the CPU. Concrete subclasses carry {@code @State(Scope.Thread)}, say which client
 * to connect with and, when they read keys, how many and how large.
 *
 * @param <C> the connection under test
 */
public abstract class ClientState<C extends AutoCloseable> {
    private ClientTrial<C> trial;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params, ThreadParams thread) {
        open(BenchConfig.fromSystemProperties(), BenchId.of(params), thread.getThreadIndex());
    }

    /** The setup without JMH's injected objects, for tests. */
    public void open(BenchConfig cfg, BenchId id, int threadIndex) {
        trial = connect(cfg, id, keyCount(), valueBytes(), threadIndex);
    }

    protected abstract ClientTrial<C> connect(BenchConfig cfg, BenchId id, int keyCount, int valueBytes, int threadIndex);

    /** Keys to preload; none by default (PING reads nothing). */
    protected int keyCount() {
        return 0;
    }

    /** Size of the preloaded values. */
    protected int valueBytes() {
        return 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trial.close();
    }

    public ClientTrial<C> trial() {
        return trial;
    }
}
