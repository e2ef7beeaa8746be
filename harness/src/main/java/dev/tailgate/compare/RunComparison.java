package dev.tailgate.compare;

import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.MetricUnit;
import dev.tailgate.model.Mode;
import dev.tailgate.model.Run;
import dev.tailgate.model.SecondaryMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * Adapts two ingested runs to the statistics engine: pairs results by benchmark and params,
 * turns JMH sample-mode histograms into nanosecond counts per fork and iteration, iteration
 * scores into arms, and a fixed-rate benchmark's per-fork {@code .hlog} response histograms
 * (when both runs have them) into arms that replace its single-shot score. Pure. Results that
 * cannot be judged (NaN, no data, different units or modes, logs in one run only) become
 * notes, never checks that could pass.
 */
public final class RunComparison {

    /** Engine results plus what was left out and why. */
    public record Result(List<CheckResult> checks, List<String> notes, List<Comparison.BenchmarkCurve> curves) {
    }

    /**
     * A fixed-rate benchmark's response-time histograms kept per fork (one {@code .hlog} file
     * per JVM launch) and per interval (measurement iteration), ready to be one arm.
     *
     * @param source where they came from, for the notes ({@code histograms/X-fork1.hlog +1 more})
     */
    public record OpenLoopArm(String source, Arm arm) {
        public OpenLoopArm {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(arm, "arm");
        }

        /** Per fork, per interval histograms (ns); empty intervals and forks are left out. */
        public static Optional<OpenLoopArm> of(String source, List<List<Histogram>> forks) {
            List<Fork> out = new ArrayList<>();
            for (List<Histogram> fork : forks) {
                List<Histogram> its = fork.stream().filter(h -> h.getTotalCount() > 0).toList();
                if (!its.isEmpty()) {
                    out.add(Fork.ofHistograms(its));
                }
            }
            return out.isEmpty() ? Optional.empty() : Optional.of(new OpenLoopArm(source, new Arm(ScoreKind.TIME_PER_OP, out)));
        }
    }

    /** JMH secondary metric of the fixed-rate benchmarks: 1 when the generator kept its schedule. */
    static final String VALID = "valid";

    /** Percentiles drawn in the report's distribution plot (log-scaled percentile axis). */
    static final double[] CURVE_PERCENTILES = {1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999};

    private RunComparison() {
    }

    public static Result compare(Run baseline, Run candidate, CompareConfig config) {
        return compare(baseline, Map.of(), candidate, Map.of(), config);
    }

    /**
     * Like {@link #compare(Run, Run, CompareConfig)}, with the fixed-rate benchmarks' per-fork
     * response histograms of each run. A benchmark with those in both runs is judged on them
     * (every request timed from its intended start, each file a fork of the bootstrap), never on
     * JMH's single-shot score, which is only the length of the schedule.
     */
    public static Result compare(Run baseline, Map<BenchmarkId, OpenLoopArm> baselineOpenLoop, Run candidate,
                                 Map<BenchmarkId, OpenLoopArm> candidateOpenLoop, CompareConfig config) {
        Map<BenchmarkId, BenchmarkResult> base = index(baseline);
        Map<BenchmarkId, BenchmarkResult> cand = index(candidate);
        List<Pair> pairs = new ArrayList<>();
        for (Map.Entry<BenchmarkId, BenchmarkResult> e : base.entrySet()) {
            pairs.add(new Pair(e.getKey(), e.getValue(), cand.get(e.getKey()),
                    baselineOpenLoop.get(e.getKey()), candidateOpenLoop.get(e.getKey())));
        }
        // Turning JMH histograms into arms and drawing the curves is linear but not small (10^7
        // value/count pairs for 2,000 sample-mode results): one task per benchmark, in parallel,
        // gathered back in input order so notes and checks do not depend on scheduling.
        Prepared[] prepared = new Prepared[pairs.size()];
        IntStream.range(0, pairs.size()).parallel().forEach(i -> prepared[i] = prepare(pairs.get(i)));
        List<String> notes = new ArrayList<>();
        List<ComparisonInput> inputs = new ArrayList<>();
        List<Comparison.BenchmarkCurve> curves = new ArrayList<>();
        Map<String, List<String>> invalid = new LinkedHashMap<>();
        for (Prepared p : prepared) {
            notes.addAll(p.notes());
            if (p.input() != null) {
                inputs.add(p.input());
                if (!p.flaws().isEmpty()) {
                    invalid.put(p.input().benchmark(), p.flaws());
                }
            }
            if (p.curve() != null) {
                curves.add(p.curve());
            }
        }
        for (BenchmarkId id : cand.keySet()) {
            if (!base.containsKey(id)) {
                notes.add(id.label() + ": only in the candidate, not compared");
            }
        }
        List<CheckResult> checks = inputs.isEmpty() ? List.of() : CompareEngine.compare(inputs, config);
        checks = checks.stream().map(ch -> capInvalid(ch, invalid.getOrDefault(ch.benchmark(), List.of()))).toList();
        return new Result(checks, notes, curves);
    }

