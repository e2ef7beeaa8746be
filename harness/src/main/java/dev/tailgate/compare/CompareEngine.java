package dev.tailgate.compare;

import dev.tailgate.model.Numbers;
import dev.tailgate.model.Stats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The pure statistics of {@code tailgate compare}: for every benchmark and statistic present in
 * both arms, the ratio candidate/baseline with a hierarchical-bootstrap interval, a p-value per
 * direction, Holm over the gating checks, and a classification. No I/O, no clock.
 *
 * <p>Decision rule (docs/compare-statistics.md has the reasoning). Let m be the margin,
 * "worse boundary" 1+m for latency and 1-m for throughput, "better boundary" the other one.
 * <ul>
 *   <li>REGRESSION: the whole interval lies beyond the worse boundary <em>and</em> the one-sided
 *       p-value of "beyond the worse boundary" survives Holm at alpha/2 over the gating family.
 *   <li>IMPROVEMENT: the mirror image on the better side (its own Holm family, same checks).
 *   <li>NO_CHANGE: the whole interval lies inside [1-m, 1+m].
 *   <li>INCONCLUSIVE: anything else, and every check without enough forks or samples.
 * </ul>
 * The null hypothesis of a regression test is "the change is at most the margin", not "no
 * change", so a real but unimportant change does not count as a false alarm and cannot trigger.
 *
 * <p>Determinism: each benchmark gets its own generator, split from one seeded
 * {@link SplittableRandom} in input order, so results do not depend on thread scheduling, and
 * results come back in input order, statistics in enum order.
 */
public final class CompareEngine {
    private CompareEngine() {
    }

