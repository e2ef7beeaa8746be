package dev.tailgate.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code results/baselines/NAME/baseline.json}: where a baseline came from. A baseline from
 * another day carries that day's drift, so {@code takenAt} (the source run's start) is kept for
 * reports to show next to the candidate's.
 *
 * @param name       the baseline's name (also its directory name)
 * @param promotedAt when it was promoted
 * @param sourceRun  id (directory or file name) of the run it was copied from; never a path, as
 *                   baselines are committed and paths are machine-specific
 * @param takenAt    the source run's start time, when its manifest says; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Baseline(String name, Instant promotedAt, String sourceRun, Instant takenAt) {

    public Baseline {
        RunStore.requireBaselineName(name);
        Objects.requireNonNull(promotedAt, "promotedAt");
        Objects.requireNonNull(sourceRun, "sourceRun");
    }
}
