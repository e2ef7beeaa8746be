package dev.tailgate.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which run directories {@code tailgate prune} deletes. Pure: the runs and the current time are
 * handed in. Baselines and the ledger are not run directories and never reach a policy.
 */
public sealed interface RetentionPolicy {

    /** Newest first; equal start times are ordered by id so the choice is deterministic. */
    Comparator<RunDir> NEWEST_FIRST = Comparator.comparing(RunDir::startedAt)
            .thenComparing(RunDir::id).reversed();

    /**
     * How long after its start a RUNNING run whose process is gone stays protected: a
     * process that cannot be checked (no run.lock, written by an older version) might still
     * be running, and no suite runs for a day.
     */
    Duration STALE_RUNNING_AGE = Duration.ofHours(24);

    /** The runs to delete, newest first. */
    List<RunDir> toDelete(List<RunDir> runs);

    /**
     * Whether prune must leave {@code run} alone whatever the policy says: a RUNNING run whose
     * process is alive, or whose process is gone but which started less than
     * {@link #STALE_RUNNING_AGE} before {@code now}.
     */
    static boolean spared(RunDir run, Instant now) {
        return switch (run.activity()) {
            case FINISHED -> false;
            case RUNNING_LIVE -> true;
            case RUNNING_GONE -> run.startedAt().isAfter(now.minus(STALE_RUNNING_AGE));
        };
    }

    /** Keep the {@code count} most recently started runs, delete the rest. */
    record KeepNewest(int count) implements RetentionPolicy {
        public KeepNewest {
            if (count < 0) {
                throw new IllegalArgumentException("--keep " + count + ": expected >= 0");
            }
        }

        @Override
        public List<RunDir> toDelete(List<RunDir> runs) {
            return runs.stream().sorted(NEWEST_FIRST).skip(count).toList();
        }
    }

    /** Delete runs that started more than {@code age} before {@code now}. */
    record OlderThan(Duration age, Instant now) implements RetentionPolicy {
        public OlderThan {
            Objects.requireNonNull(age, "age");
            Objects.requireNonNull(now, "now");
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("--older-than " + age + ": expected > 0");
            }
        }

        @Override
        public List<RunDir> toDelete(List<RunDir> runs) {
            Instant cutoff = now.minus(age);
            return runs.stream().filter(r -> r.startedAt().isBefore(cutoff))
                    .sorted(NEWEST_FIRST).toList();
        }
    }
}
