package dev.tailgate.bench.trading;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * One-way producer-to-consumer latency and message accounting for one channel.
 *
 * <p>The producer stamps each message with a sequence number and {@link System#nanoTime()}
 * taken just before the send; the consumer, in the same JVM (so both clocks are the same
 * monotonic clock), records {@code receiveNanos - sentNanos} into an HdrHistogram
 * {@link Recorder} (single consumer thread writes, the benchmark thread reads intervals without
 * locking it). The sequence numbers account for every message: a single producer on one
 * connection delivers in order, so a number below the next expected one is a duplicate and a
 * jump is a loss (for streams: entries trimmed by MAXLEN before the consumer read them).
 *
 * <p>Two histograms: {@code oneway} from the actual send time, and {@code oneway-intended} from
 * the time the fixed-rate schedule meant to send ({@link FixedRateProducer}); the second includes the
 * producer's own lag, so a stall that delays later sends still counts against every message it
 * delayed (coordinated omission corrected). Closed-loop runs pass the send time as intended
 * time, so both are equal. Interval logs carry both, told apart by their tags.
 *
 * <p>Histograms record 1 ns .. 60 s with 3 significant digits (0.1% resolution, as JMH's own
 * sample mode).
 */
public final class OneWayLatency {
    private static final long HIGHEST_NANOS = 60_000_000_000L;
    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
    private final Recorder intendedRecorder = new Recorder(HIGHEST_NANOS, 3);
    private final Histogram total = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram intendedTotal = new Histogram(HIGHEST_NANOS, 3);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong negative = new AtomicLong();
    private long expectedSeq = 1;
    private HistogramLogWriter log;
    private long logStartMillis;

    /** Consumer thread only. */
    public void onMessage(long seq, long intendedNanos, long sentNanos, long receiveNanos) {
        if (seq < expectedSeq) {
            duplicated.incrementAndGet();
            return;
        }
        if (seq > expectedSeq) {
            lost.addAndGet(seq - expectedSeq);
        }
        expectedSeq = seq + 1;
        long latency = receiveNanos - sentNanos;
        if (latency < 0) {
            negative.incrementAndGet();
        } else {
            recorder.recordValue(Math.min(latency, HIGHEST_NANOS));
            intendedRecorder.recordValue(Math.min(Math.max(0, receiveNanos - intendedNanos), HIGHEST_NANOS));
        }
        received.incrementAndGet();
    }

    public long received() {
        return received.get();
    }

    public long lost() {
        return lost.get();
    }

    public long duplicated() {
        return duplicated.get();
    }

    /** Latencies below zero (a broken clock assumption); recorded as a count, never in the histogram. */
    public long negative() {
        return negative.get();
    }

    /**
     * Iteration end: waits (polling, bounded) until the consumer has accounted for all
     * {@code sent} messages (received or lost), then closes the interval. Throws if it cannot,
     * so an iteration whose messages are unaccounted never yields a result.
     */
    public void endIteration(long sent, Duration timeout, BooleanSupplier consumerAlive, String name)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received() + lost() < sent) {
            if (System.nanoTime() > deadline || !consumerAlive.getAsBoolean()) {
                throw new IllegalStateException("consumer did not account for all " + sent + " messages within "
                        + timeout + (consumerAlive.getAsBoolean() ? "" : " (consumer thread died)") + ": "
                        + summary(name, sent));
            }
            Thread.sleep(1);
        }
        interval();
    }

    /** Starts an HdrHistogram interval log in {@code dir} (one file per benchmark, params and JVM). */
    public void startLog(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        log = new HistogramLogWriter(new PrintStream(Files.newOutputStream(
                dir.resolve(name + "-" + ProcessHandle.current().pid() + ".hlog")), false, "UTF-8"));
        logStartMillis = System.currentTimeMillis();
        log.outputLogFormatVersion();
        log.outputStartTime(logStartMillis);
        log.setBaseTime(logStartMillis);
        log.outputLegend();
    }

    /** Moves what the consumer recorded since the last call into the total (and the log). */
    public synchronized Histogram interval() {
        Histogram h = recorder.getIntervalHistogram();
        Histogram hi = intendedRecorder.getIntervalHistogram();
        total.add(h);
        intendedTotal.add(hi);
        if (log != null) {
            h.setTag("oneway");
            hi.setTag("oneway-intended");
            log.outputIntervalHistogram(h);
            log.outputIntervalHistogram(hi);
        }
        return h;
    }

    /** Everything recorded so far (call {@link #interval()} first to include the latest). */
    public synchronized Histogram total() {
        return total.copy();
    }

    /** Everything recorded from the intended send times so far. */
    public synchronized Histogram intendedTotal() {
        return intendedTotal.copy();
    }

    public synchronized void closeLog() {
        if (log != null) {
            log.close();
            log = null;
        }
    }

    /** One output line: counts and percentiles in ns. */
    public synchronized String summary(String name, long sent) {
        Histogram h = total;
        return String.format(java.util.Locale.ROOT,
                "tailgate-oneway: %s sent=%d received=%d lost=%d duplicated=%d negative=%d"
                        + " p50=%d p99=%d p99.9=%d max=%d ns; from intended send: p50=%d p99=%d p99.9=%d max=%d ns",
                name, sent, received(), lost(), duplicated(), negative(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                intendedTotal.getValueAtPercentile(50), intendedTotal.getValueAtPercentile(99),
                intendedTotal.getValueAtPercentile(99.9), intendedTotal.getMaxValue());
    }
}
