package dev.tailgate.compare;

import dev.tailgate.model.Numbers;
import dev.tailgate.model.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * From ratio estimates to classified checks: a p-value per direction, Holm over the gating
 * checks, and the decision rule of {@link CompareEngine}. Shared by the independent comparison
 * (level alpha/2, the configured interval) and the paired looks of {@link PairedCompare}
 * (the level a {@link LookSchedule} spends at that look, and the interval that goes with it).
 */
final class CheckDecision {
    private CheckDecision() {
    }

    /**
     * The one-sided level a claim must meet after Holm, and the two-sided coverage of the
     * interval the checks carry (printed in the reason).
     */
    record Level(double perDirection, double coverage) {
        static Level of(CompareConfig config) {
            return new Level(config.alpha() / 2, config.confidence());
        }
    }

    /**
     * Classified checks, benchmark by benchmark in the order given, each benchmark's estimates in
     * their order. Holm runs over every usable gating check of all benchmarks together.
     */
    static List<CheckResult> decide(List<String> benchmarks, List<Design> designs, List<List<RatioEstimate>> estimates,
                                    CompareConfig config, Level level) {
        List<Pending> checks = new ArrayList<>();
        for (int i = 0; i < benchmarks.size(); i++) {
            for (RatioEstimate e : estimates.get(i)) {
                checks.add(pending(benchmarks.get(i), designs.get(i), e, config));
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
            out.add(classify(p, level, family.size()));
        }
        return List.copyOf(out);
    }

    /** A check between estimation and the Holm step; mutable only inside {@link #decide}. */
    private static final class Pending {
        final String benchmark;
        final Design design;
        final RatioEstimate estimate;
        final boolean gating;
        final double margin;
        final double pWorse;
        final double pBetter;
        double pWorseHolm;
        double pBetterHolm;

        Pending(String benchmark, Design design, RatioEstimate estimate, boolean gating, double margin, double pWorse,
                double pBetter) {
            this.benchmark = benchmark;
            this.design = design;
            this.estimate = estimate;
            this.gating = gating;
            this.margin = margin;
            this.pWorse = pWorse;
            this.pBetter = pBetter;
            this.pWorseHolm = pWorse;
            this.pBetterHolm = pBetter;
        }
    }

    private static Pending pending(String benchmark, Design design, RatioEstimate e, CompareConfig config) {
        ComparedStatistic st = e.statistic();
        double m = config.margins().of(st);
        boolean gating = config.gates(st);
        if (!e.usable()) {
            return new Pending(benchmark, design, e, gating, m, Double.NaN, Double.NaN);
        }
        double up = Math.log1p(m);
        double down = Math.log1p(-m);
        double worseBoundary = st.lowerIsBetter() ? up : down;
        double betterBoundary = st.lowerIsBetter() ? down : up;
        double sign = st.lowerIsBetter() ? 1 : -1;
        double logRatio = Math.log(e.ratio());
        return new Pending(benchmark, design, e, gating, m,
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

    private static CheckResult classify(Pending p, Level level, int familySize) {
        RatioEstimate e = p.estimate;
        ComparedStatistic st = e.statistic();
        double m = p.margin;
        if (!e.usable()) {
            return result(p, Classification.INCONCLUSIVE, e.unusable());
        }
        double threshold = level.perDirection();
        double lo = e.ciLow();
        double hi = e.ciHigh();
        boolean aboveUp = lo > 1 + m;
        boolean belowDown = hi < 1 - m;
        boolean worseBeyond = st.lowerIsBetter() ? aboveUp : belowDown;
        boolean betterBeyond = st.lowerIsBetter() ? belowDown : aboveUp;
        String scope = p.gating ? "Holm over " + familySize + " gating checks" : "not gating, unadjusted";
        String where = "ratio " + Numbers.fixed(e.ratio(), 3) + (e.estimator() == null ? "" : " (" + e.estimator() + ")")
                + ", " + Numbers.fixed(100 * level.coverage(), 0)
                + "% interval [" + Numbers.fixed(lo, 3) + ", " + Numbers.fixed(hi, 3) + "]";
        if (worseBeyond || betterBeyond) {
            boolean worse = worseBeyond;
            double adjusted = worse ? p.pWorseHolm : p.pBetterHolm;
            String side = worse ? "worse" : "better";
            if (adjusted <= threshold) {
                return result(p, worse ? Classification.REGRESSION : Classification.IMPROVEMENT,
                        where + " beyond the " + side + " margin of " + percent(m) + "; p = " + Numbers.general(adjusted, 2)
                                + " (" + scope + ") <= " + Numbers.general(threshold, 3));
            }
            return result(p, Classification.INCONCLUSIVE,
                    where + " beyond the " + side + " margin of " + percent(m) + " but p = " + Numbers.general(adjusted, 2)
                            + " (" + scope + ") > " + Numbers.general(threshold, 3));
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
                e.resamples(), p.design);
    }
}
