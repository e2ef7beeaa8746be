package dev.tailgate.compare;

import dev.tailgate.model.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ratio candidate/baseline with a bootstrap interval for every statistic both arms of one
 * benchmark carry.
 *
 * <p>Few-fork correction. Resampling n forks estimates the fork-to-fork variance with the
 * plug-in factor (n-1)/n and treats it as known; with 3 to 5 forks that makes intervals too
 * short (measured: an A/A at 3 forks and zero margin claimed a change in 10% of seeds per
 * direction instead of 2.5%). The percentile interval is therefore widened around the replicate
 * median by sqrt(n/(n-1)) · t(df) / z, and the standard error for the p-values by sqrt(n/(n-1))
 * with Student's t for the tail, df = n_baseline + n_candidate - 2 (Hesterberg's "expanded
 * percentile interval", two-sample form). It matters at 3-5 forks and fades by 10. The two arms are resampled independently (they are independent launches),
 * unless the caller draws paired replicates ({@link Replicates}, {@link RoundPicker});
 * all statistics of a benchmark share the same replicates, which keeps them coherent (a
 * replicate's p99 is never below its p50) and costs one set of draws.
 */
final class HierarchicalBootstrap {
    private HierarchicalBootstrap() {
    }

    /**
     * How one replicate of both arms is drawn, and what the unit of replication is called in
     * reasons. The independent comparison resamples each arm on its own; the paired one
     * ({@link RoundPicker}) picks rounds once for both.
     */
    interface Replicates {
        void draw(ArmResampler baseline, ArmResampler candidate, SplittableRandom rng);

        String unit();
    }

    /** Each arm resampled on its own, baseline first: the draw order of every existing seed. */
    static final Replicates INDEPENDENT = new Replicates() {
        @Override
        public void draw(ArmResampler baseline, ArmResampler candidate, SplittableRandom rng) {
            baseline.draw(rng);
            candidate.draw(rng);
        }

        @Override
        public String unit() {
            return "forks";
        }
    };

    static List<RatioEstimate> estimate(ComparisonInput in, CompareConfig config, FewForkCorrection correction,
                                        SplittableRandom rng) {
        return estimate(in, config, correction, rng, INDEPENDENT);
    }

    static List<RatioEstimate> estimate(ComparisonInput in, CompareConfig config, FewForkCorrection correction,
                                        SplittableRandom rng, Replicates draw) {
        EnumSet<ComparedStatistic> stats = available(in.baseline(), in.candidate());
        if (stats.isEmpty()) {
            return List.of();
        }
        PreparedArm base = new PreparedArm(in.baseline());
        PreparedArm cand = new PreparedArm(in.candidate());
        ArmResampler b = new ArmResampler(base);
        ArmResampler c = new ArmResampler(cand);
        ComparedStatistic[] order = stats.toArray(ComparedStatistic[]::new);

        boolean meanFromScores = scoresFeed(ComparedStatistic.MEAN, in);
        ArmSupport[] baseSupport = new ArmSupport[order.length];
        ArmSupport[] candSupport = new ArmSupport[order.length];
        String[] tooFew = new String[order.length];
        StatisticSource[] source = new StatisticSource[order.length];
        for (int s = 0; s < order.length; s++) {
            ComparedStatistic st = order[s];
            boolean fromHistograms = st.isPercentile() || (st == ComparedStatistic.MEAN && !meanFromScores);
            source[s] = fromHistograms ? in.latencySource() : StatisticSource.JMH_ITERATION_SCORES;
            baseSupport[s] = fromHistograms ? base.histogramSupport() : base.scoreSupport();
            candSupport[s] = fromHistograms ? cand.histogramSupport() : cand.scoreSupport();
            tooFew[s] = tooFew(st, config, baseSupport[s], candSupport[s], draw.unit());
        }
        b.useObserved();
        c.useObserved();
        double[] baseValue = new double[order.length];
        double[] candValue = new double[order.length];
        for (int s = 0; s < order.length; s++) {
            baseValue[s] = value(order[s], b, meanFromScores);
            candValue[s] = value(order[s], c, meanFromScores);
        }

        int n = config.resamples();
        double tail = (1 - config.confidence()) / 2;
        double expand = correction.expand();
        double[][] logRatio = new double[order.length][n];
        int[] undefined = new int[order.length];
        int drawn = 0;
        boolean stopped = false;
        for (int look : config.looks()) {
            drawn = replicates(drawn, look, order, tooFew, b, c, rng, draw, meanFromScores, logRatio, undefined);
            if (settled(order, tooFew, logRatio, look, n, tail, expand, config)) {
                stopped = true;
                break;
            }
        }
        if (!stopped) {
            drawn = replicates(drawn, n, order, tooFew, b, c, rng, draw, meanFromScores, logRatio, undefined);
        }
        List<RatioEstimate> out = new ArrayList<>(order.length);
        double inflate = correction.inflate();
        double df = correction.df();
        for (int s = 0; s < order.length; s++) {
            ComparedStatistic st = order[s];
            ArmSupport bs = baseSupport[s];
            ArmSupport cs = candSupport[s];
            String unusable = tooFew[s] != null ? tooFew[s] : undefinedValues(st, baseValue[s], candValue[s], undefined[s]);
            double lo = Double.NaN;
            double hi = Double.NaN;
            double se = Double.NaN;
            if (unusable == null) {
                double[] replicates = drawn == n ? logRatio[s] : Arrays.copyOf(logRatio[s], drawn);
                se = inflate * Stats.standardDeviation(replicates);
                double[] q = OrderStatistics.quantiles(replicates, tail, 0.5, 1 - tail);
                double mid = q[1];
                lo = Math.exp(mid - expand * (mid - q[0]));
                hi = Math.exp(mid + expand * (q[2] - mid));
            }
            out.add(RatioEstimate.pooled(st, source[s], baseValue[s], candValue[s], lo, hi, se, df, bs, cs, unusable,
                    unusable == null ? drawn : 0));
        }
        return out;
    }

    /**
     * Draws replicates {@code from} (inclusive) to {@code to} into {@code logRatio}; returns
     * {@code to}. Draws continue the same generator, so stopping early leaves the first replicates
     * exactly what a full run draws, and a full run is the same as before stopping existed.
     */
    private static int replicates(int from, int to, ComparedStatistic[] order, String[] tooFew, ArmResampler b,
                                  ArmResampler c, SplittableRandom rng, Replicates draw, boolean meanFromScores,
                                  double[][] logRatio, int[] undefined) {
        for (int r = from; r < to; r++) {
            draw.draw(b, c, rng);
            for (int s = 0; s < order.length; s++) {
                if (tooFew[s] != null) {
                    continue; // judged INCONCLUSIVE on its size alone: no replicates needed
                }
                double lr = Math.log(value(order[s], c, meanFromScores) / value(order[s], b, meanFromScores));
                if (!Double.isFinite(lr)) {
                    undefined[s]++;
                }
                logRatio[s][r] = lr;
            }
        }
        return to;
    }

    /** True when every check of the benchmark that needs replicates is settled after {@code look} ({@link SettledCheck}). */
    private static boolean settled(ComparedStatistic[] order, String[] tooFew, double[][] logRatio, int look,
                                   int total, double tail, double expand, CompareConfig config) {
        SettledCheck.Ranks ranks = RANKS.computeIfAbsent(List.of(look, total, tail),
                k -> SettledCheck.Ranks.of(look, total, tail, 0.5, 1 - tail));
        for (int s = 0; s < order.length; s++) {
            if (tooFew[s] == null && !SettledCheck.settled(logRatio[s], ranks, expand, config.margins().of(order[s]))) {
                return false;
            }
        }
        return true;
    }

    /** Rank bounds depend only on (look, total, tail): computed once per run, shared by threads. */
    private static final Map<List<Object>, SettledCheck.Ranks> RANKS = new ConcurrentHashMap<>();

    /** Statistics both arms carry, in enum order. */
    static EnumSet<ComparedStatistic> available(Arm base, Arm cand) {
        EnumSet<ComparedStatistic> s = EnumSet.noneOf(ComparedStatistic.class);
        boolean scores = base.hasScores() && cand.hasScores() && base.scoreKind() == cand.scoreKind();
        if (scores) {
            s.add(base.scoreKind().statistic());
        }
        if (base.hasHistograms() && cand.hasHistograms()) {
            s.add(ComparedStatistic.MEAN);
            for (ComparedStatistic st : ComparedStatistic.values()) {
                if (st.isPercentile()) {
                    s.add(st);
                }
            }
        }
        return s;
    }

    /** MEAN comes from time-per-op scores when both arms have them, else from the histograms. */
    static boolean scoresFeed(ComparedStatistic st, ComparisonInput in) {
        return in.baseline().hasScores() && in.candidate().hasScores()
                && in.baseline().scoreKind() == in.candidate().scoreKind()
                && in.baseline().scoreKind().statistic() == st;
    }

    static double value(ComparedStatistic st, ArmResampler r, boolean meanFromScores) {
        if (st.isPercentile()) {
            return r.percentile(st);
        }
        if (st == ComparedStatistic.THROUGHPUT || meanFromScores) {
            return r.scoreMean();
        }
        return r.histogramMean();
    }

    /** Why a check cannot be judged on the size of its data alone, or null. */
    private static String tooFew(ComparedStatistic st, CompareConfig config, ArmSupport bs, ArmSupport cs, String unit) {
        int forks = Math.min(bs.forks(), cs.forks());
        if (forks < config.minForks()) {
            return String.format(Locale.ROOT, "%d %s in the %s; at least %d per arm are needed",
                    forks, unit, bs.forks() <= cs.forks() ? "baseline" : "candidate", config.minForks());
        }
        if (st.isPercentile()) {
            long need = config.minSamples(st);
            long have = Math.min(bs.samples(), cs.samples());
            if (have < need) {
                return String.format(Locale.ROOT, "%,d samples in the %s; %s needs at least %,d per arm",
                        have, bs.samples() <= cs.samples() ? "baseline" : "candidate", st.label(), need);
            }
        }
        return null;
    }

    private static String undefinedValues(ComparedStatistic st, double baseValue, double candValue, int undefined) {
        if (!(baseValue > 0) || !(candValue > 0)) {
            return String.format(Locale.ROOT, "%s is %s in the baseline and %s in the candidate; a ratio needs both > 0",
                    st.label(), baseValue, candValue);
        }
        if (undefined > 0) {
            return String.format(Locale.ROOT, "%d bootstrap replicates have a zero or undefined %s", undefined, st.label());
        }
        return null;
    }
}
