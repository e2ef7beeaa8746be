package dev.tailgate.bench.openloop;

/**
 * What a fixed-rate run is asked to do and when it counts as valid.
 *
 * <p>Defaults and why: a run is valid only if it achieved at least 99% of the requested rate
 * (a generator that fell behind under-reports load and therefore latency) and its p99 schedule
 * slip stays within {@code maxSlipP99Nanos}. The default slip bound, {@link #DEFAULT_MAX_SLIP_P99_NANOS}
 * = 20 µs, is about one loopback round trip on a small VM (docs/tails.md): slip of that size
 * inflates response time by at most one RTT at p99, while a sender that is preempted for a
 * scheduler tick (~1–4 ms) is caught. Quiet, isolated hosts should tighten it to 10 µs.
 *
 * @param ratePerSecond      requests per second, &gt; 0
 * @param durationNanos      how long the schedule runs
 * @param maxSlipP99Nanos    p99 schedule slip above this makes the run INVALID
 * @param minAchievedFraction achieved/requested below this makes the run INVALID (0.99)
 */
public record OpenLoopConfig(long ratePerSecond, long durationNanos, long maxSlipP99Nanos, double minAchievedFraction) {

    public static final long DEFAULT_MAX_SLIP_P99_NANOS = 20_000;
    public static final double DEFAULT_MIN_ACHIEVED_FRACTION = 0.99;

    public OpenLoopConfig {
        if (ratePerSecond <= 0 || ratePerSecond > 1_000_000_000L) {
            throw new IllegalArgumentException("ratePerSecond must be in 1..1e9: " + ratePerSecond);
        }
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("durationNanos must be > 0: " + durationNanos);
        }
        if (maxSlipP99Nanos < 0) {
            throw new IllegalArgumentException("maxSlipP99Nanos must be >= 0: " + maxSlipP99Nanos);
        }
        if (!(minAchievedFraction > 0 && minAchievedFraction <= 1)) {
            throw new IllegalArgumentException("minAchievedFraction must be in (0,1]: " + minAchievedFraction);
        }
    }

    public static OpenLoopConfig of(long ratePerSecond, long durationNanos) {
        return new OpenLoopConfig(ratePerSecond, durationNanos, DEFAULT_MAX_SLIP_P99_NANOS, DEFAULT_MIN_ACHIEVED_FRACTION);
    }

    /** Number of requests the schedule holds: rate × duration, at least one. */
    public long scheduledRequests() {
        return Math.max(1, Schedule.countWithin(ratePerSecond, durationNanos));
    }
}
