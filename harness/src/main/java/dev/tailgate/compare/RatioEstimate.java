package dev.tailgate.compare;

/**
 * The bootstrap outcome of one statistic of one benchmark, before any decision.
 * {@code logRatioSe} is the standard deviation of the replicate log ratios, corrected for few
 * forks, and {@code degreesOfFreedom} the t degrees of freedom that go with it; {@code unusable}
 * is non-null when the check cannot be judged (too few forks or samples, undefined values).
 * {@code resamples} is how many bootstrap replicates stand behind the interval: the configured
 * number, the early look when the check was settled by then ({@link SettledCheck}), 0 when unusable.
 * {@code ratio} is candidate/baseline of the two values, unless another estimator replaced it
 * ({@link #withEstimate}); {@code estimator} then names that estimator, and is null otherwise.
 */
record RatioEstimate(ComparedStatistic statistic, StatisticSource source, double baselineValue, double candidateValue,
                     double ratio, double ciLow, double ciHigh, double logRatioSe, double degreesOfFreedom,
                     ArmSupport baseline, ArmSupport candidate, String unusable, int resamples, String estimator) {

    /** The estimate of the bootstraps: the ratio of the two arms' values, the interval from replicates. */
    static RatioEstimate pooled(ComparedStatistic statistic, StatisticSource source, double baselineValue,
                                double candidateValue, double ciLow, double ciHigh, double logRatioSe,
                                double degreesOfFreedom, ArmSupport baseline, ArmSupport candidate, String unusable,
                                int resamples) {
        return new RatioEstimate(statistic, source, baselineValue, candidateValue, candidateValue / baselineValue, ciLow,
                ciHigh, logRatioSe, degreesOfFreedom, baseline, candidate, unusable, resamples, null);
    }

    /**
     * The same check with another estimate of its ratio and interval ({@link RoundRatios}); the
     * arms' values stay the pooled ones. {@code estimator} names it in the check's reason.
     */
    RatioEstimate withEstimate(double newRatio, double low, double high, double se, double df, String name) {
        return new RatioEstimate(statistic, source, baselineValue, candidateValue, newRatio, low, high, se, df, baseline,
                candidate, unusable, resamples, name);
    }

    boolean usable() {
        return unusable == null;
    }
}
