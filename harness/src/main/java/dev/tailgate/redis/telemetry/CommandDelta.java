package dev.tailgate.redis.telemetry;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One command's server-side work during the window, from two INFO commandstats readings.
 * Only commands with at least one call in the window are listed, so {@code usecPerCall} is
 * always defined.
 *
 * @param command                       lower-case command ("set", "config|get")
 * @param calls                         calls in the window
 * @param usec                          server-side execution time in the window, microseconds
 * @param usecPerCall                   usec / calls: the average the server spent per call
 * @param failedCalls                   calls that returned an error (Redis 6.2+)
 * @param rejectedCalls                 calls refused before execution (Redis 6.2+)
 * @param sharedWithTelemetry           true for commands tailgate's own captures send (INFO,
 *                                      CONFIG, SLOWLOG, LATENCY, CLIENT): their counts include
 *                                      the captures, so workload averages leave them out
 * @param windowCumulativeCallsByMaxUsec the window's LATENCY HISTOGRAM (after minus before,
 *                                      cumulative, power-of-two bounds); empty on Redis 6.2
 */
public record CommandDelta(String command, long calls, long usec, double usecPerCall, long failedCalls,
                           long rejectedCalls, boolean sharedWithTelemetry,
                           SortedMap<Long, Long> windowCumulativeCallsByMaxUsec) {
    public CommandDelta {
        Objects.requireNonNull(command, "command");
        if (calls <= 0) {
            throw new IllegalArgumentException(command + ": calls must be > 0 in a delta, got " + calls);
        }
        windowCumulativeCallsByMaxUsec = Collections.unmodifiableSortedMap(new TreeMap<>(windowCumulativeCallsByMaxUsec));
    }

    /**
     * Upper bound (usec) of the power-of-two bucket holding quantile {@code q} of the window's
     * calls, from the histogram; -1 when there is no histogram. A bound, not an estimate: the
     * true value lies between the previous bucket's bound and it (buckets roughly double).
     */
    public long windowQuantileUpperBoundUsec(double q) {
        if (windowCumulativeCallsByMaxUsec.isEmpty()) {
            return -1;
        }
        long total = windowCumulativeCallsByMaxUsec.get(windowCumulativeCallsByMaxUsec.lastKey());
        long rank = (long) Math.ceil(q * total);
        for (var e : windowCumulativeCallsByMaxUsec.entrySet()) {
            if (e.getValue() >= rank) {
                return e.getKey();
            }
        }
        return windowCumulativeCallsByMaxUsec.lastKey();
    }
}
