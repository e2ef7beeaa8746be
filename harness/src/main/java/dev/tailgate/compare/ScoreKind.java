package dev.tailgate.compare;

/**
 * What a JMH iteration score measures, which decides the statistic it feeds and its direction:
 * {@code avgt} and {@code ss} give time per operation (a latency mean, lower is better),
 * {@code thrpt} gives operations per time (higher is better). Sample mode ({@code sample})
 * feeds latency histograms instead; its arms may carry no scores at all.
 */
public enum ScoreKind {
    TIME_PER_OP,
    OPS_PER_TIME;

    ComparedStatistic statistic() {
        return this == TIME_PER_OP ? ComparedStatistic.MEAN : ComparedStatistic.THROUGHPUT;
    }
}
