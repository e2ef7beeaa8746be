package dev.tailgate.compare;

import dev.tailgate.model.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.special.Erf;

/**
 * The round counts at which a paired A/B looks at its data, fixed before the first round, and
 * the error each look may spend, so that looking early and often does not raise the rate of
 * false claims. See docs/compare-statistics.md, "Looks and the error spent".
 *
 * <p>Per direction the comparison may err with probability {@code alpha / 2} in all (as
 * {@link CompareConfig#alpha()} says for one look). A spending function says how much of it is
 * spent by information fraction t = rounds / final rounds; look k may spend the increment
 * {@code spent(t_k) - spent(t_(k-1))}. Every claim at look k (REGRESSION, IMPROVEMENT, NO
 * CHANGE) is made on an interval whose one-sided tails are that increment, with Holm over the
 * gating checks at that level. By the union bound over looks the chance of any false claim of
 * a direction at any look is at most the sum of the increments, {@code alpha / 2}, whatever the
 * dependence between looks; exact group-sequential boundaries would be a little less strict at
 * the last look (they use the correlation between looks), at the price of assuming a normal
 * statistic with independent increments, which a bootstrap ratio of percentiles is not.
 *
 * @param looks ascending round counts, each with its spending
 * @param spending the spending function
 * @param alpha the family-wise rate over both directions, as {@link CompareConfig#alpha()}
 */
public record LookSchedule(List<Look> looks, Spending spending, double alpha) {

    /**
     * One look.
     *
     * @param rounds rounds of data the look sees
     * @param informationFraction rounds / the last look's rounds
     * @param spent error spent per direction by the end of this look
     * @param level error this look spends per direction: the one-sided level of its claims
     */
    public record Look(int rounds, double informationFraction, double spent, double level) {
    }

    /** How the per-direction error {@code alpha / 2} is spent over the information fraction t. */
    public enum Spending {
        /**
         * Lan-DeMets O'Brien-Fleming type, {@code 2 - 2 Φ(z(1 - a/2) / sqrt(t))}: almost nothing
         * early, nearly all of it at the end. Early looks decide only very large changes; the
         * last look is almost as strict as a single fixed-size comparison.
         */
        OBRIEN_FLEMING,
        /** Lan-DeMets Pocock type, {@code a · ln(1 + (e - 1) t)}: more early, less at the end. */
        POCOCK,
        /** Bonferroni over looks: {@code a / K} at each of K looks. */
        BONFERRONI
    }

    /** Standard look points below the final one: 4, 6, 8, 12, 16, 24, 32, 48, 64, ... */
    private static final int FIRST_LOOK = 4;

    public LookSchedule {
        Objects.requireNonNull(spending, "spending");
        looks = List.copyOf(looks);
        if (looks.isEmpty()) {
            throw new IllegalArgumentException("a look schedule needs at least one look");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
    }

    /**
     * Looks at 4, 6, 8, 12, 16, 24, 32, 48, 64, ... (each a quarter to a half above the one
     * before) and at {@code maxRounds}; a standard point less than a quarter below
     * {@code maxRounds} is left out, as a look so close to the last one spends error for little
     * new data.
     */
    public static LookSchedule standard(int maxRounds, double alpha, Spending spending) {
        if (maxRounds < 2) {
            throw new IllegalArgumentException("a paired comparison needs at least 2 rounds, the schedule allows " + maxRounds);
        }
        List<Integer> points = new ArrayList<>();
        for (long p = FIRST_LOOK, q = 6; 5 * p <= 4L * maxRounds; ) {
            points.add((int) p);
            long next = q;
            q = 2 * p;
            p = next;
        }
        points.add(maxRounds);
        return of(points.stream().mapToInt(Integer::intValue).toArray(), alpha, spending);
    }

    /**
     * The standard schedule for a budget: as many rounds as {@code budgetSeconds} holds at
     * {@code secondsPerRound} (both arms of one round, measured before the first look).
     */
    public static LookSchedule forBudget(double budgetSeconds, double secondsPerRound, double alpha, Spending spending) {
        if (!(budgetSeconds > 0) || !(secondsPerRound > 0) || Double.isInfinite(secondsPerRound)) {
            throw new IllegalArgumentException("budget and time per round must be > 0 s, were " + budgetSeconds
                    + " s and " + secondsPerRound + " s");
        }
        double rounds = Math.floor(budgetSeconds / secondsPerRound);
        if (rounds < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a budget of %.0f s holds %.0f rounds of %.1f s; a paired comparison needs at least 2",
                    budgetSeconds, rounds, secondsPerRound));
        }
        return standard((int) Math.min(rounds, 1 << 20), alpha, spending);
    }

    /** Looks at the given ascending round counts (each >= 2). */
    public static LookSchedule of(int[] rounds, double alpha, Spending spending) {
        if (rounds.length == 0) {
            throw new IllegalArgumentException("a look schedule needs at least one look");
        }
        for (int k = 0; k < rounds.length; k++) {
            if (rounds[k] < 2 || (k > 0 && rounds[k] <= rounds[k - 1])) {
                throw new IllegalArgumentException("look round counts must be >= 2 and ascending; look " + (k + 1)
                        + " is at " + rounds[k]);
            }
        }
        double a = alpha / 2;
        double max = rounds[rounds.length - 1];
        List<Look> looks = new ArrayList<>();
        double before = 0;
        for (int k = 0; k < rounds.length; k++) {
            double t = rounds[k] / max;
            double spent = k == rounds.length - 1 ? a : Math.min(a, spent(spending, a, t, k + 1, rounds.length));
            looks.add(new Look(rounds[k], t, spent, spent - before));
            before = spent;
        }
        return new LookSchedule(looks, spending, alpha);
    }

    private static double spent(Spending spending, double a, double t, int look, int count) {
        return switch (spending) {
            // 2 (1 - Φ(x)) = erfc(x / sqrt 2), computed as such so tiny early spends keep their digits
            case OBRIEN_FLEMING -> Erf.erfc(Stats.normalQuantile(1 - a / 2) / Math.sqrt(t) / Math.sqrt(2));
            case POCOCK -> a * Math.log(1 + (Math.E - 1) * t);
            case BONFERRONI -> a * look / count;
        };
    }

    public Look look(int index) {
        if (index < 0 || index >= looks.size()) {
            throw new IllegalArgumentException("look " + index + " of a schedule with " + looks.size() + " looks");
        }
        return looks.get(index);
    }

    public int size() {
        return looks.size();
    }

    public Look last() {
        return looks.get(looks.size() - 1);
    }

    /** Index of the look at exactly {@code rounds}, or -1. */
    public int indexOf(int rounds) {
        for (int k = 0; k < looks.size(); k++) {
            if (looks.get(k).rounds() == rounds) {
                return k;
            }
        }
        return -1;
    }
}