    /**
     * Both arms' latency distributions of every sample-mode benchmark the two runs share, for
     * the reports' plots, without judging anything (a paired A/B judges its rounds elsewhere).
     */
    public static List<Comparison.BenchmarkCurve> curves(Run baseline, Run candidate) {
        Map<BenchmarkId, BenchmarkResult> cand = index(candidate);
        List<Comparison.BenchmarkCurve> out = new ArrayList<>();
        for (BenchmarkResult b : baseline.results()) {
            BenchmarkResult c = cand.get(b.id());
            if (c == null || b.mode() != Mode.SAMPLE_TIME || c.mode() != Mode.SAMPLE_TIME) {
                continue;
            }
            List<String> ignored = new ArrayList<>();
            Optional<Arm> ab = arm(b, ignored, "baseline");
            Optional<Arm> ac = arm(c, ignored, "candidate");
            if (ab.isPresent() && ac.isPresent()) {
                out.add(curve(b.id().label(), ab.get(), ac.get()));
            }
        }
        return out;
    }

    /** One benchmark of the baseline with its counterpart (null when the candidate lacks it). */
    private record Pair(BenchmarkId id, BenchmarkResult base, BenchmarkResult cand, OpenLoopArm baseOpenLoop,
                        OpenLoopArm candOpenLoop) {
    }

    /** What one pair contributes: notes, and the engine's input and a curve when it can be judged. */
    private record Prepared(List<String> notes, ComparisonInput input, List<String> flaws,
                            Comparison.BenchmarkCurve curve) {
    }

    private static Prepared prepare(Pair pair) {
        List<String> notes = new ArrayList<>();
        String label = pair.id().label();
        BenchmarkResult b = pair.base();
        BenchmarkResult c = pair.cand();
        if (c == null) {
            notes.add(label + ": only in the baseline, not compared");
            return new Prepared(notes, null, List.of(), null);
        }
        if (b.mode() != c.mode()) {
            notes.add(label + ": mode " + b.mode() + " in the baseline but " + c.mode() + " in the candidate, not compared");
            return new Prepared(notes, null, List.of(), null);
        }
        if (!b.scoreUnit().equals(c.scoreUnit())) {
            notes.add(label + ": unit " + b.scoreUnit() + " vs " + c.scoreUnit() + ", not compared");
            return new Prepared(notes, null, List.of(), null);
        }
        OpenLoopArm ob = pair.baseOpenLoop();
        OpenLoopArm oc = pair.candOpenLoop();
        if (ob != null || oc != null) {
            Optional<ComparisonInput> in = openLoop(label, b, ob, c, oc, notes);
            if (in.isEmpty()) {
                return new Prepared(notes, null, List.of(), null);
            }
            List<String> flaws = new ArrayList<>(generatorFlaws(b, "baseline"));
            flaws.addAll(generatorFlaws(c, "candidate"));
            return new Prepared(notes, in.get(), List.copyOf(flaws), curve(label, in.get().baseline(), in.get().candidate()));
        }
        Optional<Arm> ab = arm(b, notes, "baseline");
        Optional<Arm> ac = arm(c, notes, "candidate");
        if (ab.isEmpty() || ac.isEmpty()) {
            return new Prepared(notes, null, List.of(), null);
        }
        return new Prepared(notes, new ComparisonInput(label, ab.get(), ac.get()), List.of(),
                b.mode() == Mode.SAMPLE_TIME ? curve(label, ab.get(), ac.get()) : null);
    }

