package dev.tailgate.history;

import dev.tailgate.summary.Identity;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One run as the history index holds it.
 *
 * @param name      the run directory's name
 * @param startedAt the manifest's start, else the directory's modification time (as prune orders runs)
 * @param status    the manifest's status ({@link dev.tailgate.model.RunStatus} name)
 * @param injection the injected delay, described; null for a real measurement
 * @param identity  {@link Identity} of the run
 */
public record HistoryRun(String name, Instant startedAt, String status, String injection,
                         SortedMap<String, String> identity) {
    private static final String AB_ROLE = "ab.role";

    public HistoryRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        identity = Collections.unmodifiableSortedMap(new TreeMap<>(identity));
    }

    /**
     * Complete, not injected and not an arm of {@code ab}: a point change-point detection may use.
     * An A/B arm is a real measurement, but of a configuration chosen for the experiment (a
     * candidate profile, a candidate build); in the nightly series it would be a step of its own.
     */
    public boolean measurement() {
        return status.equals("COMPLETE") && injection == null && !identity.containsKey(AB_ROLE);
    }

    /** Why it is not, for the mark beside it: "aborted", "injected: spin 5 µs on every call", "ab candidate". */
    public String mark() {
        if (injection != null) {
            return "injected: " + injection;
        }
        if (!status.equals("COMPLETE")) {
            return status.toLowerCase(java.util.Locale.ROOT);
        }
        return identity.containsKey(AB_ROLE) ? "ab " + identity.get(AB_ROLE) : "";
    }

    public String profile() {
        return identity.getOrDefault("profile", "");
    }

    /** "embedded" or "external", the Redis target kind. */
    public String target() {
        return identity.getOrDefault("redis.mode", "");
    }
}
