package dev.tailgate.compare;

import dev.tailgate.model.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a paired A/B resolves on this host, read off an A/A: for each check, the smallest shift
 * that a paired A/B of a given number of rounds claims as a REGRESSION with the given power.
 * Pure: no I/O, no clock. Sizing the repetitions from a pilot's measured spread is Kalibera and
 * Jones' method (2013); the A/A is the pilot.
 *
 * <p>The rule. A round carries a spread σ of the log ratio ({@link PairedCheck#roundSpread},
 * taken at its upper bound {@link #SPREAD_CONFIDENCE}),
 * so n rounds give a standard error σ/sqrt(n). A REGRESSION needs the interval's lower end,
 * at the last look's one-sided level L, above the margin m: with a true shift s the estimate
 * centres on log(1+s), so the claim comes with probability {@code power} when
 * {@code log(1+s) = log(1+m) + (t(1-L/k, df) + t(power, df)) σ / sqrt(n)}, with k the gating
 * checks (Holm's strictest step: a lone regression among k checks is held to L/k) and df the
 * degrees of freedom of the trimmed mean of n rounds ({@link RoundRatios}). When several checks
 * move together Holm asks less of the later ones, so the figure errs on the large side;
 * {@code tailgate calibrate} checks it with an injected A/B.
 */
public final class Resolution {
    /**
     * The pilot's spread is itself an estimate, low about as often as high; sized on it, half
     * the A/Bs would fall short of the power asked. The rule uses its upper confidence bound at
     * this level instead (Browne's upper-confidence-limit method for sample sizes from a pilot),
     * {@code σ sqrt(df / χ²(1 - 0.8, df))}, so the power holds for 4 pilots in 5.
     */
    static final double SPREAD_CONFIDENCE = 0.8;

    private Resolution() {
    }

    /**
     * One check's resolution.
     *
     * @param shift the smallest detectable shift as a fraction (0.04 = +4%); NaN when the A/A
     *     could not estimate the spread (then {@code why} says why)
     * @param aa what the A/A itself concluded for this check
     */
    public record Row(String benchmark, ComparedStatistic statistic, double margin, double roundSpread, int rounds,
                      double shift, Classification aa, String why) {
    }

    /**
     * Rows for the checks of {@code aa} whose statistic is in {@code statistics}, for an A/B of
     * {@code rounds} rounds whose last look spends {@code level} per direction.
     */
    public static List<Row> of(PairedLook aa, Set<ComparedStatistic> statistics, int rounds, double level, double power) {
        if (rounds < 2 || !(power > 0.5 && power < 1) || !(level > 0 && level < 0.5)) {
            throw new IllegalArgumentException("rounds " + rounds + ", power " + power + ", level " + level);
        }
        long family = Math.max(1, aa.checks().stream().filter(c -> c.result().gating() && c.roundSpread() >= 0).count());
        double df = RoundRatios.degreesOfFreedom(rounds);
        double pilotDf = RoundRatios.degreesOfFreedom(aa.look().rounds());
        double upper = pilotDf >= 1 ? Math.sqrt(pilotDf / Stats.chiSquaredQuantile(1 - SPREAD_CONFIDENCE, pilotDf))
                : Double.NaN;
        double z = Stats.tQuantile(1 - level / family, df) + Stats.tQuantile(power, df);
        List<Row> out = new ArrayList<>();
        for (PairedCheck c : aa.checks()) {
            CheckResult r = c.result();
            if (!statistics.contains(r.statistic())) {
                continue;
            }
            double sigma = c.roundSpread() * upper;
            boolean known = sigma >= 0 && Double.isFinite(sigma);
            double shift = known ? (1 + r.margin()) * Math.exp(z * sigma / Math.sqrt(rounds)) - 1 : Double.NaN;
            out.add(new Row(r.benchmark(), r.statistic(), r.margin(), known ? sigma : Double.NaN, rounds, shift,
                    r.classification(), known ? null : r.reason()));
        }
        return List.copyOf(out);
    }

    /** Gating checks of the A/A that claimed a change: each is a false alarm. */
    public static long falseAlarms(PairedLook aa) {
        return aa.checks().stream().map(PairedCheck::result).filter(r -> r.gating()
                && (r.classification() == Classification.REGRESSION || r.classification() == Classification.IMPROVEMENT))
                .count();
    }
}
