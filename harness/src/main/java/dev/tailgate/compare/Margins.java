package dev.tailgate.compare;

import java.util.EnumMap;
import java.util.Map;

/**
 * Per-statistic practical margins as fractions (0.05 = 5%). A change smaller than its margin
 * does not matter to the user; a check is a REGRESSION only when the data show, with
 * confidence, a change beyond it. Margins widen with the tail because tail estimates are
 * noisier and tail noise on a shared machine is larger.
 */
public record Margins(Map<ComparedStatistic, Double> fractions) {

    public Margins {
        EnumMap<ComparedStatistic, Double> copy = new EnumMap<>(ComparedStatistic.class);
        copy.putAll(fractions);
        for (ComparedStatistic s : ComparedStatistic.values()) {
            Double m = copy.get(s);
            if (m == null) {
                throw new IllegalArgumentException("margin for " + s.label() + " is missing");
            }
            if (!(m >= 0 && m < 1)) {
                throw new IllegalArgumentException("margin for " + s.label() + " must be in [0, 1), was " + m);
            }
        }
        fractions = Map.copyOf(copy);
    }

    /** p50 5%, p90 10%, p99 10%, p99.9 25%, p99.99 50%, mean 5%, throughput 5%. */
    public static Margins defaults() {
        EnumMap<ComparedStatistic, Double> m = new EnumMap<>(ComparedStatistic.class);
        m.put(ComparedStatistic.MEAN, 0.05);
        m.put(ComparedStatistic.P50, 0.05);
        m.put(ComparedStatistic.P90, 0.10);
        m.put(ComparedStatistic.P99, 0.10);
        m.put(ComparedStatistic.P999, 0.25);
        m.put(ComparedStatistic.P9999, 0.50);
        m.put(ComparedStatistic.THROUGHPUT, 0.05);
        return new Margins(m);
    }

    public double of(ComparedStatistic statistic) {
        return fractions.get(statistic);
    }

    /** The same margins with one changed. */
    public Margins with(ComparedStatistic statistic, double fraction) {
        EnumMap<ComparedStatistic, Double> m = new EnumMap<>(fractions);
        m.put(statistic, fraction);
        return new Margins(m);
    }
}
