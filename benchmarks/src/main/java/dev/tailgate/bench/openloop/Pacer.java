package dev.tailgate.bench.openloop;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits until an intended start time. The send must leave as close to the schedule as possible:
 * every nanosecond of lateness is charged to response time (which counts from the intended
 * start) and shows up as schedule slip.
 *
 * <p>{@link #parkThenSpin} parks while more than {@code spinNanos} remain, then spins with
 * {@link Thread#onSpinWait()} for the rest. Parking is cheap on CPU but wakes late by the kernel's
 * timer slack plus scheduling latency (tens of µs on a virtualised host, see {@link TimerSlack}); spinning is
 * exact but burns the core. At high rates (period below {@code spinNanos}) the sender simply
 * spins, which is what a pinned sending thread is for. The sampler uses a short spin window so
 * that it stays under 2% of a core at 1,000 req/s.
 */
public interface Pacer {

    /** Returns at or after {@code deadlineNanos} on the pacer's clock; returns at once if already past. */
    void awaitUntil(long deadlineNanos);

    static Pacer parkThenSpin(NanoClock clock, long spinNanos) {
        if (spinNanos < 0) {
            throw new IllegalArgumentException("spinNanos must be >= 0: " + spinNanos);
        }
        return deadline -> {
            long remaining;
            while ((remaining = deadline - clock.nanoTime()) > spinNanos) {
                LockSupport.parkNanos(remaining - spinNanos);
            }
            while (deadline - clock.nanoTime() > 0) {
                Thread.onSpinWait();
            }
        };
    }
}
