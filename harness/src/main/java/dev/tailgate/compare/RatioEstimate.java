package dev.tailgate.compare;

/**
 * The bootstrap outcome of one statistic of one benchmark, before any decision.
 * {@code logRatioSe} is the standard deviation of the replicate log ratios, corrected for few
 * forks, and {@code degreesOfFreedom} the t degrees of freedom that go with it; {@code unusable}
 * is non-null when the check cannot be judged (too few forks or samples, undefined values).
 */
record RatioEstimate(ComparedStatistic statistic, StatisticSource source, double baselineValue, double candidateValue,
                     double ciLow, double ciHigh, double logRatioSe, double degreesOfFreedom,
                     ArmSupport baseline, ArmSupport candidate, String unusable) {

    double ratio() {
        return candidateValue / baselineValue;
    }

    boolean usable() {
        return unusable == null;
    }
}
