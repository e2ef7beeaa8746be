package dev.tailgate.bench.openloop;

import dev.tailgate.bench.support.BenchShard;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.ThreadPinning;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What the three fixed-rate benchmarks share: settings, the pinned sending thread, recorders,
 * the hiccup meter beside the run, the .hlog file, and turning a run into JMH secondary metrics.
 * Opened in {@code @Setup(Level.Trial)}, which JMH runs on the benchmark thread, so the pin
 * applies to the thread that will send.
 */
final class FixedRateSession implements AutoCloseable {
    final OpenLoopSettings settings;
    final OpenLoopConfig config;
    final LatencyRecorders recorders = new LatencyRecorders();
    final Pacer pacer;
    private final PinnedThread pinning;
    private final HiccupMeter hiccups;
    private final Optional<HlogOutput> hlog;
    private final String name;
    private LatencySnapshot recycle;
    private Histogram hiccupRecycle;
    private boolean measured;

    private FixedRateSession(OpenLoopSettings settings, OpenLoopConfig config, PinnedThread pinning,
                             HiccupMeter hiccups, Optional<HlogOutput> hlog, String name) {
        this.settings = settings;
        this.config = config;
        this.pinning = pinning;
        this.hiccups = hiccups;
        this.hlog = hlog;
        this.name = name;
        this.pacer = Pacer.parkThenSpin(NanoClock.SYSTEM, settings.spinNanos());
    }

    /** {@code rate} is the distributed run's total; this JVM sends its shard's part ({@link BenchShard}). */
    static FixedRateSession open(BenchmarkParams params, long totalRate, int seconds) throws IOException {
        return open(params, totalRate, seconds, "response/service/slip/hiccup");
    }

    /** As above; {@code tags} says in the log's header comment which tags the benchmark writes. */
    static FixedRateSession open(BenchmarkParams params, long totalRate, int seconds, String tags) throws IOException {
        ForkArms.requireOneArm(params.getBenchmark());
        BenchShard shard = BenchShard.fromSystemProperties();
        long rate = shard.rate(totalRate);
        OpenLoopSettings s = OpenLoopSettings.fromSystemProperties();
        OpenLoopConfig config = new OpenLoopConfig(rate, seconds * 1_000_000_000L, s.maxSlipP99Nanos(),
                OpenLoopConfig.DEFAULT_MIN_ACHIEVED_FRACTION);
        String bench = params.getBenchmark();
        String cls = bench.substring(0, bench.lastIndexOf('.'));
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        String stem = simple + new TreeSet<>(params.getParamsKeys()).stream()
                .map(k -> "-" + k + "=" + params.getParam(k)).collect(Collectors.joining());
        TimerSlack.setForCurrentThread(1);
        PinnedThread pin = ThreadPinning.pinThread(bench, PinRole.CLIENT, s.pin(), s.clientCpus());
        // after the sender took its CPU: the meter gets another one if the library has one left
        HiccupMeter meter = HiccupMeter.system().start(s.pin(), List.of(), pin.boundCpu());
        String comment = "tailgate " + stem + " rate=" + rate + "/s" + (shard.count() > 1
                ? " (shard " + shard.index() + "/" + shard.count() + " of " + totalRate + "/s)" : "") + "; sender " + pin.describe()
                + "; tags: " + tags + ", nanoseconds";
        Optional<HlogOutput> out = s.histogramsDir().isPresent()
                ? Optional.of(HlogOutput.create(s.histogramsDir().get(), stem, comment)) : Optional.empty();
        System.out.println("[tailgate] " + stem + ": sender " + pin.describe() + "; " + s);
        return new FixedRateSession(s, config, pin, meter, out, stem);
    }

    /** The affinity the receiver thread should avoid: the sender's CPU, if verified pinned. */
    Optional<Integer> senderCpu() {
        return pinning.boundCpu();
    }

    /** Drops whatever was recorded before this iteration; only measurement iterations are logged. */
    void beginIteration(IterationParams iteration) {
        measured = iteration.getType() == IterationType.MEASUREMENT;
        recycle = recorders.interval(recycle);
        hiccupRecycle = hiccups.interval(hiccupRecycle);
    }

    /** Judges the run, fills the JMH metrics, appends the interval to the .hlog. */
    OpenLoopResult endIteration(RunTally tally, boolean blocking, FixedRateMetrics metrics) {
        return endIteration(tally, blocking, metrics, log -> { });
    }

    /**
     * As above; {@code more} appends the benchmark's own tags of this interval (the mix's
     * per-command histograms) after response/service/slip, before hiccup.
     */
    OpenLoopResult endIteration(RunTally tally, boolean blocking, FixedRateMetrics metrics, Consumer<HlogOutput> more) {
        return endIteration(tally, blocking ? 1 : 0, metrics, more);
    }

    /** As above for a blocking client sending {@code blockingBatch} requests per call (0: not blocking). */
    OpenLoopResult endIteration(RunTally tally, int blockingBatch, FixedRateMetrics metrics, Consumer<HlogOutput> more) {
        recycle = recorders.interval(recycle);
        hiccupRecycle = hiccups.interval(hiccupRecycle);
        OpenLoopResult r = tally.judge(config, recycle, blockingBatch);
        metrics.fill(r, hiccupRecycle, pinning.boundCpu().isPresent());
        if (measured) {
            hlog.ifPresent(h -> {
                h.write(recycle);
                more.accept(h);
                h.write(HlogOutput.HICCUP, hiccupRecycle);
            });
        }
        System.out.printf(java.util.Locale.ROOT,
                "%n[tailgate] %s: %s, achieved %.0f/%d req/s, response p99 %.1f us, service p99 %.1f us,"
                        + " slip p99 %.1f us, hiccup max %.1f us%n",
                name, r.valid() ? "VALID" : "INVALID", r.achievedRatePerSecond(), r.requestedRatePerSecond(),
                metrics.responseP99Micros, metrics.serviceP99Micros, metrics.slipP99Micros, metrics.hiccupMaxMicros);
        r.explanation().forEach(l -> System.out.println("[tailgate]   " + l));
        return r;
    }

    @Override
    public void close() {
        hiccups.close();
        hlog.ifPresent(HlogOutput::close);
        pinning.close();
    }
}
