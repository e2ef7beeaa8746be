package dev.tailgate.export;

import dev.tailgate.model.Injection;
import dev.tailgate.model.Run;
import dev.tailgate.model.RunStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run's manifest says about it, as {@code export} publishes it.
 *
 * @param labels    the {@code tailgate_run_info} labels, in the order written ({@code run_id} first);
 *                  fields the manifest lacks are left out
 * @param startedAt the manifest's {@code startedAt}, in seconds since the epoch
 * @param status    COMPLETE, or why the run is not (NO_MANIFEST for a directory without one)
 * @param statusDetail the manifest's reason for a status other than COMPLETE; empty otherwise
 * @param injection the delay injected into its measured calls, if any
 */
public record RunInfo(Map<String, String> labels, Optional<Double> startedAt, RunStatus status, String statusDetail,
                      Optional<Injection> injection) {
    public RunInfo {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusDetail, "statusDetail");
        Objects.requireNonNull(injection, "injection");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** Whether the gate takes the run as finished ({@link Run#complete}). */
    public boolean complete() {
        return statusOnly().complete();
    }

    /** Why it is not, in the gate's words; empty for a complete run. */
    public String problem() {
        return statusOnly().problem();
    }

    private Run statusOnly() {
        return new Run("", List.of(), status, statusDetail);
    }
}
