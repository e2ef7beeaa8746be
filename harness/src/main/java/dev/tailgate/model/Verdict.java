package dev.tailgate.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The gate's decision over a run: every check, the rules that matched nothing, and the
 * overall outcome. This is the pure result a report writer or the decision ledger serializes;
 * it holds no paths and no clock time, so equal inputs give equal verdicts.
 *
 * @param thresholds     file names of the threshold hierarchy, root first
 * @param confidence     two-sided confidence level of every interval
 * @param inconclusiveFails whether the policy lets an INCONCLUSIVE check fail the gate
 * @param decision       worst outcome over all checks (ERROR when there are none)
 * @param passed         whether the gate lets the change through: PASS/WARN, and INCONCLUSIVE
 *                       only when the policy says so
 * @param summary        one line saying why
 * @param unmatchedRules ids of rules whose glob matched no benchmark in the run (reported,
 *                       not failed: a smoke run may run a subset)
 */
public record Verdict(
        LocalDate today,
        List<String> thresholds,
        double confidence,
        boolean inconclusiveFails,
        List<Check> checks,
        List<String> unmatchedRules,
        Outcome decision,
        boolean passed,
        String summary) {

    public Verdict {
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(summary, "summary");
        thresholds = List.copyOf(thresholds);
        checks = List.copyOf(checks);
        unmatchedRules = List.copyOf(unmatchedRules);
        if (passed && (decision == Outcome.FAIL || decision == Outcome.ERROR)) {
            throw new IllegalArgumentException("a " + decision + " decision cannot pass");
        }
    }

    public long count(Outcome outcome) {
        return checks.stream().filter(c -> c.outcome() == outcome).count();
    }
}
