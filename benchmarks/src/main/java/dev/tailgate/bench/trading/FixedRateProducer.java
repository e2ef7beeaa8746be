package dev.tailgate.bench.trading;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The fixed-rate producer side shared by the one-way latency benchmarks: the rate parameter,
 * the schedule and its JMH lifecycle. Subclasses read {@link #intendedNanos} when they send.
 */
@State(Scope.Benchmark)
public abstract class FixedRateProducer {
    /** Messages per second on a fixed schedule; 0 = closed loop (send as soon as the last reply came). */
    @Param({"5000"})
    public long ratePerSecond;

    protected FixedRate schedule;
    protected long intendedNanos;

    /** Called from the subclass's trial setup. */
    protected void createSchedule() {
        schedule = new FixedRate(ratePerSecond);
    }

    /**
     * Sequence accounting assumes one producer writing in order: refuse {@code -t N > 1} instead
     * of reporting duplicates and losses that are an artefact of racing producers.
     */
    @Setup(Level.Trial)
    public void requireOneProducer(BenchmarkParams params) {
        if (params.getThreads() != 1) {
            throw new IllegalArgumentException("one-way latency benchmarks need exactly 1 producer thread, got "
                    + params.getThreads() + " (drop -t)");
        }
    }

    /** A new schedule per iteration: the pause between iterations is not producer lag. */
    @Setup(Level.Iteration)
    public void startSchedule() {
        schedule.restart();
    }

    /**
     * Waits for this message's intended send time, outside the measured call (Level.Invocation
     * setup is not timed), so the primary metric stays the send round trip.
     */
    @Setup(Level.Invocation)
    public void pace() {
        intendedNanos = schedule.awaitNext();
    }
}
