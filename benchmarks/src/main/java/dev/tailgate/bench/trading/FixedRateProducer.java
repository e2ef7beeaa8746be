package dev.tailgate.bench.trading;

import dev.tailgate.bench.openloop.NanoClock;
import dev.tailgate.bench.openloop.Pacer;
import dev.tailgate.bench.openloop.Schedule;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The fixed-rate producer side shared by the one-way latency benchmarks: the rate parameter,
 * the send schedule and its JMH lifecycle. Subclasses read {@link #intendedNanos} when they send.
 *
 * <p>Message n of an iteration is meant to leave at {@link Schedule#intendedStartNanos}(n),
 * whatever happened to message n-1: computed from n with exact arithmetic, never n times a
 * rounded period, which runs early by n times the rounding (at 3,000/s, 1 ms per 1,000 s) and
 * would charge that drift to every later message's latency from its intended time. The wait is
 * the open-loop {@link Pacer}; if the producer is already late it sends at once and the lateness
 * stays visible: latency is also taken from the intended time, and the largest slip and the
 * sends that left after the next one was due are reported, so a producer that fell behind is
 * caught rather than silently slowing down. Rate 0 means closed loop: the intended time is
 * simply "now".
 */
public abstract class FixedRateProducer extends TradingBenchmark {
    /**
     * The pacer spins the whole gap, never parks: the producer is the pinned request thread, and a
     * park wakes late by the timer slack plus scheduling latency, all of which would be slip at
     * the default rate's gaps.
     */
    private static final long SPIN_WHOLE_GAP = Long.MAX_VALUE;

    /** Messages per second on a fixed schedule; 0 = closed loop (send as soon as the last reply came). */
    @Param({"5000"})
    public long ratePerSecond;

    protected long intendedNanos;
    private NanoClock clock = NanoClock.SYSTEM;
    private Pacer pacer = Pacer.parkThenSpin(NanoClock.SYSTEM, SPIN_WHOLE_GAP);
    private Schedule schedule;
    private long next;
    private long maxSlipNanos;
    private long lateSends;

    /** Called from the subclass's trial setup. */
    protected void checkRate() {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0, got " + ratePerSecond);
        }
    }

    /** Replaces the clock and the wait, for tests that drive the schedule on a fake clock. */
    void useClock(NanoClock fakeClock, Pacer fakePacer) {
        clock = fakeClock;
        pacer = fakePacer;
    }

    /** A new schedule per iteration, starting at its first send: the pause between iterations is not producer lag. */
    @Setup(Level.Iteration)
    public void startSchedule() {
        schedule = null;
        next = 0;
    }

    /**
     * Waits for this message's intended send time, outside the measured call (Level.Invocation
     * setup is not timed), so the primary metric stays the send round trip.
     */
    @Setup(Level.Invocation)
    public void pace() {
        long now = clock.nanoTime();
        if (ratePerSecond == 0) {
            intendedNanos = now;
            return;
        }
        if (schedule == null) {
            schedule = new Schedule(now, ratePerSecond);
        }
        long intended = schedule.intendedStartNanos(next++);
        pacer.awaitUntil(intended);
        long sent = clock.nanoTime();
        if (sent - schedule.intendedStartNanos(next) > 0) {
            lateSends++;
        }
        maxSlipNanos = Math.max(maxSlipNanos, sent - intended);
        intendedNanos = intended;
    }

    /** One line about the schedule, for the benchmark output. */
    String describeSchedule() {
        return ratePerSecond == 0 ? "closed loop"
                : "fixed rate " + ratePerSecond + "/s, max slip " + maxSlipNanos + " ns, "
                        + lateSends + " sends more than one interval late";
    }
}
