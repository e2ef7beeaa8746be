package dev.tailgate.compare;

/**
 * What a compare check looks at. Latency statistics are lower-is-better; throughput is
 * higher-is-better, so "worse" means a ratio above 1 for the former and below 1 for the latter.
 *
 * <p>Where each comes from: {@link #MEAN} from time-per-operation iteration scores (JMH
 * {@code avgt}/{@code ss}) or, without those, from the merged latency histograms (JMH
 * {@code sample}); {@link #THROUGHPUT} from operations-per-time iteration scores (JMH
 * {@code thrpt}); the percentiles only from merged latency histograms, because percentiles of
 * iteration scores are not percentiles of operations and percentiles cannot be averaged.
 */
public enum ComparedStatistic {
    MEAN("mean", Double.NaN, true),
    P50("p50", 0.50, true),
    P90("p90", 0.90, true),
    P99("p99", 0.99, true),
    P999("p99.9", 0.999, true),
    P9999("p99.99", 0.9999, true),
    THROUGHPUT("throughput", Double.NaN, false);

    private final String label;
    private final double quantile;
    private final boolean lowerIsBetter;

    ComparedStatistic(String label, double quantile, boolean lowerIsBetter) {
        this.label = label;
        this.quantile = quantile;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** The name users write in threshold files and read in reports ({@code p99.9}). */
    public String label() {
        return label;
    }

    public boolean isPercentile() {
        return !Double.isNaN(quantile);
    }

    /** The quantile as a fraction in (0, 1); only for percentiles. */
    public double quantile() {
        if (!isPercentile()) {
            throw new IllegalStateException(label + " is not a percentile");
        }
        return quantile;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }
}
