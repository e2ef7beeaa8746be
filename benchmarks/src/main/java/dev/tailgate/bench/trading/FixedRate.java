package dev.tailgate.bench.trading;

/**
 * A fixed-rate send schedule: message n is meant to leave at {@code start + n * interval},
 * whatever happened to message n-1. The producer waits for each intended time (spinning, since
 * intervals are tens of microseconds), and if it is already late it sends at once and the
 * lateness stays visible: latency is taken from the intended time, and the largest slip is
 * reported, so a generator that fell behind is caught rather than silently slowing down.
 * Rate 0 means closed loop: the intended time is simply "now".
 */
final class FixedRate {
    private final long intervalNanos;
    private long startNanos = -1;
    private long n;
    private long maxSlipNanos;
    private long lateSends;

    FixedRate(long ratePerSecond) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0, got " + ratePerSecond);
        }
        this.intervalNanos = ratePerSecond == 0 ? 0 : 1_000_000_000L / ratePerSecond;
    }

    /** Starts the schedule afresh (next call is message 0); slip statistics are kept. */
    void restart() {
        startNanos = -1;
        n = 0;
    }

    /** Waits for the next intended send time and returns it. */
    long awaitNext() {
        long now = System.nanoTime();
        if (intervalNanos == 0) {
            return now;
        }
        if (startNanos < 0) {
            startNanos = now;
        }
        long intended = startNanos + n++ * intervalNanos;
        while (now < intended) {
            Thread.onSpinWait();
            now = System.nanoTime();
        }
        long slip = now - intended;
        if (slip > intervalNanos) {
            lateSends++;
        }
        maxSlipNanos = Math.max(maxSlipNanos, slip);
        return intended;
    }

    /** One line about the schedule, for the benchmark output. */
    String describe() {
        return intervalNanos == 0 ? "closed loop"
                : "fixed rate " + (1_000_000_000L / intervalNanos) + "/s, max slip " + maxSlipNanos + " ns, "
                        + lateSends + " sends more than one interval late";
    }
}
