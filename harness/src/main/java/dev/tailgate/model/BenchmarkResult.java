package dev.tailgate.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One element of JMH's result array, keeping the fork structure: the fork (a JVM launch) is
 * the unit of replication, iterations inside a fork are not independent.
 *
 * @param score          JMH's primary score in {@code scoreUnit}; NaN when JMH wrote "NaN"
 * @param iterationScores per fork, per measurement iteration ({@code rawData}); in sample mode
 *                        JMH writes no rawData, so this is empty
 * @param histograms     sample mode only: per fork, per iteration, the sampled operations
 * @param scorePercentiles JMH's {@code scorePercentiles}. In avgt/thrpt/ss these are
 *                        percentiles of iteration scores, not of operations: kept for
 *                        display only, the gate never judges operation percentiles from them
 */
public record BenchmarkResult(
        BenchmarkId id,
        Mode mode,
        int threads,
        String scoreUnit,
        double score,
        List<List<Double>> iterationScores,
        List<List<IterationHistogram>> histograms,
        Map<String, Double> scorePercentiles,
        Map<String, SecondaryMetric> secondaryMetrics) {

    public BenchmarkResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scoreUnit, "scoreUnit");
        iterationScores = iterationScores.stream().map(List::copyOf).toList();
        histograms = histograms.stream().map(List::copyOf).toList();
        scorePercentiles = Collections.unmodifiableMap(new TreeMap<>(scorePercentiles));
        secondaryMetrics = Collections.unmodifiableMap(new TreeMap<>(secondaryMetrics));
    }

    /** Number of forks with data. */
    public int forkCount() {
        return Math.max(iterationScores.size(), histograms.size());
    }

    /** All sampled operations of all iterations and forks, merged by adding counts. */
    public IterationHistogram mergedHistogram() {
        return IterationHistogram.merge(histograms.stream().flatMap(List::stream).toList());
    }
}
