package dev.tailgate.gate;

import dev.tailgate.model.Stats;
import java.util.List;

/**
 * Confidence interval for a mean or a throughput that respects the fork structure. The JVM
 * launch is the unit of replication: iterations inside one fork share JIT decisions, memory
 * layout and core placement, so pooling them as if independent (what JMH's scoreError does)
 * understates the uncertainty. With two or more forks the interval is a Student t interval
 * over fork means (df = forks - 1) around JMH's score. With one fork only the iterations are
 * left; the interval is then formed over them and the reason says that fork-to-fork variance
 * is unknown. One fork with one iteration gives no interval at all.
 */
public final class MeanInterval {
    private MeanInterval() {
    }

    /** @param perFork iteration scores (or per-iteration means) per fork, in the score's unit */
    public static Interval of(double score, List<List<Double>> perFork, double confidence) {
        List<List<Double>> forks = perFork.stream().filter(f -> !f.isEmpty()).toList();
        long n = forks.stream().mapToLong(List::size).sum();
        double q = 1 - (1 - confidence) / 2;
        if (forks.size() >= 2) {
            double[] means = forks.stream().mapToDouble(f -> f.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toArray();
            double half = Stats.tQuantile(q, means.length - 1) * standardError(means);
            return new Interval(score, score - half, score + half, n, forks.size(),
                    "t interval over " + forks.size() + " fork means");
        }
        if (forks.size() == 1 && forks.get(0).size() >= 2) {
            double[] it = forks.get(0).stream().mapToDouble(Double::doubleValue).toArray();
            double half = Stats.tQuantile(q, it.length - 1) * standardError(it);
            return new Interval(score, score - half, score + half, n, 1,
                    "t interval over " + it.length + " iterations of 1 fork; fork-to-fork variance unknown");
        }
        return new Interval(score, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, n, forks.size(),
                "no interval from " + n + " iteration score(s)");
    }

    private static double standardError(double[] xs) {
        return Stats.standardDeviation(xs) / Math.sqrt(xs.length);
    }
}
