package dev.tailgate.compare;

import dev.tailgate.model.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The statistics of a paired A/B ({@code tailgate ab}): baseline and candidate measured in
 * rounds on one host, ABBA order across rounds. Pure: no I/O, no clock.
 *
 * <p>Each check's ratio is candidate/baseline of the statistic over all rounds' data pooled
 * (scores: mean of the sides' means; latency: read off the merged counts), exactly as
 * {@link CompareEngine} computes it. Its interval comes from paired replicates
 * ({@link RoundPicker}): a replicate picks rounds, and each picked round brings both sides, so
 * host speed that both sides of a round shared cancels out of the ratio instead of widening
 * the interval. Corrected for few rounds with df = rounds - 1 ({@link FewForkCorrection#paired}).
 * The decision rule and Holm over the gating checks are those of {@link CompareEngine}, at the
 * level the look spends ({@link LookSchedule}). docs/compare-statistics.md, "Paired A/B", has
 * the reasoning and the measured calibration.
 */
public final class PairedCompare {
    /** Beyond this many rounds {@link PairedCheck#roundsToDecide} says "never" (-1). */
    static final int MAX_ROUNDS = 1 << 20;

    private PairedCompare() {
    }

    /**
     * Look {@code lookIndex} of {@code schedule}: every input must hold exactly that look's
     * rounds. Deterministic: the same seed and input give the same look.
     */
    public static PairedLook look(List<PairedInput> inputs, CompareConfig config, LookSchedule schedule, int lookIndex) {
        LookSchedule.Look look = schedule.look(lookIndex);
        if (Math.abs(schedule.alpha() - config.alpha()) > 1e-12) {
            throw new IllegalArgumentException("the look schedule spends alpha " + schedule.alpha()
                    + " but the comparison is configured with " + config.alpha());
        }
        List<PairedInput> in = List.copyOf(inputs);
        for (PairedInput p : in) {
            if (p.rounds() != look.rounds()) {
                throw new IllegalArgumentException(p.benchmark() + " has " + p.rounds() + " rounds; look " + (lookIndex + 1)
                        + " of the schedule is at " + look.rounds());
            }
        }
        double level = look.level();
        FewForkCorrection correction = FewForkCorrection.paired(look.rounds(), config.confidence(), level);
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom[] rngs = new SplittableRandom[in.size()];
        for (int i = 0; i < rngs.length; i++) {
            rngs[i] = root.split();
        }
        @SuppressWarnings("unchecked")
        List<RatioEstimate>[] estimates = new List[in.size()];
        IntStream.range(0, in.size()).parallel().forEach(i -> estimates[i] = RoundRatios.refine(in.get(i),
                HierarchicalBootstrap.estimate(in.get(i).comparisonInput(), config, correction, rngs[i],
                        new RoundPicker(in.get(i))), config, level));
        List<CheckResult> results = CheckDecision.decide(in.stream().map(PairedInput::benchmark).toList(),
                in.stream().map(PairedInput::design).toList(), List.of(estimates), config,
                new CheckDecision.Level(level, 1 - 2 * level));
        List<PairedCheck> checks = new ArrayList<>(results.size());
        int k = 0;
        for (List<RatioEstimate> es : estimates) {
            for (RatioEstimate e : es) {
                CheckResult r = results.get(k++);
                int need = r.classification() != Classification.INCONCLUSIVE ? 0
                        : !e.usable() ? roundsToJudge(e, look.rounds(), config)
                        : roundsToDecide(Math.log(e.ratio()), e.logRatioSe(), look.rounds(), r.margin(),
                                schedule.last().level());
                checks.add(new PairedCheck(r, need, e.usable() ? e.logRatioSe() * Math.sqrt(look.rounds()) : Double.NaN));
            }
        }
        return new PairedLook(lookIndex, look, lookIndex == schedule.size() - 1, schedule.last().rounds(), checks);
    }

    /**
     * A paired comparison of a fixed number of rounds, looked at once: the full {@code alpha / 2}
     * per direction, as {@link CompareEngine#compare} spends it. Every input must hold the same
     * number of rounds.
     */
    public static PairedLook fixed(List<PairedInput> inputs, CompareConfig config) {
        int rounds = inputs.isEmpty() ? 2 : inputs.get(0).rounds();
        return look(inputs, config, LookSchedule.of(new int[] {Math.max(2, rounds)}, config.alpha(),
                LookSchedule.Spending.BONFERRONI), 0);
    }

    /**
     * Rounds at which the interval would decide, if the log ratio and the per-round spread
     * stayed as observed: the standard error of n rounds scales as 1/sqrt(n), so the half-width
     * at n' rounds is {@code σ · t(1 - level, n' - 1) / sqrt(n' - 1)} with
     * {@code σ = se · sqrt(n - 1)} (se carries the few-round factor sqrt(n/(n-1))). The target
     * is the distance from the estimate to the nearest boundary of [1-m, 1+m] in log space:
     * beyond the margin a claim of change needs the interval clear of it, inside it NO CHANGE
     * needs both ends inside. Holm over several checks asks for somewhat more. Returns -1 when
     * the estimate sits on a boundary or no count up to {@link #MAX_ROUNDS} suffices.
     */
    static int roundsToDecide(double logRatio, double se, int rounds, double margin, double level) {
        double up = Math.log1p(margin);
        double down = Math.log1p(-margin);
        double distance = logRatio > up ? logRatio - up
                : logRatio < down ? down - logRatio
                : Math.min(up - logRatio, logRatio - down);
        if (!(distance > 0) || !(se >= 0) || rounds < 2 || !(level >= FewForkCorrection.MIN_LEVEL)) {
            return -1;
        }
        double sigma = se * Math.sqrt(rounds - 1.0);
        if (halfWidth(sigma, rounds, level) <= distance) {
            return rounds;
        }
        int lo = rounds;
        int hi = rounds;
        while (halfWidth(sigma, hi, level) > distance) {
            if (hi >= MAX_ROUNDS) {
                return -1;
            }
            lo = hi;
            hi = (int) Math.min(MAX_ROUNDS, 2L * hi);
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (halfWidth(sigma, mid, level) <= distance) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * For a check too small to be judged: the rounds at which it first has enough data, at the
     * samples per round seen so far (at least {@code minForks} rounds, and for a percentile p
     * {@code minTailSamplesAbove / (1 - p)} samples per arm); -1 when size is not what stops it
     * (a zero or undefined value).
     */
    static int roundsToJudge(RatioEstimate e, int rounds, CompareConfig config) {
        long samples = Math.min(e.baseline().samples(), e.candidate().samples());
        boolean fewRounds = Math.min(e.baseline().forks(), e.candidate().forks()) < config.minForks();
        ComparedStatistic st = e.statistic();
        boolean fewSamples = st.isPercentile() && samples < config.minSamples(st);
        if (!fewRounds && !fewSamples) {
            return -1;
        }
        long need = config.minForks();
        if (fewSamples) {
            if (samples == 0) {
                return -1;
            }
            need = Math.max(need, (long) Math.ceil(config.minSamples(st) * (double) rounds / samples));
        }
        return (int) Math.min(need, MAX_ROUNDS);
    }

    private static double halfWidth(double sigma, int rounds, double level) {
        return sigma * Stats.tQuantile(1 - level, rounds - 1) / Math.sqrt(rounds - 1.0);
    }
}
