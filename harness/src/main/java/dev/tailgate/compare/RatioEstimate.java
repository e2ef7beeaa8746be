package dev.tailgate.compare;

/**
 * The bootstrap outcome of one statistic of one benchmark, before any decision.
 * {@code logRatioSe} is the standard deviation of the replicate log ratios, corrected for few
 * forks, and {@code degreesOfFreedom} the t degrees of freedom that go with it; {@code unusable}
 * is non-null when the check cannot be judged (too few forks or samples, undefined values).
 * {@code resamples} is how many bootstrap replicates stand behind the interval: the configured
 * number, the early look when the check was settled by then ({@link SettledCheck}), 0 when unusable.
 */
record RatioEstimate(ComparedStatistic statistic, StatisticSource source, double baselineValue, double candidateValue,
                     double ciLow, double ciHigh, double logRatioSe, double degreesOfFreedom,
                     ArmSupport baseline, ArmSupport candidate, String unusable, int resamples) {

    double ratio() {
        return candidateValue / baselineValue;
    }

    boolean usable() {
        return unusable == null;
    }
}
