package dev.tailgate.summary;

import dev.tailgate.gate.Interval;
import dev.tailgate.gate.MeanInterval;
import dev.tailgate.gate.PercentileInterval;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.MetricUnit;
import dev.tailgate.model.Mode;
import dev.tailgate.model.Statistic;
import dev.tailgate.model.TailHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statistics of one result in a summary: the values {@code export} publishes
 * ({@link dev.tailgate.summary.RunStats}, so a dashboard and history show the same number), each
 * with the gate's 95% interval and its per-fork values. Pure: no I/O.
 *
 * <p>Intervals are the gate's: order statistics of the merged histogram for a percentile
 * ({@link PercentileInterval}), a t interval over fork means for a mean or a throughput
 * ({@link MeanInterval}; over the iterations of one fork when there is only one, which
 * understates the uncertainty, as the gate says). A fixed-rate benchmark's histogram comes from
 * its .hlog files, where forks are not told apart: its per-fork values are empty.
 */
final class SummaryStats {
    static final double CONFIDENCE = 0.95;

    private SummaryStats() {
    }

    static Summary.Result of(BenchmarkResult r, ResultStats s, TailHistogram tail) {
        List<Summary.Stat> stats = new ArrayList<>();
        if (tail != null) {
            IterationHistogram h = tail.byTag().getOrDefault(TailHistogram.DEFAULT_TAG, IterationHistogram.EMPTY);
            addLatency(stats, s.latencySeconds(), h, List.of(), MetricUnit.NS.convert(1, MetricUnit.S));
        } else {
            MetricUnit unit = MetricUnit.fromJmh(r.scoreUnit());
            double toBase = unit.kind() == MetricUnit.Kind.TIME ? unit.convert(1, MetricUnit.S)
                    : unit.convert(1, MetricUnit.OPS_PER_S);
            if (r.mode() == Mode.SAMPLE_TIME) {
                addLatency(stats, s.latencySeconds(), r.mergedHistogram(), forkHistograms(r), toBase);
            } else if (s.opsPerSecond().isPresent()) {
                stats.add(scoreStat(Statistic.THROUGHPUT, "ops/s", s.opsPerSecond().getAsDouble(), r, toBase));
            } else if (s.latencySeconds().containsKey(Statistic.MEAN)) {
                stats.add(scoreStat(Statistic.MEAN, "s", s.latencySeconds().get(Statistic.MEAN), r, toBase));
            }
        }
        return new Summary.Result(r.id().benchmark(), r.id().params(), s.mode(), r.forkCount(), s.samples(), stats);
    }

    private static List<IterationHistogram> forkHistograms(BenchmarkResult r) {
        return r.histograms().stream().map(IterationHistogram::merge).filter(h -> h.totalCount() > 0).toList();
    }

    /** Mean, percentiles and max of a latency histogram, in seconds, as far as {@code values} has them. */
    private static void addLatency(List<Summary.Stat> out, Map<Statistic, Double> values, IterationHistogram merged,
                                   List<IterationHistogram> forks, double toSeconds) {
        for (Map.Entry<Statistic, Double> e : values.entrySet()) {
            Statistic st = e.getKey();
            List<Double> perFork = new ArrayList<>();
            Interval iv;
            if (st.isPercentile()) {
                iv = PercentileInterval.of(merged, st.quantile(), CONFIDENCE);
                forks.forEach(f -> perFork.add(PercentileInterval.estimates(f, st.quantile())[0] * toSeconds));
            } else if (st == Statistic.MEAN) {
                List<List<Double>> means = forks.stream().map(f -> List.of(f.mean())).toList();
                iv = MeanInterval.of(merged.mean(), means, CONFIDENCE);
                forks.forEach(f -> perFork.add(f.mean() * toSeconds));
            } else {
                // the largest operation is a fact of this run, not an estimate: no interval
                iv = new Interval(e.getValue() / toSeconds, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                        merged.totalCount(), forks.size(), "none");
                forks.forEach(f -> perFork.add(f.value(f.size() - 1) * toSeconds));
            }
            out.add(stat(st, "s", e.getValue(), iv.scaled(toSeconds), perFork));
        }
    }

    /**
     * A mean or throughput from JMH's iteration scores; {@code value} is export's own conversion of
     * the score, so that the summary and a direct read agree to the last bit.
     */
    private static Summary.Stat scoreStat(Statistic st, String unit, double value, BenchmarkResult r, double toBase) {
        Interval iv = MeanInterval.of(r.score(), r.iterationScores(), CONFIDENCE).scaled(toBase);
        List<Double> perFork = r.iterationScores().stream().filter(f -> !f.isEmpty())
                .map(f -> f.stream().mapToDouble(Double::doubleValue).average().orElseThrow() * toBase).toList();
        return stat(st, unit, value, iv, perFork);
    }

    private static Summary.Stat stat(Statistic st, String unit, double value, Interval iv, List<Double> perFork) {
        return new Summary.Stat(st.yamlName(), unit, value, bound(iv.low()), bound(iv.high()), perFork);
    }

    private static Double bound(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
