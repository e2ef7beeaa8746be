package dev.tailgate.model;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One line of the end-of-run table, all latencies in nanoseconds. A tail percentile is present
 * only when enough samples stand behind it: n >= 100 / (1 - p), i.e. about 100 samples above
 * it (docs/foundations.md); otherwise it is empty and printed as "-".
 *
 * @param benchmark  Class.method
 * @param params     JMH params, sorted
 * @param mode       JMH mode short name
 * @param samples    operations sampled (sample mode) or iterations (other modes)
 * @param floorNanos p50 of the TCP floor with the same payload, when one was measured
 */
public record SummaryRow(String benchmark, Map<String, String> params, String mode, long samples,
                         OptionalDouble p50Nanos, OptionalDouble p99Nanos, OptionalDouble p999Nanos,
                         OptionalDouble p9999Nanos, OptionalDouble maxNanos, OptionalDouble scoreNanos,
                         String scoreUnit, OptionalDouble floorNanos) {

    public SummaryRow {
        params = Map.copyOf(new TreeMap<>(params));
    }

    /**
     * Smallest sample count that lets percentile {@code p} (0..100) be shown: 100 / (1 - p).
     * Rounded to a millionth first, as the gate and compare round it: in binary floating point
     * 100 / (1 - 0.999) is 100000.0000000001, and the ceiling would ask for 100,001.
     */
    public static long minSamplesFor(double p) {
        return (long) Math.ceil(Math.rint(100.0 / (1.0 - p / 100.0) * 1e6) / 1e6);
    }

    public SummaryRow withFloor(double nanos) {
        return new SummaryRow(benchmark, params, mode, samples, p50Nanos, p99Nanos, p999Nanos, p9999Nanos,
                maxNanos, scoreNanos, scoreUnit, OptionalDouble.of(nanos));
    }

    public String paramsText() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}