    private static Optional<ComparisonInput> openLoop(String label, BenchmarkResult b, OpenLoopArm ob,
                                                      BenchmarkResult c, OpenLoopArm oc, List<String> notes) {
        if (ob == null || oc == null) {
            notes.add(label + ": fixed-rate response histograms (.hlog) only in the " + (ob == null ? "candidate" : "baseline")
                    + ", not compared (JMH's single-shot score of a fixed-rate run is the length of its schedule, not a latency)");
            return Optional.empty();
        }
        int fb = ob.arm().forks().size();
        int fc = oc.arm().forks().size();
        notes.add(String.format(Locale.ROOT, "%s: judged on %s (latency from each request's intended start), "
                        + "%d fork(s) from %s vs %d from %s; not on JMH's score", label,
                StatisticSource.FIXED_RATE_RESPONSE.label(), fb, ob.source(), fc, oc.source()));
        if (fb != b.forkCount() || fc != c.forkCount()) {
            notes.add(String.format(Locale.ROOT, "%s: %d and %d .hlog fork(s) but JMH reports %d and %d fork(s) "
                    + "(baseline, candidate): a fork without its log, or a log left from another run", label, fb, fc,
                    b.forkCount(), c.forkCount()));
        }
        return Optional.of(new ComparisonInput(label, ob.arm(), oc.arm(), StatisticSource.FIXED_RATE_RESPONSE));
    }

    /**
     * Forks whose fixed-rate generator did not keep its schedule (JMH secondary metric
     * {@code valid} 0: achieved rate under 99% of the requested, slip or errors). Their response
     * times include the generator's own lateness, so they say nothing about the server.
     */
    static List<String> generatorFlaws(BenchmarkResult r, String arm) {
        SecondaryMetric valid = r.secondaryMetrics().get(VALID);
        List<String> out = new ArrayList<>();
        if (valid == null) {
            return out;
        }
        for (int f = 0; f < valid.rawData().size(); f++) {
            if (valid.rawData().get(f).stream().anyMatch(v -> v == null || !(v >= 1))) {
                out.add(arm + " fork " + (f + 1));
            }
        }
        return out;
    }

    /** A check of a benchmark with an invalid generator can claim nothing, in either direction. */
    static CheckResult capInvalid(CheckResult c, List<String> flaws) {
        if (flaws.isEmpty() || c.classification() == Classification.INCONCLUSIVE) {
            return c;
        }
        return new CheckResult(c.benchmark(), c.statistic(), c.gating(), Classification.INCONCLUSIVE,
                "fixed-rate generator fell behind its schedule (" + String.join(", ", flaws) + "), so the response times "
                        + "include its own lateness; would be " + c.classification().name().replace('_', ' ') + ": " + c.reason(),
                c.baselineValue(), c.candidateValue(), c.ratio(), c.ciLow(), c.ciHigh(), c.margin(), c.pWorse(),
                c.pWorseHolm(), c.pBetter(), c.pBetterHolm(), c.baseline(), c.candidate(), c.source(), c.resamples(),
                c.design());
    }

    static Map<BenchmarkId, BenchmarkResult> index(Run run) {
        Map<BenchmarkId, BenchmarkResult> out = new LinkedHashMap<>();
        for (BenchmarkResult r : run.results()) {
            out.put(r.id(), r);
        }
        return out;
    }

