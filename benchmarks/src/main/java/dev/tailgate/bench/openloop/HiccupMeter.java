package dev.tailgate.bench.openloop;

import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.PinningRecord;
import dev.tailgate.bench.support.ThreadPinning;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Host and JVM stall meter in the spirit of jHiccup: a daemon thread asks to sleep
 * {@link #RESOLUTION_NANOS} (1 ms) over and over and records how much later than asked it woke.
 * Nothing in that loop depends on Redis, so a hiccup here is the machine (scheduler, steal,
 * interrupts) or the JVM (GC, safepoints) — evidence for telling "Redis stalled" from "the host
 * stalled" when a P99.9 is bad.
 *
 * <p>As in jHiccup, a long hiccup is recorded with {@code recordValueWithExpectedInterval}: a
 * 50 ms stall stands for the ~50 one-millisecond samples it swallowed, so the hiccup percentiles
 * are on the same per-time footing as a fixed-rate load, free of coordinated omission. The thread
 * lowers its timer slack ({@link TimerSlack}) so that the normal sleep overshoot is a few µs
 * rather than the default 50 µs; the baseline that remains is reported, not subtracted.
 */
public final class HiccupMeter implements AutoCloseable {
    public static final long RESOLUTION_NANOS = 1_000_000;

    /** Sleeps for about the given time; the test injects one that moves a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos);
    }

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(LatencyRecorders.LOWEST_NANOS,
            LatencyRecorders.HIGHEST_NANOS, LatencyRecorders.SIGNIFICANT_DIGITS);
    private final NanoClock clock;
    private final Sleeper sleeper;
    private volatile boolean stopped;
    private Thread thread;
    private volatile PinningRecord pinning;

    public HiccupMeter(NanoClock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /** The real meter: system clock, {@code parkNanos}. */
    public static HiccupMeter system() {
        return new HiccupMeter(NanoClock.SYSTEM, LockSupport::parkNanos);
    }

    /** One measurement: sleep, record the overshoot. Public for the fake-clock test. */
    public void measureOnce() {
        long before = clock.nanoTime();
        sleeper.sleepNanos(RESOLUTION_NANOS);
        long hiccup = clock.nanoTime() - before - RESOLUTION_NANOS;
        recorder.recordValueWithExpectedInterval(Math.min(Math.max(hiccup, 0), LatencyRecorders.HIGHEST_NANOS),
                RESOLUTION_NANOS);
    }

    /**
     * Starts the daemon thread off {@code avoidCpu} (the sender's), then pinned to
     * {@code cpus.get(0)} — or a CPU the library still has free — if {@code pin} and possible
     * (the outcome is kept, checked by {@link ThreadPinning} as the sender's is).
     */
    public HiccupMeter start(boolean pin, List<Integer> cpus, java.util.Optional<Integer> avoidCpu) {
        thread = new Thread(() -> {
            ThreadPinning.keepCurrentThreadOff(avoidCpu);
            TimerSlack.setForCurrentThread(1);
            try (PinnedThread p = ThreadPinning.pinThread(HiccupMeter.class.getName(), PinRole.HICCUP_METER, pin, cpus)) {
                pinning = p.record();
                while (!stopped) {
                    measureOnce();
                }
            }
        }, "tailgate-hiccup-meter");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Starts the daemon thread, which first runs {@code placement} on itself (the caller decides
     * where the meter sits and records it), then measures; every {@code intervalNanos} it hands
     * the interval histogram to {@code onInterval} on the same thread, so no second thread wakes
     * up beside the benchmark. The histogram is recycled afterwards: the sink must not keep it.
     * The write happens between two measurements, outside any timed sleep.
     */
    public HiccupMeter startPlaced(Runnable placement, long intervalNanos, Consumer<Histogram> onInterval) {
        thread = new Thread(() -> {
            placement.run();
            TimerSlack.setForCurrentThread(1);
            Histogram recycle = null;
            long next = clock.nanoTime() + intervalNanos;
            while (!stopped) {
                measureOnce();
                if (clock.nanoTime() - next >= 0) {
                    recycle = interval(recycle);
                    onInterval.accept(recycle);
                    next += intervalNanos;
                }
            }
        }, "tailgate-hiccup-meter");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** CPU time the meter thread has used so far, -1 if the JVM cannot tell. */
    public long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (thread == null || !mx.isThreadCpuTimeSupported()) {
            return -1;
        }
        return mx.getThreadCpuTime(thread.getId());
    }

    /** Pinning outcome of the meter thread, null until it started. */
    public PinningRecord pinning() {
        return pinning;
    }

    /** Hiccups since the previous call (recycling the given histogram, may be null). */
    public Histogram interval(Histogram recycle) {
        return recycle == null ? recorder.getIntervalHistogram() : recorder.getIntervalHistogram(recycle);
    }

    @Override
    public void close() {
        stopped = true;
        if (thread != null) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