    public static List<CheckResult> compare(List<ComparisonInput> inputs, CompareConfig config) {
        List<ComparisonInput> in = List.copyOf(inputs);
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom[] rngs = new SplittableRandom[in.size()];
        for (int i = 0; i < rngs.length; i++) {
            rngs[i] = root.split();
        }
        Map<List<Integer>, FewForkCorrection> corrections = new TreeMap<>(
                Comparator.<List<Integer>>comparingInt(k -> k.get(0)).thenComparingInt(k -> k.get(1)));
        for (ComparisonInput c : in) {
            corrections.computeIfAbsent(forkCounts(c),
                    k -> FewForkCorrection.of(k.get(0), k.get(1), config.confidence()));
        }
        @SuppressWarnings("unchecked")
        List<RatioEstimate>[] estimates = new List[in.size()];
        IntStream.range(0, in.size()).parallel().forEach(i -> estimates[i] = HierarchicalBootstrap.estimate(
                in.get(i), config, corrections.get(forkCounts(in.get(i))), rngs[i]));

        List<Pending> checks = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            for (RatioEstimate e : estimates[i]) {
                checks.add(pending(in.get(i).benchmark(), e, config));
            }
        }
        List<Pending> family = checks.stream().filter(p -> p.gating && p.estimate.usable()).toList();
        double[] worse = Holm.adjust(family.stream().mapToDouble(p -> p.pWorse).toArray());
        double[] better = Holm.adjust(family.stream().mapToDouble(p -> p.pBetter).toArray());
        for (int k = 0; k < family.size(); k++) {
            family.get(k).pWorseHolm = worse[k];
            family.get(k).pBetterHolm = better[k];
        }
        List<CheckResult> out = new ArrayList<>(checks.size());
        for (Pending p : checks) {
            out.add(classify(p, config, family.size()));
        }
        return List.copyOf(out);
    }

    private static List<Integer> forkCounts(ComparisonInput c) {
        return List.of(c.baseline().forks().size(), c.candidate().forks().size());
    }

    /** A check between estimation and the Holm step; mutable only inside {@link #compare}. */
    private static final class Pending {
        final String benchmark;
        final RatioEstimate estimate;
        final boolean gating;
        final double margin;
        final double pWorse;
        final double pBetter;
        double pWorseHolm;
        double pBetterHolm;

        Pending(String benchmark, RatioEstimate estimate, boolean gating, double margin, double pWorse, double pBetter) {
            this.benchmark = benchmark;
            this.estimate = estimate;
            this.gating = gating;
            this.margin = margin;
            this.pWorse = pWorse;
            this.pBetter = pBetter;
            this.pWorseHolm = pWorse;
            this.pBetterHolm = pBetter;
        }
    }

    private static Pending pending(String benchmark, RatioEstimate e, CompareConfig config) {
        ComparedStatistic st = e.statistic();
        double m = config.margins().of(st);
        boolean gating = config.gates(st);
        if (!e.usable()) {
            return new Pending(benchmark, e, gating, m, Double.NaN, Double.NaN);
        }
        double up = Math.log1p(m);
        double down = Math.log1p(-m);
        double worseBoundary = st.lowerIsBetter() ? up : down;
        double betterBoundary = st.lowerIsBetter() ? down : up;
        double sign = st.lowerIsBetter() ? 1 : -1;
        double logRatio = Math.log(e.ratio());
        return new Pending(benchmark, e, gating, m,
                beyond(sign * (logRatio - worseBoundary), e.logRatioSe(), e.degreesOfFreedom()),
                beyond(-sign * (logRatio - betterBoundary), e.logRatioSe(), e.degreesOfFreedom()));
    }

    /**
     * One-sided p-value that a log ratio {@code distance} beyond a boundary (positive = beyond)
     * arose with the true ratio on the boundary: the Student t tail with the (few-fork corrected)
     * bootstrap standard error. An empirical bootstrap p-value cannot go below 1/(resamples+1),
     * while Holm over k checks needs alpha/(2k); the t tail extrapolates where the replicates run
     * out. The interval condition in the classification keeps the decision consistent with what
     * the user sees.
     */
    private static double beyond(double distance, double se, double df) {
        if (se > 0) {
            return Stats.tCdf(-distance / se, df);
        }
        return distance > 0 ? 0.0 : 1.0;
    }

    private static CheckResult classify(Pending p, CompareConfig config, int familySize) {
        RatioEstimate e = p.estimate;
        ComparedStatistic st = e.statistic();
        double m = p.margin;
        if (!e.usable()) {
            return result(p, Classification.INCONCLUSIVE, e.unusable());
        }
        double level = config.alpha() / 2;
        double lo = e.ciLow();
        double hi = e.ciHigh();
        boolean aboveUp = lo > 1 + m;
        boolean belowDown = hi < 1 - m;
        boolean worseBeyond = st.lowerIsBetter() ? aboveUp : belowDown;
        boolean betterBeyond = st.lowerIsBetter() ? belowDown : aboveUp;
        String scope = p.gating ? "Holm over " + familySize + " gating checks" : "not gating, unadjusted";
        String where = "ratio " + Numbers.fixed(e.ratio(), 3) + ", " + Numbers.fixed(100 * config.confidence(), 0)
                + "% interval [" + Numbers.fixed(lo, 3) + ", " + Numbers.fixed(hi, 3) + "]";
        if (worseBeyond || betterBeyond) {
            boolean worse = worseBeyond;
            double adjusted = worse ? p.pWorseHolm : p.pBetterHolm;
            String side = worse ? "worse" : "better";
            if (adjusted <= level) {
                return result(p, worse ? Classification.REGRESSION : Classification.IMPROVEMENT,
                        where + " beyond the " + side + " margin of " + percent(m) + "; p = " + Numbers.general(adjusted, 2)
                                + " (" + scope + ") <= " + Numbers.general(level, 3));
            }
            return result(p, Classification.INCONCLUSIVE,
                    where + " beyond the " + side + " margin of " + percent(m) + " but p = " + Numbers.general(adjusted, 2)
                            + " (" + scope + ") > " + Numbers.general(level, 3));
        }
        if (lo >= 1 - m && hi <= 1 + m) {
            return result(p, Classification.NO_CHANGE,
                    where + " inside the margin of ±" + percent(m));
        }
        return result(p, Classification.INCONCLUSIVE,
                where + " crosses the margin of ±" + percent(m));
    }

    private static String percent(double fraction) {
        return Numbers.general(100 * fraction, 3) + "%";
    }

    private static CheckResult result(Pending p, Classification c, String reason) {
        RatioEstimate e = p.estimate;
        return new CheckResult(p.benchmark, e.statistic(), p.gating, c, reason,
                e.baselineValue(), e.candidateValue(), e.ratio(), e.ciLow(), e.ciHigh(), p.margin,
                p.pWorse, p.pWorseHolm, p.pBetter, p.pBetterHolm, e.baseline(), e.candidate(), e.source(),
                e.resamples());
    }
}