    static Optional<Arm> arm(BenchmarkResult r, List<String> notes, String which) {
        String label = r.id().label() + " (" + which + ")";
        if (r.mode() == Mode.SAMPLE_TIME) {
            MetricUnit unit = MetricUnit.fromJmh(r.scoreUnit());
            if (unit == null || unit.kind() != MetricUnit.Kind.TIME) {
                notes.add(label + ": unit " + r.scoreUnit() + " is not a time per operation, not compared");
                return Optional.empty();
            }
            double toNs = unit.convert(1.0, MetricUnit.NS);
            List<Fork> forks = new ArrayList<>();
            for (List<IterationHistogram> fork : r.histograms()) {
                List<LatencyCounts> its = new ArrayList<>();
                for (IterationHistogram h : fork) {
                    if (h.totalCount() > 0) {
                        its.add(counts(h, toNs));
                    }
                }
                if (!its.isEmpty()) {
                    forks.add(Fork.ofLatencies(its));
                }
            }
            if (forks.isEmpty()) {
                notes.add(label + ": no sampled operations, not compared");
                return Optional.empty();
            }
            return Optional.of(new Arm(ScoreKind.TIME_PER_OP, forks));
        }
        List<Fork> forks = new ArrayList<>();
        for (List<Double> fork : r.iterationScores()) {
            double[] s = fork.stream().mapToDouble(Double::doubleValue).toArray();
            for (double v : s) {
                if (!Double.isFinite(v)) {
                    notes.add(label + ": a non-finite iteration score (" + v + "), not compared");
                    return Optional.empty();
                }
            }
            if (s.length > 0) {
                forks.add(Fork.ofScores(s));
            }
        }
        if (forks.isEmpty()) {
            notes.add(label + ": no iteration scores, not compared");
            return Optional.empty();
        }
        return Optional.of(new Arm(r.mode() == Mode.THROUGHPUT ? ScoreKind.OPS_PER_TIME : ScoreKind.TIME_PER_OP, forks));
    }

    /**
     * JMH's fractional values in the score unit -> whole nanoseconds, equal values merged. The
     * values are ascending, so rounding keeps them non-decreasing and equal neighbours are the
     * only ones to merge: one pass, no boxing (2,000 sample-mode results hold ~10^8 pairs).
     */
    static LatencyCounts counts(IterationHistogram h, double toNs) {
        long[] v = new long[h.size()];
        long[] c = new long[h.size()];
        int n = 0;
        for (int i = 0; i < h.size(); i++) {
            if (h.count(i) > 0) {
                long ns = Math.max(0L, Math.round(h.value(i) * toNs));
                if (n > 0 && v[n - 1] == ns) {
                    c[n - 1] += h.count(i);
                } else {
                    v[n] = ns;
                    c[n] = h.count(i);
                    n++;
                }
            }
        }
        // fresh arrays, handed over; trimmed only when rounding merged values or a count was 0
        return n == v.length ? LatencyCounts.adopt(v, c)
                : LatencyCounts.adopt(java.util.Arrays.copyOf(v, n), java.util.Arrays.copyOf(c, n));
    }

    private static Comparison.BenchmarkCurve curve(String label, Arm b, Arm c) {
        List<LatencyCounts> ib = iterations(b);
        List<LatencyCounts> ic = iterations(c);
        long nb = total(ib);
        long nc = total(ic);
        int drawn = 0;
        for (double p : CURVE_PERCENTILES) {
            // Draw a percentile only where both arms have ~10 samples beyond it.
            if (Math.min(nb, nc) * (1 - p / 100) < 10) {
                break;
            }
            drawn++;
        }
        double[] percentiles = java.util.Arrays.copyOf(CURVE_PERCENTILES, drawn);
        long[] vb = LatencyCounts.valuesAtRanks(ib, ranks(percentiles, nb));
        long[] vc = LatencyCounts.valuesAtRanks(ic, ranks(percentiles, nc));
        List<Comparison.CurvePoint> points = new ArrayList<>();
        for (int i = 0; i < drawn; i++) {
            points.add(new Comparison.CurvePoint(percentiles[i], vb[i], vc[i]));
        }
        return new Comparison.BenchmarkCurve(label, nb, nc, points);
    }

    private static List<LatencyCounts> iterations(Arm arm) {
        List<LatencyCounts> all = new ArrayList<>();
        arm.forks().forEach(f -> all.addAll(f.iterationLatencies()));
        return all;
    }

    private static long total(List<LatencyCounts> parts) {
        long t = 0;
        for (LatencyCounts p : parts) {
            t += p.total();
        }
        return t;
    }

    /** The 1-based rank of each percentile among {@code total} samples (HdrHistogram's "at least 1"). */
    private static long[] ranks(double[] percentiles, long total) {
        long[] r = new long[percentiles.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.min(total, Math.max(1, (long) Math.ceil(percentiles[i] / 100.0 * total)));
        }
        return r;
    }
}
