package dev.tailgate.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The results of one run as the gate sees them.
 *
 * @param source       the JMH JSON file, as given, for messages and reports
 * @param status       from the manifest, or UNKNOWN for a bare JMH file
 * @param statusDetail why the manifest says the run is not complete; empty otherwise
 * @param tails        open-loop histograms of benchmarks that wrote {@code .hlog} files; their
 *                     percentile checks are judged on these instead of JMH's numbers
 * @param counters     server-side counters from {@code redis-diff.json}, for {@code redis:} limits
 */
public record Run(String source, List<BenchmarkResult> results, RunStatus status, String statusDetail,
                  Map<BenchmarkId, TailHistogram> tails, CounterReadings counters) {
    public Run {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusDetail, "statusDetail");
        Objects.requireNonNull(counters, "counters");
        results = List.copyOf(results);
        tails = Map.copyOf(tails);
    }

    /**
     * Whether the gate and compare may take these results as a finished run: a run directory
     * only when its manifest says COMPLETE; a bare JMH file (no directory, so no manifest to
     * ask) is judged on its results.
     */
    public boolean complete() {
        return status == RunStatus.COMPLETE || status == RunStatus.UNKNOWN;
    }

    /** Why the run is not complete, in words; empty for a complete run. */
    public String problem() {
        String detail = statusDetail.isEmpty() ? "" : " (" + statusDetail + ")";
        return switch (status) {
            case COMPLETE, UNKNOWN -> "";
            case RUNNING -> "manifest says the run is still running or interrupted without a trace: status RUNNING" + detail;
            case NO_MANIFEST -> "run directory has no manifest.json, so nothing says the run completed";
            default -> "manifest says the run is " + status.name().toLowerCase(java.util.Locale.ROOT) + detail;
        };
    }

    /** A run of JMH results only: no open-loop histograms, no server counters. */
    public Run(String source, List<BenchmarkResult> results, RunStatus status, String statusDetail) {
        this(source, results, status, statusDetail, Map.of(),
                CounterReadings.missing(source, "no run directory, so no redis-diff.json"));
    }
}
