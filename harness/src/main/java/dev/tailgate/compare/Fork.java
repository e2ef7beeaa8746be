package dev.tailgate.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One JVM launch (JMH fork) of one arm: the unit of replication. Iterations inside a fork share
 * the JIT's decisions, heap layout and placement, so they are not independent; the bootstrap
 * resamples forks first and only then iterations inside a chosen fork.
 *
 * @param iterationScores one JMH score per measurement iteration ({@code rawData[fork]}), in
 *     the arm's {@link ScoreKind}; empty when the mode gives no scores. Finite and positive.
 * @param iterationLatencies latency counts in nanoseconds, one per measurement iteration
 *     ({@code rawDataHistogram[fork]}), or a single one for the whole fork (then the
 *     within-fork level is not resampled and only forks are). Empty when there are none.
 */
public record Fork(double[] iterationScores, List<LatencyCounts> iterationLatencies) {

    public Fork {
        Objects.requireNonNull(iterationScores, "iterationScores");
        iterationScores = iterationScores.clone();
        iterationLatencies = List.copyOf(iterationLatencies);
        for (int i = 0; i < iterationScores.length; i++) {
            double s = iterationScores[i];
            if (!Double.isFinite(s) || s <= 0) {
                throw new IllegalArgumentException(
                        "iteration " + i + ": score must be finite and > 0, was " + s
                                + " (missing or NaN data must be reported as an error before comparing)");
            }
        }
        if (iterationScores.length == 0 && iterationLatencies.isEmpty()) {
            throw new IllegalArgumentException("a fork needs iteration scores or latency histograms, it has neither");
        }
    }

    public static Fork ofScores(double... scores) {
        return new Fork(scores, List.of());
    }

    public static Fork ofLatencies(List<LatencyCounts> latencies) {
        return new Fork(new double[0], latencies);
    }

    /** A sample-mode fork from HdrHistograms (one per iteration, values in ns). */
    public static Fork ofHistograms(List<Histogram> histograms) {
        return ofLatencies(histograms.stream().map(LatencyCounts::of).toList());
    }

    @Override
    public double[] iterationScores() {
        return iterationScores.clone();
    }

    double score(int iteration) {
        return iterationScores[iteration];
    }

    int scoreCount() {
        return iterationScores.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fork other && Arrays.equals(iterationScores, other.iterationScores)
                && iterationLatencies.equals(other.iterationLatencies);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(iterationScores) + iterationLatencies.hashCode();
    }

    @Override
    public String toString() {
        return "Fork[" + iterationScores.length + " scores, " + iterationLatencies.size() + " latency counts]";
    }
}
