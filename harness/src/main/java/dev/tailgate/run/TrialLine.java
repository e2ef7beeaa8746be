package dev.tailgate.run;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The one line a finished trial prints: where it is in the run, what it measured, how many
 * samples stand behind it, p50 and p99 in microseconds, and whether its threads were pinned as
 * planned. Pure formatting.
 *
 * @param index    1-based position of the trial in its JMH invocation
 * @param total    trials in that invocation
 * @param benchmark the benchmark's short name ({@code JedisGet})
 * @param params   its {@code @Param} values
 * @param samples  operations sampled (sample mode) or iterations (score modes)
 * @param p50Micros median latency, empty when the mode gives no per-operation latency
 * @param p99Micros 99th percentile, empty also when fewer samples stand behind it than the
 *                  summary table asks for ({@link dev.tailgate.model.SummaryRow#minSamplesFor})
 * @param pinning  the trial's pinning outcome (BOUND, FAILED, DISABLED, UNKNOWN)
 */
public record TrialLine(int index, int total, String benchmark, Map<String, String> params, long samples,
                        OptionalDouble p50Micros, OptionalDouble p99Micros, String pinning) {

    public TrialLine {
        params = Map.copyOf(params);
    }

    public String render() {
        String p = params.isEmpty() ? "" : " " + params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "[%d/%d] %s%s: %,d samples, p50 %s, p99 %s, pinning %s", index, total,
                benchmark, p, samples, micros(p50Micros), micros(p99Micros), pinning);
    }

    private static String micros(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.1f us", v.getAsDouble()) : "-";
    }
}
