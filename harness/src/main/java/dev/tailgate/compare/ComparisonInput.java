package dev.tailgate.compare;

import java.util.Objects;

/**
 * One benchmark (with its params) present in both runs: what the engine compares.
 *
 * @param latencySource what the arms' latency histograms are (JMH samples or fixed-rate
 *                      response times); score statistics are always {@link StatisticSource#JMH_ITERATION_SCORES}
 */
public record ComparisonInput(String benchmark, Arm baseline, Arm candidate, StatisticSource latencySource) {
    public ComparisonInput {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(latencySource, "latencySource");
        if (latencySource == StatisticSource.JMH_ITERATION_SCORES) {
            throw new IllegalArgumentException("latencySource names where histograms come from, not scores");
        }
    }

    /** JMH data: histograms, if any, are sample-mode ones. */
    public ComparisonInput(String benchmark, Arm baseline, Arm candidate) {
        this(benchmark, baseline, candidate, StatisticSource.JMH_SAMPLE_HISTOGRAM);
    }
}
