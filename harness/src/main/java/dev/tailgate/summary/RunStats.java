package dev.tailgate.summary;

import dev.tailgate.gate.PercentileInterval;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.MetricUnit;
import dev.tailgate.model.Mode;
import dev.tailgate.model.Run;
import dev.tailgate.model.Statistic;
import dev.tailgate.model.SummaryRow;
import dev.tailgate.model.TailHistogram;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The statistics of a loaded run, as {@code export} publishes them. Pure: no I/O.
 *
 * <p>Percentiles are the gate's own point estimates ({@link PercentileInterval#estimates}) of the
 * histogram the gate judges: JMH's sample-mode histograms merged over forks and iterations by
 * adding counts, or, for a fixed-rate benchmark, the {@code response} histogram of its
 * {@code .hlog} files (JMH's score there is only the schedule's length). A tail percentile is
 * published only with n >= 100/(1-p) samples behind it, the rule of the end-of-run table
 * ({@link SummaryRow#minSamplesFor}): a p99.9 read off 2,000 samples is the third-largest
 * sample, and a dashboard would plot it as if it were a p99.9.
 */
public final class RunStats {
    private static final List<Statistic> PERCENTILES =
            List.of(Statistic.P50, Statistic.P90, Statistic.P99, Statistic.P999, Statistic.P9999);

    private RunStats() {
    }

    /** One entry per result, in run order; two results with the same benchmark, params and mode are bad input. */
    public static List<ResultStats> of(Run run) {
        Set<String> seen = new HashSet<>();
        for (BenchmarkResult r : run.results()) {
            if (!seen.add(r.id().label() + " " + r.mode().jmhName())) {
                throw new BadInputException(run.source() + ": " + r.id().label() + " (mode " + r.mode().jmhName()
                        + ") appears twice: its metrics would have the same labels");
            }
        }
        // Independent per result, and merging histograms is most of the work (as in the gate).
        return run.results().parallelStream().map(r -> of(run.source(), r, run.tails().get(r.id()))).toList();
    }

    /**
     * The same statistics read back from a run's {@link Summary}, which holds exactly what
     * {@link #of(Run)} computed when the run finished ({@link SummaryStats}): the cheap way for
     * {@code export}, which then need not reparse the run's JMH JSON and merge its histograms.
     */
    public static List<ResultStats> of(Summary summary) {
        return summary.results().stream().map(RunStats::of).toList();
    }

    private static ResultStats of(Summary.Result r) {
        Map<Statistic, Double> latency = new EnumMap<>(Statistic.class);
        OptionalDouble ops = OptionalDouble.empty();
        for (Summary.Stat st : r.statistics()) {
            Statistic statistic = Statistic.fromYaml(st.statistic());
            if (statistic == Statistic.THROUGHPUT) {
                ops = OptionalDouble.of(st.value());
            } else if (statistic != null) {
                latency.put(statistic, st.value());
            }
        }
        return new ResultStats(BenchmarkId.of(r.benchmark(), r.params()), r.mode(), latency, ops, r.samples());
    }

    private static ResultStats of(String source, BenchmarkResult r, TailHistogram tail) {
        if (tail != null) {
            IterationHistogram h = tail.byTag().getOrDefault(TailHistogram.DEFAULT_TAG, IterationHistogram.EMPTY);
            return new ResultStats(r.id(), r.mode().jmhName(), fromHistogram(h, MetricUnit.NS), OptionalDouble.empty(),
                    h.totalCount());
        }
        MetricUnit unit = MetricUnit.fromJmh(r.scoreUnit());
        if (unit == null) {
            throw new BadInputException(source + ": " + r.id().label() + ": score unit \"" + r.scoreUnit()
                    + "\" is neither time per operation nor operations per time");
        }
        long iterations = r.iterationScores().stream().mapToLong(List::size).sum();
        if (r.mode() == Mode.SAMPLE_TIME) {
            IterationHistogram h = r.mergedHistogram();
            return new ResultStats(r.id(), r.mode().jmhName(), fromHistogram(h, unit), OptionalDouble.empty(),
                    h.totalCount());
        }
        Map<Statistic, Double> latency = new EnumMap<>(Statistic.class);
        OptionalDouble ops = OptionalDouble.empty();
        if (Double.isFinite(r.score())) {
            if (unit.kind() == MetricUnit.Kind.TIME) {
                latency.put(Statistic.MEAN, unit.convert(r.score(), MetricUnit.S));
            } else {
                ops = OptionalDouble.of(unit.convert(r.score(), MetricUnit.OPS_PER_S));
            }
        }
        return new ResultStats(r.id(), r.mode().jmhName(), latency, ops, iterations);
    }

    /** Mean, the percentiles enough samples stand behind, and max, in seconds; none of an empty histogram. */
    private static Map<Statistic, Double> fromHistogram(IterationHistogram h, MetricUnit unit) {
        Map<Statistic, Double> out = new EnumMap<>(Statistic.class);
        long n = h.totalCount();
        if (n == 0) {
            return out;
        }
        double[] q = PERCENTILES.stream().mapToDouble(Statistic::quantile).toArray();
        double[] values = PercentileInterval.estimates(h, q);
        out.put(Statistic.MEAN, unit.convert(h.mean(), MetricUnit.S));
        for (int i = 0; i < q.length; i++) {
            double p = q[i] * 100;
            if (p <= 50 || n >= SummaryRow.minSamplesFor(p)) {
                out.put(PERCENTILES.get(i), unit.convert(values[i], MetricUnit.S));
            }
        }
        out.put(Statistic.MAX, unit.convert(h.value(h.size() - 1), MetricUnit.S));
        return out;
    }
}
