package dev.tailgate.compare;

import dev.tailgate.model.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The paired estimate from each round's own ratio: for every round, the log of candidate over
 * baseline of the statistic on that round's data alone; the estimate is the 20% trimmed mean of
 * those log ratios, its interval Yuen's trimmed-mean t interval (winsorized variance,
 * {@code df = h - 1}, h the rounds kept). Pure: no I/O, no clock.
 *
 * <p>Why per round. Both sides of a round ran in the same host regime, so each round's ratio is
 * free of the regime; pooled counts are not: a side that saw both speeds has bimodal merged
 * counts whose p50 falls between the modes and moves with the share of slow calls, which puts
 * the regime back into the pooled ratio ({@code docs/compare-statistics.md}, "Paired A/B",
 * measured the pooled interval 1.6-4x wider on regime-switching data).
 *
 * <p>Why trimmed. A regime switch between or inside the two sides of a round spoils that
 * round: its ratio is off by the regime factor, up or down (ABBA order makes both signs equally
 * likely). The trimmed mean ignores the most extreme 20% of rounds on each side, so a few
 * spoiled rounds cost little precision and no calibration, where the plain mean would carry
 * them in full; it keeps most of the mean's efficiency when no round is spoiled, and unlike the
 * median it has a well-calibrated t interval at a dozen rounds.
 *
 * <p>Which checks. A statistic gets this estimate when every round has data for it on both
 * sides: scores for a score statistic; for a percentile, {@link #ROUND_SAMPLE_FACTOR} times the
 * samples the comparison asks of a whole arm ({@link CompareConfig#minSamples}) in each side of
 * every round, so that the round's own percentile is a measured value, not the top few samples.
 * Otherwise (p99 and beyond, for rounds of tens of thousands of samples) the check keeps the
 * pooled paired bootstrap.
 *
 * <p>What it estimates: the typical round's ratio (a geometric mean over rounds, trimmed). With
 * a shift that is the same in every round, that is the shift; the values reported for the two
 * arms stay the pooled ones, so the ratio need not equal their quotient exactly.
 */
final class RoundRatios {
    /** Share of rounds trimmed from each end. */
    static final double TRIM = 0.2;

    /**
     * A round's percentile is its own estimate only with this many times the samples a whole
     * arm needs ({@link CompareConfig#minSamples}: about 1,000 beyond the percentile instead of
     * 100). At the bare minimum the round's own sampling noise outweighed what pairing removes:
     * on fork rounds of 10,000 samples a side, the A/A p99 was NO CHANGE in 70% of seeds per
     * round against 98% pooled (docs/compare-statistics.md, "Paired A/B").
     */
    static final long ROUND_SAMPLE_FACTOR = 10;

    private RoundRatios() {
    }

    /**
     * The checks of {@code pooled} (the paired bootstrap's estimates of {@code in}) with every
     * eligible, usable check re-estimated from its rounds at the one-sided {@code level}.
     */
    static List<RatioEstimate> refine(PairedInput in, List<RatioEstimate> pooled, CompareConfig config, double level) {
        ComparisonInput data = in.comparisonInput();
        ArmResampler b = new ArmResampler(new PreparedArm(data.baseline()));
        ArmResampler c = new ArmResampler(new PreparedArm(data.candidate()));
        int rounds = in.rounds();
        List<RatioEstimate> out = new ArrayList<>(pooled.size());
        for (RatioEstimate e : pooled) {
            double[] logRatios = e.usable() ? logRatios(e.statistic(), data, b, c, rounds, config) : null;
            out.add(logRatios == null ? e : estimate(e, logRatios, level));
        }
        return out;
    }

    /** Each round's log ratio of {@code st}, or null when some round cannot give one. */
    private static double[] logRatios(ComparedStatistic st, ComparisonInput data, ArmResampler b, ArmResampler c,
                                      int rounds, CompareConfig config) {
        boolean meanFromScores = HierarchicalBootstrap.scoresFeed(ComparedStatistic.MEAN, data);
        boolean fromScores = st == ComparedStatistic.THROUGHPUT || (st == ComparedStatistic.MEAN && meanFromScores);
        long need = st.isPercentile() ? ROUND_SAMPLE_FACTOR * config.minSamples(st) : 1;
        double[] d = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            b.useFork(r);
            c.useFork(r);
            if (!fromScores && Math.min(b.sampleCount(), c.sampleCount()) < need) {
                return null;
            }
            d[r] = Math.log(HierarchicalBootstrap.value(st, c, meanFromScores)
                    / HierarchicalBootstrap.value(st, b, meanFromScores));
            if (!Double.isFinite(d[r])) {
                return null;
            }
        }
        return d;
    }

    private static RatioEstimate estimate(RatioEstimate e, double[] logRatios, double level) {
        Trimmed t = Trimmed.of(logRatios, TRIM);
        double q = level >= FewForkCorrection.MIN_LEVEL && t.df() >= 1
                ? Stats.tQuantile(1 - level, t.df()) : Double.POSITIVE_INFINITY;
        double half = t.se() == 0 ? 0 : q * t.se();
        String name = String.format(Locale.ROOT, "trimmed mean of %d round ratios", logRatios.length);
        return e.withEstimate(Math.exp(t.mean()), Math.exp(t.mean() - half), Math.exp(t.mean() + half), t.se(), t.df(),
                name);
    }

    /** The degrees of freedom of the trimmed mean of {@code rounds} values: the rounds kept, minus one. */
    static double degreesOfFreedom(int rounds) {
        return rounds - 2 * (int) Math.floor(TRIM * rounds) - 1;
    }

    /**
     * A trimmed mean with Yuen's standard error: {@code g = floor(trim · n)} values cut from each
     * end, {@code h = n - 2g} kept; the winsorized sample variance s_w² (the cut values replaced
     * by the nearest kept one) gives {@code se = sqrt((n - 1) s_w² / (h (h - 1)))}, with
     * {@code df = h - 1}. With no value cut it is the mean with its usual standard error.
     */
    record Trimmed(double mean, double se, double df) {
        static Trimmed of(double[] values, double trim) {
            double[] x = values.clone();
            Arrays.sort(x);
            int n = x.length;
            int g = (int) Math.floor(trim * n);
            int h = n - 2 * g;
            if (h < 2) {
                return new Trimmed(n == 0 ? Double.NaN : x[n / 2], Double.NaN, Double.NaN);
            }
            double sum = 0;
            for (int i = g; i < n - g; i++) {
                sum += x[i];
            }
            double[] w = x.clone();
            for (int i = 0; i < g; i++) {
                w[i] = x[g];
                w[n - 1 - i] = x[n - 1 - g];
            }
            double sw = Stats.standardDeviation(w);
            return new Trimmed(sum / h, Math.sqrt((n - 1) * sw * sw / ((double) h * (h - 1))), h - 1);
        }
    }
}
