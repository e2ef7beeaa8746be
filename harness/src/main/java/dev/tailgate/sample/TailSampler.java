package dev.tailgate.sample;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.openloop.LatencyRecorders;
import dev.tailgate.bench.openloop.LatencySnapshot;
import dev.tailgate.bench.openloop.NanoClock;
import dev.tailgate.bench.openloop.Pacer;
import dev.tailgate.bench.openloop.Schedule;
import dev.tailgate.bench.openloop.TimerSlack;
import dev.tailgate.bench.openloop.WakeupCost;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.ThreadPinning;
import dev.tailgate.ingest.TailStateJson;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.SummaryRow;
import dev.tailgate.model.TailState;
import dev.tailgate.redis.RedisTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Long-running fixed-rate tail sampler against a live Redis ({@code tailgate sample}).
 *
 * <p>Measurement: one pinned sender thread sends PING over raw RESP at a fixed rate and waits
 * for each reply (a blocking client, as JLBH does it): response time counts from each request's
 * intended start, so a stall is charged to every request due during it, and schedule slip is
 * recorded so a sender that fell behind is caught. Pacing parks until {@link #SPIN_NANOS} before
 * a send, then spins, with the thread's timer slack lowered to 1 ns, so slip stays at a few µs
 * on a quiet core. Cost per request: one timed wake-up, one reply wake-up, a 10 µs spin, a send
 * and a read. No blocking sampler can do with fewer wake-ups (the send time and the reply are two
 * events), so the host's price of a wake-up is its floor: a few µs on bare metal, far more where
 * every timer exits to a hypervisor, and there the sampler cannot meet a 2% CPU budget at
 * 1,000 req/s. So the end-of-run line prints the CPU per request next to the wake-up price
 * measured on the sender's CPU, and the reader sees which part is the host's (docs/tails.md).
 *
 * <p>Every interval: the three interval histograms are swapped out of their recorders (recycled,
 * no allocation per request, flat memory), appended to the .hlog, printed as one line, merged into
 * a fixed-size rolling window and the total, and {@code tail-state.json} is rewritten atomically.
 *
 * <p>When Redis goes away the connection is dropped and retried with backoff; requests due while
 * disconnected are counted as errors (not latencies) and the schedule moves on, so a restart
 * shows up as errors in its interval and the sampler keeps all its data. {@link #requestStop()}
 * (from a SIGINT/SIGTERM shutdown hook) ends the run after flushing the final, partial interval.
 */
public final class TailSampler {
    static final long SPIN_NANOS = 10_000;
    static final int READ_TIMEOUT_MILLIS = 2_000;
    static final int WAKEUP_PROBES = 200;

    /**
     * @param target          where to send
     * @param password        from REDIS_PASSWORD / --password-file, never argv
     * @param ratePerSecond   fixed rate
     * @param duration        how long to run
     * @param interval        one printed line, one hlog interval
     * @param window          rolling window of tail-state.json (rounded up to whole intervals)
     * @param outDir          gets tail-state.json and histograms/tail-sample.hlog
     * @param pin             pin the sender (verified, recorded)
     * @param cpus            preferred CPUs for the sender (empty: library's choice)
     * @param maxSlipP99Nanos validity bound on p99 slip
     */
    public record Options(RedisTarget target, Optional<String> password, long ratePerSecond, Duration duration,
                          Duration interval, Duration window, Path outDir, boolean pin, List<Integer> cpus,
                          long maxSlipP99Nanos) {
        public Options {
            Objects.requireNonNull(target);
            Objects.requireNonNull(password);
            Objects.requireNonNull(outDir);
            cpus = List.copyOf(cpus);
            if (ratePerSecond <= 0) {
                throw new IllegalArgumentException("rate must be > 0");
            }
            if (interval.toMillis() < 1 || duration.toMillis() < 1 || window.compareTo(interval) < 0) {
                throw new IllegalArgumentException("need duration, interval >= 1 ms and window >= interval");
            }
        }
    }

    public static final String STATE_FILE = "tail-state.json";
    public static final String HLOG_FILE = "histograms/tail-sample.hlog";

    private final Options options;
    private final PrintWriter out;
    private final LatencyRecorders recorders = new LatencyRecorders();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch senderReady = new CountDownLatch(1);
    private volatile long scheduleStart;
    private volatile long senderStopped;
    private long cpuAtStart = -1;
    private long wallAtStart;
    private long cpuAtLastInterval = -1;
    private long wallAtLastInterval;
    /** Per-interval CPU shares in 0.1% bins (0–100%): a median that one host stall cannot move; flat memory. */
    private final long[] intervalCpuPermille = new long[1001];
    private volatile boolean stopSending;
    private volatile long errors;
    /** The sender's pinning as the tail state words it, null until the sender started. */
    private volatile String pinning;
    private volatile WakeupCost wakeupCost;

    private final java.time.Clock clock;

    /**
     * The wall clock HdrHistogram's recorders stamp their intervals with. The final interval's
     * end is compared with those stamps, so it must be read from the same clock, not from the
     * CLI's root clock (which a test may have moved).
     */
    private static final java.util.function.LongSupplier RECORDER_MILLIS = System::currentTimeMillis;

    /** What starts each printed line: empty for one server, a cluster master's {@code host:port}. */
    private final String label;

    /** Told of every interval after this sampler wrote it: a cluster's cluster-wide view. */
    private final IntervalListener listener;

    /**
     * Hears each interval once this sampler has logged it and rewritten its state, on the
     * sampler's reporter thread: the cluster-wide view adds the masters' intervals up.
     */
    @FunctionalInterface
    public interface IntervalListener {
        /**
         * @param interval    the interval's histograms, valid only during the call (the recorders recycle them)
         * @param startMillis the interval's start, as the window holds it
         * @param endMillis   its end (the final interval ends where the sender stopped)
         * @param errors      failed requests in it
         * @param state       this sampler's state after it; {@code complete} on the last interval
         */
        void interval(LatencySnapshot interval, long startMillis, long endMillis, long errors, TailState state)
                throws IOException;
    }

    /** @param clock stamps the tail state's update time (the CLI's root clock) */
    public TailSampler(Options options, PrintWriter out, java.time.Clock clock) {
        this(options, out, clock, "");
    }

    /**
     * One of several samplers running side by side (a cluster's masters): each printed line
     * starts with {@code label} and a space.
     */
    public TailSampler(Options options, PrintWriter out, java.time.Clock clock, String label) {
        this(options, out, clock, label, (interval, start, end, errors, state) -> { });
    }

    /** One master of a cluster whose intervals {@code listener} adds into the cluster-wide view. */
    public TailSampler(Options options, PrintWriter out, java.time.Clock clock, String label, IntervalListener listener) {
        this.listener = Objects.requireNonNull(listener);
        this.options = Objects.requireNonNull(options);
        this.out = Objects.requireNonNull(out);
        this.clock = Objects.requireNonNull(clock);
        this.label = label.isEmpty() ? "" : label + " ";
    }

    /** Asks the run to end; safe from any thread (shutdown hook). */
    public void requestStop() {
        stopSignal.countDown();
    }

    /** Waits until the run has flushed its last interval; for the shutdown hook. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs to the end of the duration or until stopped; returns the final state. */
    public TailState run() throws IOException, InterruptedException {
        try {
            return runUnchecked();
        } finally {
            finished.countDown();
        }
    }

    private TailState runUnchecked() throws IOException, InterruptedException {
        ReconnectingResp conn = connect();
        long intervalNanos = options.interval().toNanos();
        int windowIntervals = windowIntervals(options);
        TailWindow window = new TailWindow(windowIntervals, options.ratePerSecond(), options.maxSlipP99Nanos());
        Path hlogPath = options.outDir().resolve(HLOG_FILE);
        Thread sender = new Thread(() -> send(conn), "tailgate-sampler-sender");
        sender.setDaemon(true);
        TailState state;
        try (HlogOutput hlog = HlogOutput.at(hlogPath, "tailgate sample " + options.target().url() + " rate="
                + options.ratePerSecond() + "/s; tags: response/service/slip, nanoseconds")) {
            // the schedule starts once the sender is set up (JNA, pinning take a while on first use),
            // else its first requests would all be charged the set-up time
            sender.start();
            senderReady.await();
            long start = scheduleStart;
            long end = start + options.duration().toNanos();
            LatencySnapshot interval = recorders.interval(null); // empty; fixes the first interval's start
            long next = start + intervalNanos;
            long lastErrors = 0;
            int n = 0;
            while (true) {
                long wait = Math.min(next, end) - System.nanoTime();
                boolean stopped = wait > 0 && stopSignal.await(wait, TimeUnit.NANOSECONDS);
                boolean last = stopped || System.nanoTime() - end >= 0 || !sender.isAlive();
                if (last) {
                    // at the nominal end the sender finishes every request due before it (a late
                    // sender still owes a few); only a stop request cuts it short
                    if (stopped) {
                        stopSending = true;
                    }
                    sender.join();
                }
                interval = recorders.interval(interval);
                long errs = errors;
                hlog.write(interval);
                long endMillis = last ? finalEndMillis(interval) : interval.response().getEndTimeStamp();
                window.add(interval, interval.response().getStartTimeStamp(), endMillis, errs - lastErrors);
                printLine(++n, interval, errs - lastErrors);
                state = writeState(window, windowIntervals, last, hlogPath);
                listener.interval(interval, interval.response().getStartTimeStamp(), endMillis, errs - lastErrors, state);
                lastErrors = errs;
                if (last) {
                    break;
                }
                sampleCpu(n);
                next += intervalNanos;
            }
        } finally {
            stopSending = true;
            sender.join(5_000);
            conn.close();
        }
        out.printf(Locale.ROOT, "%stotal: %s; sender %s; reconnects %d; %s%n", label, describe(state.total()),
                pinning == null ? "not started" : pinning, conn.reconnects(), overhead());
        out.flush();
        return state;
    }

    /** The window in whole intervals, rounded up. */
    static int windowIntervals(Options options) {
        long intervalNanos = options.interval().toNanos();
        return (int) Math.max(1, (options.window().toNanos() + intervalNanos - 1) / intervalNanos);
    }

    /**
     * The last interval's end: the sender stopped at the schedule's end, and a reporter that
     * woke late must not stretch the final interval with time in which nothing was due.
     */
    private long finalEndMillis(LatencySnapshot interval) {
        long stoppedAgoMillis = (System.nanoTime() - senderStopped) / 1_000_000;
        return Math.max(interval.response().getStartTimeStamp() + 1,
                Math.min(interval.response().getEndTimeStamp(), RECORDER_MILLIS.getAsLong() - stoppedAgoMillis));
    }

    /** tail-state.json after an interval: the window and the run so far. */
    private TailState writeState(TailWindow window, int windowIntervals, boolean last, Path hlogPath)
            throws IOException {
        TailState state = new TailState(TailState.FORMAT, options.target().url(), options.ratePerSecond(),
                options.interval().toMillis(), windowIntervals * options.interval().toMillis(), clock.instant(),
                last, options.outDir().relativize(hlogPath).toString(),
                pinning == null ? "unknown" : pinning, window.window(), window.total(), List.of());
        TailStateJson.write(options.outDir().resolve(STATE_FILE), state);
        return state;
    }

    private ReconnectingResp connect() {
        ReconnectingResp conn = new ReconnectingResp(options.target(), options.password(), READ_TIMEOUT_MILLIS);
        try {
            conn.connectOrThrow();
        } catch (IOException e) {
            throw new BadInputException("--target " + options.target().url() + ": cannot connect ("
                    + e.getMessage() + ")");
        }
        return conn;
    }

    /** The process's CPU over the interval that ended as the {@code n}th, for the overhead figure. */
    private void sampleCpu(int n) {
        long cpuNow = processCpuNanos();
        long wallNow = System.nanoTime();
        if (n == 1) {
            // overhead is measured from here: the first interval carries JIT warm-up
            cpuAtStart = cpuNow;
            wallAtStart = wallNow;
        } else if (cpuNow >= 0 && cpuAtLastInterval >= 0 && wallNow > wallAtLastInterval) {
            long permille = Math.round(1000.0 * (cpuNow - cpuAtLastInterval) / (wallNow - wallAtLastInterval));
            intervalCpuPermille[(int) Math.max(0, Math.min(1000, permille))]++;
        }
        cpuAtLastInterval = cpuNow;
        wallAtLastInterval = wallNow;
    }

    /**
     * Process CPU per wall time after the first interval, per request, and the host's floor: each
     * request needs two wake-ups (the send time, the reply), whose price {@link WakeupCost} measured
     * on the sender's CPU before the run; or why there is no figure.
     */
    private String overhead() {
        long cpu = processCpuNanos();
        if (cpuAtStart < 0 || cpu < 0) {
            return "sampler CPU not measured (run shorter than two intervals)";
        }
        long wall = System.nanoTime() - wallAtStart;
        double requests = options.ratePerSecond() * (wall / 1e9);
        String line = String.format(Locale.ROOT,
                "sampler CPU %.2f%% of a core after the first interval (%d ms in %.1f s, %.1f µs per request)",
                100.0 * (cpu - cpuAtStart) / wall, (cpu - cpuAtStart) / 1_000_000, wall / 1e9,
                (cpu - cpuAtStart) / 1e3 / Math.max(1, requests));
        long intervals = java.util.Arrays.stream(intervalCpuPermille).sum();
        if (intervals > 0) {
            // a host stall (the vCPU descheduled while the sender ran) is charged to the process as
            // CPU time: the median interval says what the sampler costs, the max how bad one got
            line += String.format(Locale.ROOT, "; per interval: median %.1f%%, max %.1f%% over %d intervals",
                    permilleAtRank(intervalCpuPermille, (intervals + 1) / 2) / 10.0,
                    permilleAtRank(intervalCpuPermille, intervals) / 10.0, intervals);
        }
        WakeupCost w = wakeupCost;
        if (w == null || w.cpuNanosPerWake() < 0) {
            return line;
        }
        return line + String.format(Locale.ROOT, "; %s: two per request are %.2f%% of a core at %d req/s",
                w.describe(), w.percentOfCoreAt(2.0 * options.ratePerSecond()), options.ratePerSecond());
    }

    /** The bin holding the {@code rank}-th smallest value (1-based) of a histogram of bins. */
    static int permilleAtRank(long[] bins, long rank) {
        long seen = 0;
        for (int i = 0; i < bins.length; i++) {
            seen += bins[i];
            if (seen >= rank) {
                return i;
            }
        }
        return bins.length - 1;
    }

    /**
     * CPU time of the whole process (every thread: sender, reporter, JIT, GC), so the overhead
     * figure is what the host pays, not just the sender's share; -1 where the JVM cannot tell.
     */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** Sender thread: the fixed-rate schedule, reconnecting as needed. */
    private void send(ReconnectingResp conn) {
        TimerSlack.setForCurrentThread(1);
        try (PinnedThread pin = ThreadPinning.pinThread(TailSampler.class.getName(), PinRole.CLIENT, options.pin(),
                options.cpus())) {
            pinning = pin.describe();
            // the floor under this sampler's CPU: measured on the sender's own CPU before the
            // schedule starts (200 ms), so the overhead line can say how much of it is the host's
            wakeupCost = WakeupCost.measure(WAKEUP_PROBES, 1_000_000);
            Pacer pacer = Pacer.parkThenSpin(NanoClock.SYSTEM, SPIN_NANOS);
            long start = System.nanoTime();
            long end = start + options.duration().toNanos();
            scheduleStart = start;
            senderReady.countDown();
            Schedule schedule = new Schedule(start, options.ratePerSecond());
            long k = 0;
            long errs = 0;
            while (!stopSending) {
                long intended = schedule.intendedStartNanos(k);
                if (intended - end >= 0) {
                    break;
                }
                pacer.awaitUntil(intended);
                long now = System.nanoTime();
                if (!conn.ensureConnected(now)) {
                    // down: every request due before the next attempt fails, none is a latency
                    long resumeAt = Math.min(conn.nextAttemptNanos(), end);
                    long nextK = Math.max(k + 1, schedule.firstIndexAtOrAfter(resumeAt));
                    errs += nextK - k;
                    errors = errs;
                    k = nextK;
                    continue;
                }
                long actual = System.nanoTime();
                recorders.recordSlip(intended, actual);
                try {
                    conn.call();
                    recorders.recordCompletion(intended, actual, System.nanoTime());
                } catch (IOException e) {
                    errors = ++errs;
                    conn.drop(System.nanoTime());
                }
                k++;
            }
        } catch (RuntimeException e) {
            out.println("sampler sender stopped: " + e);
        } finally {
            senderStopped = System.nanoTime();
            senderReady.countDown();
        }
    }

    private void printLine(int n, LatencySnapshot s, long intervalErrors) {
        out.println(line(label, n, s, intervalErrors));
        out.flush();
    }

    /** One interval's printed line, after {@code label} (empty, or ending in a space). */
    static String line(String label, int n, LatencySnapshot s, long intervalErrors) {
        Histogram r = s.response();
        return String.format(Locale.ROOT, "%s%s #%d count %d p50 %s p99 %s p99.9 %s p99.99 %s max %s us | slip p99 %s us | errors %d",
                label, Instant.ofEpochMilli(r.getEndTimeStamp()), n, r.getTotalCount(), us(r, 50), us(r, 99), us(r, 99.9),
                us(r, 99.99), us(r, 100), slipUs(s.slip()), intervalErrors);
    }

    /**
     * A response percentile in µs, or "-" when too few samples stand behind it: the run summary's
     * rule (n >= 100 / (1 - p), {@link SummaryRow#minSamplesFor}), so a 1,000-request interval does
     * not print its third-largest value as a p99.9. Slip p99 is printed as measured: it is what
     * the validity bound judges.
     */
    static String us(Histogram h, double p) {
        if (h.getTotalCount() == 0 || (p > 50 && p < 100 && h.getTotalCount() < SummaryRow.minSamplesFor(p))) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f", (p >= 100 ? h.getMaxValue() : h.getValueAtPercentile(p)) / 1e3);
    }

    private static String slipUs(Histogram slip) {
        return slip.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", slip.getValueAtPercentile(99) / 1e3);
    }

    static String describe(TailState.Summary s) {
        TailState.Percentiles r = s.responseNanos();
        return String.format(Locale.ROOT, "%d samples, %d errors, %.0f req/s, response p99 %s p99.9 %s max %s us, %s",
                s.count(), s.errors(), s.achievedRatePerSecond(),
                nanosAsUs(s.count() < SummaryRow.minSamplesFor(99) ? null : r.p99()),
                nanosAsUs(s.count() < SummaryRow.minSamplesFor(99.9) ? null : r.p999()),
                nanosAsUs(r.max()), s.valid() ? "VALID" : "INVALID " + s.flaws());
    }

    private static String nanosAsUs(Long nanos) {
        return nanos == null ? "-" : String.format(Locale.ROOT, "%.1f", nanos / 1e3);
    }
}
