package dev.tailgate.summary;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code summary.json}: what history needs of one run directory, small enough to read a year of
 * nightlies without reparsing their JMH JSON. Derived from the run directory, which stays the
 * source of truth ({@link Summaries#derive}); a summary that cannot be read is derived again.
 *
 * @param schema    {@link #SCHEMA}; a summary of another schema is derived again
 * @param runId     the run directory's name
 * @param startedAt the manifest's start, ISO-8601; null when the run has none
 * @param status    COMPLETE, ABORTED, RUNNING, INVALID or NO_MANIFEST (as the gate reads the manifest)
 * @param injection the injected delay, described; null for a real measurement
 * @param identity  what the run measured on: manifest fields and fingerprint items, by key
 *                  ({@link Identity}); the inputs of cause attribution
 * @param sources   size and modification time of each file it was derived from
 *                  ({@link Summaries#sources}): a run file changed since makes it stale
 * @param results   per benchmark, params and mode, in run order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Summary(int schema, String runId, String startedAt, String status, String injection,
                      SortedMap<String, String> identity, SortedMap<String, String> sources,
                      List<Result> results) {
    public static final int SCHEMA = 1;
    public static final String FILE = "summary.json";

    public Summary {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        identity = Collections.unmodifiableSortedMap(new TreeMap<>(identity == null ? Map.of() : identity));
        sources = Collections.unmodifiableSortedMap(new TreeMap<>(sources == null ? Map.of() : sources));
        results = List.copyOf(results == null ? List.of() : results);
    }

    /**
     * One JMH result.
     *
     * @param mode    JMH's short mode name
     * @param forks   forks with data
     * @param samples operations timed (sample mode, fixed-rate histograms) or measurement iterations
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(String benchmark, SortedMap<String, String> params, String mode, int forks, long samples,
                         List<Stat> statistics) {
        public Result {
            Objects.requireNonNull(benchmark, "benchmark");
            Objects.requireNonNull(mode, "mode");
            params = Collections.unmodifiableSortedMap(new TreeMap<>(params == null ? Map.of() : params));
            statistics = List.copyOf(statistics == null ? List.of() : statistics);
        }
    }

    /**
     * One statistic with its 95% interval, in base units.
     *
     * @param statistic the threshold-file spelling ({@code p99.9}, {@code throughput})
     * @param unit      {@code s} for latency, {@code ops/s} for throughput
     * @param low       null when the data cannot bound that side (one fork of one iteration, a
     *                  tail percentile with too few samples above it)
     * @param perFork   the same statistic per fork; empty when forks are not known apart
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stat(String statistic, String unit, double value, Double low, Double high, List<Double> perFork) {
        public Stat {
            Objects.requireNonNull(statistic, "statistic");
            Objects.requireNonNull(unit, "unit");
            perFork = List.copyOf(perFork == null ? List.of() : perFork);
        }
    }
}
