package dev.tailgate.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A statistic a threshold can limit. Percentiles are of single operations and exist only in
 * JMH sample mode (histograms merged by adding counts); latency statistics are
 * lower-is-better, throughput is higher-is-better.
 */
public enum Statistic {
    MEAN("mean", Double.NaN, Direction.LOWER_IS_BETTER),
    P50("p50", 0.50, Direction.LOWER_IS_BETTER),
    P90("p90", 0.90, Direction.LOWER_IS_BETTER),
    P99("p99", 0.99, Direction.LOWER_IS_BETTER),
    P999("p99.9", 0.999, Direction.LOWER_IS_BETTER),
    P9999("p99.99", 0.9999, Direction.LOWER_IS_BETTER),
    /** Largest sampled operation: a descriptive value of this run, not an estimate. */
    MAX("max", 1.0, Direction.LOWER_IS_BETTER),
    THROUGHPUT("throughput", Double.NaN, Direction.HIGHER_IS_BETTER),
    /**
     * A server-side counter of the run ({@code redis:} limits): an exact count, not an estimate.
     * Not a statistic a rule's {@code limits:} can name.
     */
    COUNT("count", Double.NaN, Direction.LOWER_IS_BETTER);

    /** Which way is good. */
    public enum Direction { LOWER_IS_BETTER, HIGHER_IS_BETTER }

    private final String yamlName;
    private final double quantile;
    private final Direction direction;

    Statistic(String yamlName, double quantile, Direction direction) {
        this.yamlName = yamlName;
        this.quantile = quantile;
        this.direction = direction;
    }

    /** Spelling in threshold files and reports, e.g. {@code p99.9}. */
    public String yamlName() {
        return yamlName;
    }

    /** The quantile in (0, 1) for P50..P9999; 1.0 for MAX; NaN for MEAN and THROUGHPUT. */
    public double quantile() {
        return quantile;
    }

    public Direction direction() {
        return direction;
    }

    public boolean lowerIsBetter() {
        return direction == Direction.LOWER_IS_BETTER;
    }

    /** True for P50..P9999: judged with an order-statistic interval. */
    public boolean isPercentile() {
        return quantile > 0 && quantile < 1;
    }

    /** Needs per-operation samples (sample-mode histograms). */
    public boolean needsHistogram() {
        return isPercentile() || this == MAX;
    }

    /** A statistic a rule's {@code limits:} may name; null otherwise (also for {@code count}). */
    public static Statistic fromYaml(String name) {
        for (Statistic s : values()) {
            if (s != COUNT && s.yamlName.equals(name)) {
                return s;
            }
        }
        return null;
    }

    public static String spellings() {
        return Arrays.stream(values()).filter(s -> s != COUNT).map(Statistic::yamlName).collect(Collectors.joining("|"));
    }
}
