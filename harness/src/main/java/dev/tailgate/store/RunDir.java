package dev.tailgate.store;

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
 * @param activity  whether the run may still be going on
 */
public record RunDir(Path dir, Instant startedAt, AgeSource ageSource, Activity activity) {

    /** Whether a run may still be writing its directory. */
    public enum Activity {
        /** No live writer, and the manifest does not say RUNNING. */
        FINISHED,
        /** The process in run.lock is alive: the run (or the gate after it) is still writing. */
        RUNNING_LIVE,
        /** The manifest says RUNNING but its process is gone (or unknown: no run.lock). */
        RUNNING_GONE
    }

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
        Objects.requireNonNull(activity, "activity");
    }

    /** A finished run. */
    public RunDir(Path dir, Instant startedAt, AgeSource ageSource) {
        this(dir, startedAt, ageSource, Activity.FINISHED);
    }

    /** The run id: the directory's name. */
    public String id() {
        return dir.getFileName().toString();
    }
}
