package dev.tailgate.history;

import java.util.Objects;

/**
 * One series: a benchmark with its params and JMH mode, and one statistic of it.
 *
 * @param params    {@code a=1,b=x}, empty without params
 * @param statistic the threshold-file spelling ({@code p99.9}, {@code throughput})
 * @param unit      {@code s} or {@code ops/s}
 */
public record SeriesKey(String benchmark, String params, String mode, String statistic, String unit) {
    public SeriesKey {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(unit, "unit");
    }

    /** {@code Class.method[a=1] p99}, without the package. */
    public String label() {
        int method = benchmark.lastIndexOf('.');
        int cls = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        String name = benchmark.substring(cls + 1);
        return (params.isEmpty() ? name : name + "[" + params + "]") + " " + statistic;
    }
}
