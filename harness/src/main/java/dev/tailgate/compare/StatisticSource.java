package dev.tailgate.compare;

/**
 * Which measurement a compared statistic was computed from. Reports print it beside every
 * check, because the same label ("p99") means different things: JMH's sample mode subsamples
 * a closed loop (a stall is one slow sample), while the fixed-rate benchmarks time every request
 * from its intended start (a stall delays every request scheduled during it).
 */
public enum StatisticSource {
    /** JMH {@code rawData}: one score per iteration ({@code avgt}, {@code ss}, {@code thrpt}). */
    JMH_ITERATION_SCORES("JMH iteration scores"),
    /** JMH {@code rawDataHistogram}: sampled operations per iteration ({@code sample} mode). */
    JMH_SAMPLE_HISTOGRAM("JMH sample histogram"),
    /** The fixed-rate benchmarks' {@code .hlog} files, tag {@code response}, one file per fork. */
    FIXED_RATE_RESPONSE("fixed-rate .hlog response time");

    private final String label;

    StatisticSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
