package dev.tailgate.model;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The host's and the JVM's own stalls during one benchmark, from the hiccup meter that ran beside
 * it (every fork's {@code -hiccup.hlog} merged by adding counts), set against the benchmark's own
 * P99.9. Evidence, never a verdict: it says whether a bad tail may be the machine's.
 *
 * @param benchmark          benchmark class simple name, as in the log's file name
 * @param params             the trial's {@code @Param} values
 * @param forks              hiccup logs merged (one per fork)
 * @param samples            hiccup samples (about one per millisecond of trial time)
 * @param p99Nanos           hiccup P99; empty with fewer than 10,000 samples (n >= 100/(1-p))
 * @param p999Nanos          hiccup P99.9; empty with fewer than 100,000 samples
 * @param maxNanos           longest stall the meter saw
 * @param benchmarkP999Nanos the benchmark's own P99.9 when the run had one
 * @param hostStalledPastTail the host's longest stall exceeds the benchmark's P99.9
 */
public record HiccupSummary(String benchmark, Map<String, String> params, int forks, long samples,
                            OptionalLong p99Nanos, OptionalLong p999Nanos, long maxNanos,
                            OptionalDouble benchmarkP999Nanos, boolean hostStalledPastTail) {

    public HiccupSummary {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(p99Nanos, "p99Nanos");
        Objects.requireNonNull(p999Nanos, "p999Nanos");
        Objects.requireNonNull(benchmarkP999Nanos, "benchmarkP999Nanos");
        params = Map.copyOf(new TreeMap<>(params));
        if (forks < 1 || samples < 0 || maxNanos < 0) {
            throw new IllegalArgumentException("hiccup summary of " + benchmark + ": forks " + forks + ", samples "
                    + samples + ", max " + maxNanos + ": expected forks >= 1 and non-negative counts");
        }
    }

    /** {@code k=v,k=v}, sorted by name. */
    public String paramsText() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The one-line warning when the host's longest stall exceeds the benchmark's P99.9. */
    public Optional<String> warning() {
        if (!hostStalledPastTail) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the host stalled for %.1f ms during this benchmark "
                + "(its p99.9 is %.1f us): its tail may be the machine's, not Redis's",
                maxNanos / 1e6, benchmarkP999Nanos.orElse(0) / 1e3));
    }
}
