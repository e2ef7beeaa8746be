package dev.tailgate.bench.openloop;

/**
 * Intended start times of a fixed-rate schedule: request k is due at {@code start + k × 1e9/rate}
 * nanoseconds. Computed from k each time (never by adding a rounded period), so the schedule does
 * not drift over 24 hours and a late send never moves later requests.
 */
public record Schedule(long startNanos, long ratePerSecond) {

    public Schedule {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("ratePerSecond must be > 0: " + ratePerSecond);
        }
    }

    public long intendedStartNanos(long k) {
        return startNanos + offsetNanos(k, ratePerSecond);
    }

    /** k × 1e9 / rate without overflow for any k a run can reach. */
    static long offsetNanos(long k, long rate) {
        return (k / rate) * 1_000_000_000L + ((k % rate) * 1_000_000_000L) / rate;
    }

    /** How many requests fall in [0, durationNanos). */
    static long countWithin(long rate, long durationNanos) {
        long whole = durationNanos / 1_000_000_000L;
        long rest = durationNanos % 1_000_000_000L;
        return whole * rate + (rest * rate + 999_999_999L) / 1_000_000_000L;
    }

    /** First index whose intended start is at or after {@code nanos} (used to skip dead time). */
    public long firstIndexAtOrAfter(long nanos) {
        if (nanos <= startNanos) {
            return 0;
        }
        return countWithin(ratePerSecond, nanos - startNanos);
    }
}
