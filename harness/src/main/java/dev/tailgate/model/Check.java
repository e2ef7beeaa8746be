package dev.tailgate.model;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One limit applied to one benchmark. All numbers are in {@code unit}, the unit the threshold
 * file used for this limit; NaN where there is nothing to show (e.g. a missing benchmark).
 *
 * @param observed  point estimate (percentile of merged histogram, or JMH score)
 * @param boundLow  lower end of the confidence interval (may be -Infinity: unbounded)
 * @param boundHigh upper end of the confidence interval (may be +Infinity: unbounded)
 * @param limit     fail level
 * @param warn      warn level, if the rule has one
 * @param samples   operations behind a histogram statistic, iteration scores behind a mean
 *                  or throughput; 0 when nothing was measured
 * @param forks     forks (JVM launches) behind the value
 */
public record Check(
        String ruleId,
        BenchmarkId benchmark,
        Statistic statistic,
        MetricUnit unit,
        double observed,
        double boundLow,
        double boundHigh,
        double limit,
        OptionalDouble warn,
        long samples,
        int forks,
        Outcome outcome,
        String reason) {

    public Check {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(warn, "warn");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        if (outcome == Outcome.PASS && !(boundLow <= boundHigh)) {
            throw new IllegalArgumentException("PASS needs a finite confidence interval: " + reason);
        }
    }

    /** Same check with another outcome and reason (waivers, run status). */
    public Check with(Outcome newOutcome, String newReason) {
        return new Check(ruleId, benchmark, statistic, unit, observed, boundLow, boundHigh, limit,
                warn, samples, forks, newOutcome, newReason);
    }
}
