package dev.tailgate.compare;

import java.util.Objects;

/**
 * One benchmark × statistic comparison. Values and interval are NaN when the check could not be
 * computed (then {@code classification} is INCONCLUSIVE and {@code reason} says why).
 *
 * @param baselineValue the statistic on all of the baseline's data (ns for latency, the score unit otherwise)
 * @param candidateValue the same for the candidate
 * @param ratio candidate / baseline
 * @param ciLow lower end of the bootstrap percentile interval of the ratio
 * @param ciHigh upper end
 * @param margin the practical margin as a fraction (0.05)
 * @param pWorse one-sided p-value for "the ratio is beyond the margin on the worse side", unadjusted
 * @param pWorseHolm the same after Holm over the gating family; equals pWorse for non-gating checks
 * @param pBetter one-sided p-value for "beyond the margin on the better side", unadjusted
 * @param pBetterHolm the same after Holm
 * @param reason one line explaining the classification
 * @param source what the statistic was computed from (JMH scores, JMH samples, fixed-rate .hlog)
 * @param resamples bootstrap replicates behind the interval (fewer than configured when the
 *     benchmark's checks were settled early; 0 when the check could not be computed)
 * @param design how the data were measured and resampled; for the paired designs
 *     {@code baseline.forks()} and {@code candidate.forks()} count rounds
 */
public record CheckResult(String benchmark, ComparedStatistic statistic, boolean gating,
                          Classification classification, String reason,
                          double baselineValue, double candidateValue, double ratio,
                          double ciLow, double ciHigh, double margin,
                          double pWorse, double pWorseHolm, double pBetter, double pBetterHolm,
                          ArmSupport baseline, ArmSupport candidate, StatisticSource source, int resamples,
                          Design design) {

    public CheckResult {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(design, "design");
    }

    /** A check of two unrelated runs ({@link Design#INDEPENDENT}). */
    public CheckResult(String benchmark, ComparedStatistic statistic, boolean gating,
                       Classification classification, String reason,
                       double baselineValue, double candidateValue, double ratio,
                       double ciLow, double ciHigh, double margin,
                       double pWorse, double pWorseHolm, double pBetter, double pBetterHolm,
                       ArmSupport baseline, ArmSupport candidate, StatisticSource source, int resamples) {
        this(benchmark, statistic, gating, classification, reason, baselineValue, candidateValue, ratio, ciLow, ciHigh,
                margin, pWorse, pWorseHolm, pBetter, pBetterHolm, baseline, candidate, source, resamples,
                Design.INDEPENDENT);
    }

    /** The same check with another reason (what a report says about it). */
    public CheckResult withReason(String text) {
        return new CheckResult(benchmark, statistic, gating, classification, text, baselineValue, candidateValue, ratio,
                ciLow, ciHigh, margin, pWorse, pWorseHolm, pBetter, pBetterHolm, baseline, candidate, source, resamples,
                design);
    }

    /** True when this check makes the comparison fail. */
    public boolean failsGate() {
        return gating && classification == Classification.REGRESSION;
    }
}
