package dev.tailgate.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A run directory directly under {@code results/}: one holding {@code manifest.json} or
 * {@code jmh.json}.
 *
 * @param dir       the directory
 * @param startedAt when the run started: the manifest's {@code startedAt}, else the directory's
 *                  modification time ({@link #ageSource} says which)
 * @param ageSource where {@code startedAt} came from
 */
public record RunDir(Path dir, Instant startedAt, AgeSource ageSource) {

    /** Where a run's age comes from. */
    public enum AgeSource {
        /** {@code startedAt} in manifest.json: survives copies and touches. */
        MANIFEST,
        /** The directory's modification time: no manifest, or it has no start time. */
        MTIME
    }

    public RunDir {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(ageSource, "ageSource");
    }

    /** The run id: the directory's name. */
    public String id() {
        return dir.getFileName().toString();
    }
}
