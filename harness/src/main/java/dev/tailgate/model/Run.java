package dev.tailgate.model;

import java.util.List;
import java.util.Objects;

/**
 * The results of one run as the gate sees them.
 *
 * @param source       the JMH JSON file, as given, for messages and reports
 * @param status       from the manifest, or UNKNOWN for a bare JMH file
 * @param statusDetail why the manifest says the run is not complete; empty otherwise
 */
public record Run(String source, List<BenchmarkResult> results, RunStatus status, String statusDetail) {
    public Run {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusDetail, "statusDetail");
        results = List.copyOf(results);
    }
}
