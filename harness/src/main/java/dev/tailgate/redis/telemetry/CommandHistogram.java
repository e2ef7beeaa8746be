package dev.tailgate.redis.telemetry;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One command's {@code LATENCY HISTOGRAM} (Redis 7+): power-of-two buckets, each holding the
 * cumulative number of calls that took at most that many microseconds. Only non-empty buckets
 * are listed, so the cumulative count at any bound is the count of the largest listed bucket at
 * or below it. Coarse (a factor of two per bucket): good for attributing time, too coarse to
 * gate on (docs/foundations.md).
 *
 * @param command                 lower-case command name ("set", "config|get")
 * @param calls                   calls counted in the histogram
 * @param cumulativeCallsByMaxUsec bucket upper bound (usec) -> calls at or below it
 */
public record CommandHistogram(String command, long calls, SortedMap<Long, Long> cumulativeCallsByMaxUsec) {
    public CommandHistogram {
        Objects.requireNonNull(command, "command");
        cumulativeCallsByMaxUsec = Collections.unmodifiableSortedMap(new TreeMap<>(cumulativeCallsByMaxUsec));
    }

    /** Calls that took at most {@code maxUsec}; 0 below the first bucket. */
    public long cumulativeAt(long maxUsec) {
        SortedMap<Long, Long> head = cumulativeCallsByMaxUsec.headMap(maxUsec + 1);
        return head.isEmpty() ? 0 : head.get(head.lastKey());
    }

    /**
     * The calls made between {@code before} and this histogram, as a cumulative histogram over
     * the union of both bucket bounds. Valid only when both come from the same server life.
     */
    public SortedMap<Long, Long> since(CommandHistogram before) {
        TreeMap<Long, Long> out = new TreeMap<>();
        TreeMap<Long, Long> bounds = new TreeMap<>(cumulativeCallsByMaxUsec);
        before.cumulativeCallsByMaxUsec.keySet().forEach(k -> bounds.putIfAbsent(k, 0L));
        for (Map.Entry<Long, Long> e : bounds.entrySet()) {
            long window = cumulativeAt(e.getKey()) - before.cumulativeAt(e.getKey());
            if (window > 0) {
                out.put(e.getKey(), window);
            }
        }
        return out;
    }
}
