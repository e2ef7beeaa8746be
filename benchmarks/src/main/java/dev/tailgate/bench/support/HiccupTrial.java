package dev.tailgate.bench.support;

import dev.tailgate.bench.openloop.HiccupMeter;
import dev.tailgate.bench.openloop.HlogOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The hiccup meter beside one closed-loop trial (one benchmark, one set of params, one fork):
 * a {@link HiccupMeter} thread that sleeps 1 ms over and over and records how late it woke,
 * written as an HdrHistogram interval log
 * {@code ${tailgate.histograms.dir}/<BenchSimpleName>-<k>=<v>...-fork<N>-hiccup.hlog}, tag
 * {@code hiccup}, one interval per second plus the rest at trial end. A bad P99.9 with a hiccup
 * max of the same size says the machine or the JVM stalled, not Redis.
 *
 * <p>Placement, a measurement-validity decision:
 * <ul>
 * <li>Never on a client CPU: the meter would steal time from the thread being measured, and a
 *     thread inherits its creator's affinity, so it is moved off every {@code tailgate.cpu.clients}
 *     CPU explicitly rather than left wherever JMH's setup thread happens to be.</li>
 * <li>With a planned server CPU ({@code tailgate.cpu.server}, pinning on): pinned there, beside
 *     Redis and the echo server. It then sees what Redis sees — interrupts, neighbours and
 *     scheduler delays on the CPU whose stalls would otherwise be blamed on Redis — and the JVM's
 *     own pauses (GC, safepoints) reach it on any CPU. On a 2-core host this is also the only
 *     CPU that is not the client's. Its cost there is one wake-up per millisecond: a few µs
 *     each on bare metal, tens of µs on a VM where timers exit to the hypervisor (a few % of a
 *     core; the trial writes the measured figure into the log). A Redis request that lands on a wake-up waits
 *     for it, which is why the cost is measured and reported.</li>
 * <li>Without a server CPU (external target, {@code --no-pin} plans): unpinned, on the process's
 *     allowed CPUs minus the client CPUs (all of them if nothing would remain).</li>
 * </ul>
 * Where it really ran is written as a {@link PinRole#HICCUP_METER} pinning record and in the
 * log's header comment. {@code tailgate.hiccup} ({@link HiccupPlacement}) turns it off, moves it
 * to the first client CPU or leaves it unpinned, to measure what the default placement costs
 * the floor and Redis.
 *
 * <p>Fork number: JMH does not tell a fork its number and runs forks one after another, so N
 * is the first number whose hiccup log does not exist yet in the directory (claimed atomically;
 * {@code tailgate ab} gives each round its own directory, where every file is fork 1).
 */
public final class HiccupTrial implements AutoCloseable {
    public static final String TAG = HlogOutput.HICCUP;
    public static final String SUFFIX = "-hiccup";
    public static final long INTERVAL_NANOS = 1_000_000_000L;
    /** Where .hlog files go; unset = the meter still runs (its max is printed) but writes nothing. */
    public static final String HISTOGRAMS_DIR = "tailgate.histograms.dir";

    private final HiccupMeter meter;
    private final Optional<HlogOutput> log;
    private final long startNanos;
    private final Histogram total = new Histogram(3);
    private volatile PinningRecord placement;
    private long firstIntervalWallNanos;
    private long firstIntervalCpuNanos;

    private HiccupTrial(HiccupMeter meter, Optional<HlogOutput> log) {
        this.meter = meter;
        this.log = log;
        this.startNanos = System.nanoTime();
    }

    /**
     * Starts the meter for this trial as {@code tailgate.hiccup} says, with
     * {@code tailgate.histograms.dir} from the system properties; empty when the switch is off.
     */
    public static Optional<HiccupTrial> start(BenchConfig cfg, BenchId id) {
        HiccupPlacement where = HiccupPlacement.fromSystemProperties();
        if (where == HiccupPlacement.OFF) {
            return Optional.empty();
        }
        String dir = System.getProperty(HISTOGRAMS_DIR, "");
        return Optional.of(start(cfg, id, dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir.strip())),
                HiccupMeter.system(), where));
    }

    /** Starts {@code meter} (the test passes one with a fake sleeper) placed as the class comment says. */
    public static HiccupTrial start(BenchConfig cfg, BenchId id, Optional<Path> dir, HiccupMeter meter) {
        return start(cfg, id, dir, meter, HiccupPlacement.ON);
    }

    /** Starts {@code meter} placed as {@code where} says. */
    public static HiccupTrial start(BenchConfig cfg, BenchId id, Optional<Path> dir, HiccupMeter meter,
            HiccupPlacement where) {
        if (where == HiccupPlacement.OFF) {
            throw new IllegalArgumentException(HiccupPlacement.PROPERTY + "=off: no meter to start");
        }
        Optional<HlogOutput> log;
        try {
            log = dir.isPresent() ? Optional.of(HlogOutput.create(dir.get(), stem(id), SUFFIX,
                    "tailgate hiccup meter beside " + id.benchmark() + " " + id.params()
                            + "; 1 ms sleeps, overshoot in nanoseconds, tag " + TAG)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(HISTOGRAMS_DIR + " " + dir.get() + ": cannot create the hiccup log", e);
        }
        HiccupTrial t = new HiccupTrial(meter, log);
        meter.startPlaced(() -> {
            t.placement = place(cfg, id, where);
            log.ifPresent(l -> l.comment("hiccup meter placement: " + t.placement.describe()));
        }, INTERVAL_NANOS, t::write);
        return t;
    }

    /** {@code <ClassSimpleName>-<k>=<v>-...} with params sorted by name: the hlog file's stem. */
    public static String stem(BenchId id) {
        int method = id.benchmark().lastIndexOf('.');
        String cls = method < 0 ? id.benchmark() : id.benchmark().substring(0, method);
        return cls.substring(cls.lastIndexOf('.') + 1) + new TreeMap<>(id.params()).entrySet().stream()
                .map(e -> "-" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
    }

    /** Runs on the meter thread before it measures; returns what really happened. */
    static PinningRecord place(BenchConfig cfg, BenchId id, HiccupPlacement where) {
        if (where == HiccupPlacement.CLIENT && cfg.pin() && !cfg.clientCpus().isEmpty()) {
            // beside the measured thread on purpose: Affinity.setAffinity, as for the server CPU,
            // because the client thread holds that CPU's affinity lock
            return ThreadPinning.pinServer(cfg.withServerCpu(cfg.clientCpus().get(0)), id, PinRole.HICCUP_METER).record();
        }
        if (where == HiccupPlacement.UNPINNED) {
            ThreadPinning.releaseCurrentThread();
            return ThreadPinning.recordUnpinned(cfg, id, PinRole.HICCUP_METER, null,
                    HiccupPlacement.PROPERTY + "=unpinned: the hiccup meter runs on every CPU of the process");
        }
        if (cfg.pin() && cfg.serverCpu() >= 0) {
            return ThreadPinning.pinServer(cfg, id, PinRole.HICCUP_METER).record();
        }
        if (cfg.pin()) {
            ThreadPinning.keepCurrentThreadOff(cfg.clientCpus());
        }
        return ThreadPinning.recordUnpinned(cfg, id, PinRole.HICCUP_METER, null,
                "no server CPU planned: the hiccup meter runs unpinned, off the client CPUs " + cfg.clientCpus());
    }

    private synchronized void write(Histogram interval) {
        if (firstIntervalWallNanos == 0) {
            // after the first second the one-off start-up (JNA, affinity library, placement) is over
            firstIntervalWallNanos = System.nanoTime();
            firstIntervalCpuNanos = meter.cpuNanos();
        }
        total.add(interval);
        log.ifPresent(l -> l.write(TAG, interval));
    }

    /** The meter's own pinning record, null until its thread started. */
    public PinningRecord placement() {
        return placement;
    }

    /** Hiccups written so far (every full interval), merged. */
    public synchronized Histogram recorded() {
        return total.copy();
    }

    public Optional<Path> file() {
        return log.map(HlogOutput::file);
    }

    /** Stops the meter, writes the last partial interval and the meter's own CPU cost. */
    @Override
    public void close() {
        long cpu = meter.cpuNanos();
        long now = System.nanoTime();
        String cost;
        synchronized (this) {
            cost = cost(cpu, now - startNanos, cpu - firstIntervalCpuNanos, firstIntervalWallNanos == 0 ? 0
                    : now - firstIntervalWallNanos);
        }
        meter.close();
        write(meter.interval(null));
        log.ifPresent(l -> {
            l.comment(cost);
            l.close();
        });
    }

    /**
     * One comment line: CPU the meter used over the trial, and in steady state (after its first
     * second, which carries the one-off loading of JNA and the affinity library).
     */
    static String cost(long cpuNanos, long wallNanos, long steadyCpuNanos, long steadyWallNanos) {
        if (cpuNanos < 0 || wallNanos <= 0) {
            return "hiccup meter cost: unknown (no thread CPU time in this JVM)";
        }
        String steady = steadyWallNanos <= 0 || steadyCpuNanos < 0 ? "steady state not reached"
                : String.format(Locale.ROOT, "steady state %.2f%% of one core", 100.0 * steadyCpuNanos / steadyWallNanos);
        return String.format(Locale.ROOT, "hiccup meter cost: cpu %.1f ms over %.1f s wall = %.2f%% of one core; %s",
                cpuNanos / 1e6, wallNanos / 1e9, 100.0 * cpuNanos / wallNanos, steady);
    }
}
