package dev.tailgate.sample;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.openloop.LatencySnapshot;
import dev.tailgate.ingest.TailStateJson;
import dev.tailgate.merge.HlogMerger;
import dev.tailgate.model.SummaryRow;
import dev.tailgate.model.TailState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * A Redis Cluster's cluster-wide tail while one {@link TailSampler} per master runs side by side:
 * interval k of the cluster is interval k of every master, counts added exactly by the merge's
 * adder ({@link HlogMerger#add}, the one {@code tailgate merge} adds shards with), appended to
 * the cluster's own {@code .hlog}, printed as a {@value #LABEL} line and summarised in the
 * cluster's {@code tail-state.json}, at the places one server's sampler writes them. Each master
 * keeps its own files: the cluster view is added, the per-master attribution stays.
 *
 * <p>Interval k is added once every master has delivered its k-th interval, or has finished
 * (a master stopped by Ctrl-C a few ms before its k-th boundary has one interval fewer; the
 * last cluster interval then holds the masters that have it, so no sample is left out).
 *
 * <p>Validity: a cluster summary is valid only if every master's matching summary (window for
 * window, total for total) is, and its flaws name the master ("master host:port: p99 schedule
 * slip ..."); a master whose sampler failed makes every later cluster state INVALID. The
 * achieved rate is the sum of the masters' (each over its own span: the masters start a few ms
 * apart, and judging the union of their spans would count that offset as being behind
 * schedule). Percentiles and counts come from the added counts. Memory stays flat: copies of
 * the masters' intervals are recycled.
 */
public final class ClusterTail implements AutoCloseable {
    /** What starts the cluster's lines. */
    public static final String LABEL = "cluster";
    /** Where a cluster's masters get their own output, as a run's telemetry does. */
    public static final String NODES_DIR = "redis-nodes";

    private record Part(LatencySnapshot latency, long startMillis, long endMillis, long errors, TailState state) {
    }

    private final TailSampler.Options options;
    private final List<String> nodes;
    private final PrintWriter out;
    private final Clock clock;
    private final int windowIntervals;
    private final TailWindow window;
    private final HlogOutput hlog;
    private final List<ArrayDeque<Part>> pending = new ArrayList<>();
    private final TailState[] latest;
    private final boolean[] finished;
    private final List<String> failures = new ArrayList<>();
    private final ArrayDeque<LatencySnapshot> spares = new ArrayDeque<>();
    private int n;
    private TailState state;

    /**
     * @param options the cluster's sample options: its target, the rate per master, interval,
     *                window, slip bound and the output directory the cluster-wide files go to
     * @param nodes   the masters ({@code host:port}), in the order their samplers' listeners are asked for
     */
    public ClusterTail(TailSampler.Options options, List<String> nodes, PrintWriter out, Clock clock) throws IOException {
        this.options = Objects.requireNonNull(options);
        this.nodes = List.copyOf(nodes);
        if (this.nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster has at least one master");
        }
        this.out = Objects.requireNonNull(out);
        this.clock = Objects.requireNonNull(clock);
        this.windowIntervals = TailSampler.windowIntervals(options);
        this.window = new TailWindow(windowIntervals, clusterRate(), options.maxSlipP99Nanos());
        this.latest = new TailState[this.nodes.size()];
        this.finished = new boolean[this.nodes.size()];
        this.nodes.forEach(m -> pending.add(new ArrayDeque<>()));
        this.hlog = HlogOutput.at(options.outDir().resolve(TailSampler.HLOG_FILE), "tailgate sample "
                + options.target().url() + " cluster-wide: " + String.join(",", this.nodes) + " added, rate="
                + options.ratePerSecond() + "/s per master; tags: response/service/slip, nanoseconds");
    }

    /** A master's own output directory under the cluster's. */
    public static Path nodeDir(Path outDir, String node) {
        return outDir.resolve(NODES_DIR).resolve(node.replace(':', '_'));
    }

    /** What master {@code i}'s sampler tells of its intervals. */
    public TailSampler.IntervalListener listener(int i) {
        Objects.checkIndex(i, nodes.size());
        return (interval, startMillis, endMillis, errors, masterState) ->
                interval(i, interval, startMillis, endMillis, errors, masterState);
    }

    private synchronized void interval(int i, LatencySnapshot interval, long startMillis, long endMillis, long errors,
                                       TailState masterState) throws IOException {
        LatencySnapshot copy = spares.isEmpty() ? LatencySnapshot.empty() : spares.pop();
        copyInto(interval.response(), copy.response(), HlogOutput.RESPONSE);
        copyInto(interval.service(), copy.service(), HlogOutput.SERVICE);
        copyInto(interval.slip(), copy.slip(), HlogOutput.SLIP);
        pending.get(i).addLast(new Part(copy, startMillis, endMillis, errors, masterState));
        finished[i] |= masterState.complete();
        while (ready()) {
            add();
        }
    }

    private static void copyInto(Histogram from, Histogram to, String tag) {
        from.copyInto(to);
        to.setTag(tag);
    }

    /** Every master has its next interval here or has finished, and one has it. */
    private boolean ready() {
        boolean any = false;
        for (int i = 0; i < nodes.size(); i++) {
            if (!pending.get(i).isEmpty()) {
                any = true;
            } else if (!finished[i]) {
                return false;
            }
        }
        return any;
    }

    /** The next cluster interval: the masters' next ones added, logged, printed and summarised. */
    private void add() throws IOException {
        List<Part> parts = new ArrayList<>();
        List<List<Histogram>> logs = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long errors = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Part p = pending.get(i).pollFirst();
            if (p == null) {
                continue;
            }
            latest[i] = p.state();
            parts.add(p);
            logs.add(List.of(p.latency().response(), p.latency().service(), p.latency().slip()));
            start = Math.min(start, p.startMillis());
            end = Math.max(end, p.endMillis());
            errors += p.errors();
        }
        Map<String, Histogram> byTag = new HashMap<>();
        HlogMerger.add(logs).forEach(h -> byTag.put(h.getTag(), h));
        LatencySnapshot sum = new LatencySnapshot(byTag.get(HlogOutput.RESPONSE), byTag.get(HlogOutput.SERVICE),
                byTag.get(HlogOutput.SLIP));
        hlog.write(sum);
        window.add(sum, start, end, errors);
        boolean last = allFinished();
        out.println(TailSampler.line(LABEL + " ", ++n, sum, errors) + " | " + worst(TailState::window, "window"));
        out.flush();
        state = writeState(last);
        // the sums are the first part's histograms (the adder's way): logged and copied by now
        parts.forEach(p -> spares.push(p.latency()));
        if (last) {
            hlog.close();
        }
    }

    private boolean allFinished() {
        for (int i = 0; i < nodes.size(); i++) {
            if (!finished[i] || !pending.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Master {@code i}'s sampler failed: its data stops here, so this and every later cluster
     * state is INVALID, naming it.
     */
    public synchronized void failed(int i, String why) throws IOException {
        failures.add("master " + nodes.get(i) + ": sampler failed (" + why + "), its data is missing");
        state = writeState(false);
    }

    /** The cluster's state as last written; null before the first cluster interval. */
    public synchronized TailState state() {
        return state;
    }

    /** The final line: the cluster's total and which master holds the worst p99.9. */
    public synchronized String totalLine() {
        return LABEL + " total: " + (state == null ? "no interval" : TailSampler.describe(state.total()))
                + "; " + worst(TailState::total, "total");
    }

    private TailState writeState(boolean last) throws IOException {
        List<TailState.Master> masters = new ArrayList<>();
        List<String> pinning = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            masters.add(new TailState.Master(nodes.get(i), options.outDir()
                    .relativize(nodeDir(options.outDir(), nodes.get(i)).resolve(TailSampler.STATE_FILE)).toString()));
            pinning.add(nodes.get(i) + " " + (latest[i] == null ? "unknown" : latest[i].senderPinning()));
        }
        TailState s = new TailState(TailState.FORMAT, options.target().url(), clusterRate(),
                options.interval().toMillis(), windowIntervals * options.interval().toMillis(), clock.instant(), last,
                TailSampler.HLOG_FILE, String.join("; ", pinning), ofMasters(window.window(), TailState::window),
                ofMasters(window.total(), TailState::total), masters);
        TailStateJson.write(options.outDir().resolve(TailSampler.STATE_FILE), s);
        return s;
    }

    /** Every master's requests together. */
    private long clusterRate() {
        return options.ratePerSecond() * nodes.size();
    }

    /**
     * The added-up summary with the masters' judgement: the sum of their achieved rates, valid
     * only if each of theirs is, each flaw naming its master.
     */
    private TailState.Summary ofMasters(TailState.Summary added, Function<TailState, TailState.Summary> which) {
        List<String> flaws = new ArrayList<>(failures);
        double achieved = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (latest[i] == null) {
                if (n > 0) {
                    flaws.add("master " + nodes.get(i) + ": no interval yet, its data is missing");
                }
                continue;
            }
            TailState.Summary m = which.apply(latest[i]);
            achieved += m.achievedRatePerSecond();
            if (!m.valid()) {
                String named = "master " + nodes.get(i) + ": ";
                if (m.flaws().isEmpty()) {
                    flaws.add(named + "invalid");
                }
                m.flaws().forEach(f -> flaws.add(named + f));
            }
        }
        if (n == 0) {
            flaws.addAll(added.flaws()); // nothing added yet: "no request completed"
        }
        return new TailState.Summary(added.start(), added.end(), added.intervals(), added.count(), added.errors(),
                achieved, added.responseNanos(), added.serviceNanos(), added.slipP99Nanos(), added.slipMaxNanos(),
                flaws.isEmpty(), flaws);
    }

    /**
     * Attribution: the master with the highest p99.9 among those with enough samples for one
     * (the run summary's rule); with none, the master with the highest max.
     */
    private String worst(Function<TailState, TailState.Summary> which, String over) {
        int worstP999 = -1;
        int worstMax = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (latest[i] == null) {
                continue;
            }
            TailState.Summary s = which.apply(latest[i]);
            TailState.Percentiles r = s.responseNanos();
            if (r.p999() != null && s.count() >= SummaryRow.minSamplesFor(99.9)
                    && (worstP999 < 0 || r.p999() > which.apply(latest[worstP999]).responseNanos().p999())) {
                worstP999 = i;
            }
            if (r.max() != null && (worstMax < 0 || r.max() > which.apply(latest[worstMax]).responseNanos().max())) {
                worstMax = i;
            }
        }
        if (worstP999 >= 0) {
            return String.format(Locale.ROOT, "worst p99.9 (%s) %s %.1f us", over, nodes.get(worstP999),
                    which.apply(latest[worstP999]).responseNanos().p999() / 1e3);
        }
        if (worstMax >= 0) {
            return String.format(Locale.ROOT, "worst p99.9 (%s) - (no master has %d samples); worst max %s %.1f us", over,
                    SummaryRow.minSamplesFor(99.9), nodes.get(worstMax), which.apply(latest[worstMax]).responseNanos().max() / 1e3);
        }
        return "worst p99.9 (" + over + ") - (no samples)";
    }

    /** Closes the cluster's log (done already once every master finished). */
    @Override
    public synchronized void close() {
        hlog.close();
    }
}
