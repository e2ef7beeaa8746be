package dev.tailgate.export;

import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * The gate's verdict on a run as {@code verdict.json} records it, reduced to what a dashboard shows.
 *
 * @param decision the worst outcome over all checks
 * @param passed   whether the gate let the run through
 * @param checks   one per (rule, benchmark, statistic), in the file's order
 */
public record GateSummary(Outcome decision, boolean passed, List<CheckOutcome> checks) {
    public GateSummary {
        Objects.requireNonNull(decision, "decision");
        checks = List.copyOf(checks);
    }

    /** One check: which rule judged which statistic of which benchmark, and how. */
    public record CheckOutcome(String rule, BenchmarkId benchmark, String statistic, Outcome outcome) {
        public CheckOutcome {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(benchmark, "benchmark");
            Objects.requireNonNull(statistic, "statistic");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
