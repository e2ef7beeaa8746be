package dev.tailgate.bench.openloop;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The three latency streams of an open-loop run, in nanoseconds, 1 ns lowest discernible value,
 * 3 significant digits (0.1% relative error; docs/foundations.md: redis-benchmark's 8 µs buckets cannot
 * tell 20 µs from 27 µs):
 * <ul>
 *   <li><b>response</b> = completion − intended start: what a client arriving on schedule
 *       experiences; a stall is charged to every request that was due during it.</li>
 *   <li><b>service</b> = completion − actual send: what the closed-loop number would say.</li>
 *   <li><b>slip</b> = actual send − intended start: how late the generator itself was.</li>
 * </ul>
 * Each stream has exactly one writer thread (response/service: the thread that sees completions;
 * slip: the sender), so {@link SingleWriterRecorder} gives wait-free recording and
 * allocation-free interval swaps. Values above {@link #HIGHEST_NANOS} are clamped to it (a
 * 60 s latency is already a disaster; the count is kept).
 */
public final class LatencyRecorders {
    public static final long LOWEST_NANOS = 1;
    public static final long HIGHEST_NANOS = 60_000_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder response = newRecorder();
    private final SingleWriterRecorder service = newRecorder();
    private final SingleWriterRecorder slip = newRecorder();

    public static Histogram newHistogram() {
        return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }

    private static SingleWriterRecorder newRecorder() {
        return new SingleWriterRecorder(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }

    private static long clamp(long v) {
        return v < 0 ? 0 : Math.min(v, HIGHEST_NANOS);
    }

    /** Completion side; one thread only. */
    public void recordCompletion(long intendedNanos, long sentNanos, long doneNanos) {
        response.recordValue(clamp(doneNanos - intendedNanos));
        service.recordValue(clamp(doneNanos - sentNanos));
    }

    /** Sender side; one thread only. */
    public void recordSlip(long intendedNanos, long sentNanos) {
        slip.recordValue(clamp(sentNanos - intendedNanos));
    }

    /**
     * Takes the interval since the previous call, reusing the given snapshot's histograms (pass
     * null the first time). Start/end timestamps are set by the recorder (epoch ms).
     */
    public LatencySnapshot interval(LatencySnapshot recycle) {
        if (recycle == null) {
            return new LatencySnapshot(response.getIntervalHistogram(), service.getIntervalHistogram(),
                    slip.getIntervalHistogram());
        }
        return new LatencySnapshot(response.getIntervalHistogram(recycle.response()),
                service.getIntervalHistogram(recycle.service()), slip.getIntervalHistogram(recycle.slip()));
    }

    /** Drops whatever was recorded so far (e.g. warm-up). */
    public void reset() {
        response.reset();
        service.reset();
        slip.reset();
    }
}
