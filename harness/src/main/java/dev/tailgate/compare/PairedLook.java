package dev.tailgate.compare;

import java.util.List;
import java.util.Objects;

/**
 * What one look of a paired A/B found: every check at the look's level, and whether to stop.
 *
 * @param index the look's index in its {@link LookSchedule}
 * @param look the look: its rounds and the error it spends per direction
 * @param finalLook whether it is the schedule's last look (no more rounds come)
 * @param maxRounds the rounds of the schedule's last look
 * @param checks one per benchmark × statistic, benchmarks in input order, statistics in enum order
 */
public record PairedLook(int index, LookSchedule.Look look, boolean finalLook, int maxRounds, List<PairedCheck> checks) {

    public PairedLook {
        Objects.requireNonNull(look, "look");
        checks = List.copyOf(checks);
    }

    /** The classified checks, for report writers and {@link Comparison#decide}. */
    public List<CheckResult> results() {
        return checks.stream().map(PairedCheck::result).toList();
    }

    /**
     * True when there is at least one gating check and every gating check is REGRESSION,
     * IMPROVEMENT or NO CHANGE at this look.
     */
    public boolean allGatingDecided() {
        List<PairedCheck> gating = checks.stream().filter(c -> c.result().gating()).toList();
        return !gating.isEmpty() && gating.stream().allMatch(PairedCheck::decided);
    }

    /** Whether a gating check is a REGRESSION at this look. */
    public boolean failed() {
        return checks.stream().anyMatch(c -> c.result().failsGate());
    }

    /**
     * Stop adding rounds: every gating check is decided; or a gating check is a REGRESSION and
     * every gating tail check (p99 and beyond) is decided or cannot be within the schedule; or
     * this was the last look. A regression decides the verdict whatever the open checks become,
     * and a claim made at a look is covered by the error that look spends, so stopping on it
     * costs nothing (stopping for efficacy, as group-sequential trials do). It waits for the
     * tail because what the tail did is the rest of the answer: a mean that regresses early
     * must not hide whether p99 did. An IMPROVEMENT does not stop the sequence: another check
     * may still regress.
     */
    public boolean stop() {
        return finalLook || allGatingDecided() || (failed() && tailSettled());
    }

    /**
     * Every gating percentile check at p99 or beyond is decided, or would need more rounds than
     * the schedule holds (or no number of rounds would tell).
     */
    public boolean tailSettled() {
        return checks.stream().filter(c -> c.result().gating() && c.result().statistic().isPercentile()
                        && c.result().statistic().quantile() >= 0.99)
                .allMatch(c -> c.decided() || c.roundsToDecide() < 0 || c.roundsToDecide() > maxRounds);
    }
}
