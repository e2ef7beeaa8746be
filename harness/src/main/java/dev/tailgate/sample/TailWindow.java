package dev.tailgate.sample;

import dev.tailgate.bench.openloop.LatencySnapshot;
import dev.tailgate.bench.openloop.OpenLoopConfig;
import dev.tailgate.bench.openloop.OpenLoopResult;
import dev.tailgate.model.TailState;
import java.time.Instant;
import java.util.ArrayDeque;
import org.HdrHistogram.Histogram;

/**
 * The sampler's summaries: a rolling window of the last {@code capacity} intervals and the total
 * since start, both merged by adding counts. Memory is fixed: the window keeps {@code capacity}
 * snapshots and recycles the evicted one, so a 24-hour run allocates no more histograms than a
 * one-minute run. Pure: timestamps come in with the intervals.
 */
final class TailWindow {
    private record Entry(LatencySnapshot latency, long startMillis, long endMillis, long errors) {
    }

    private final int capacity;
    private final long ratePerSecond;
    private final long maxSlipP99Nanos;
    private final ArrayDeque<Entry> window = new ArrayDeque<>();
    private final LatencySnapshot merged = LatencySnapshot.empty();
    private final LatencySnapshot total = LatencySnapshot.empty();
    private long totalStartMillis = -1;
    private long totalEndMillis;
    private long totalErrors;
    private int totalIntervals;
    private LatencySnapshot spare;

    TailWindow(int capacity, long ratePerSecond, long maxSlipP99Nanos) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window must hold at least one interval: " + capacity);
        }
        this.capacity = capacity;
        this.ratePerSecond = ratePerSecond;
        this.maxSlipP99Nanos = maxSlipP99Nanos;
    }

    /** Adds one interval (copied; the caller keeps its snapshot). */
    void add(LatencySnapshot interval, long startMillis, long endMillis, long errors) {
        LatencySnapshot copy = spare != null ? spare : LatencySnapshot.empty();
        spare = null;
        interval.response().copyInto(copy.response());
        interval.service().copyInto(copy.service());
        interval.slip().copyInto(copy.slip());
        window.addLast(new Entry(copy, startMillis, endMillis, errors));
        if (window.size() > capacity) {
            spare = window.removeFirst().latency();
        }
        total.add(interval);
        if (totalStartMillis < 0) {
            totalStartMillis = startMillis;
        }
        totalEndMillis = endMillis;
        totalErrors += errors;
        totalIntervals++;
    }

    TailState.Summary window() {
        merged.response().reset();
        merged.service().reset();
        merged.slip().reset();
        long errors = 0;
        for (Entry e : window) {
            merged.add(e.latency());
            errors += e.errors();
        }
        if (window.isEmpty()) {
            return summarize(merged, 0, 0, 0, 0);
        }
        return summarize(merged, window.peekFirst().startMillis(), window.peekLast().endMillis(), window.size(), errors);
    }

    TailState.Summary total() {
        return summarize(total, Math.max(totalStartMillis, 0), totalEndMillis, totalIntervals, totalErrors);
    }

    private TailState.Summary summarize(LatencySnapshot s, long startMillis, long endMillis, int intervals, long errors) {
        long elapsedNanos = Math.max(1, endMillis - startMillis) * 1_000_000L;
        long count = s.response().getTotalCount();
        OpenLoopConfig config = new OpenLoopConfig(ratePerSecond, elapsedNanos, maxSlipP99Nanos,
                OpenLoopConfig.DEFAULT_MIN_ACHIEVED_FRACTION);
        OpenLoopResult judged = OpenLoopResult.judge(config, count + errors, count + errors, count, errors,
                elapsedNanos, s, true);
        Histogram slip = s.slip();
        return new TailState.Summary(Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis), intervals,
                count, errors, judged.achievedRatePerSecond(), percentiles(s.response()), percentiles(s.service()),
                slip.getTotalCount() == 0 ? null : slip.getValueAtPercentile(99),
                slip.getTotalCount() == 0 ? null : slip.getMaxValue(), judged.valid(), judged.explanation());
    }

    static TailState.Percentiles percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return TailState.Percentiles.NONE;
        }
        return new TailState.Percentiles(h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99), h.getMaxValue());
    }
}
