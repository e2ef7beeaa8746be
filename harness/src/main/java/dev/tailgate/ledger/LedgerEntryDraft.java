package dev.tailgate.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a caller knows about one decision; the ledger adds the sequence number and the
 * hash chain ({@link Ledger#append}). Pure value: the time is handed in, never read from a clock
 * here, so that the same draft always seals to the same bytes.
 *
 * @param time        when the decision was taken (UTC instant, stored as ISO-8601)
 * @param kind        what decided: {@code gate}, {@code compare}, {@code ab}, ... (lower case)
 * @param decision    the overall outcome in upper case: PASS, WARN, FAIL, INCONCLUSIVE, ERROR,
 *                    REGRESSION, IMPROVEMENT, NO CHANGE, ...
 * @param checks      per-check summary, in the order the decision listed them
 * @param inputs      SHA-256 (64 lower-case hex digits) of every input file by name, e.g.
 *                    {@code jmh.json}, {@code manifest.json}, {@code thresholds/smoke.yaml};
 *                    kept sorted by name
 * @param suiteGitSha git commit of the suite that produced the run, or {@code unknown}
 * @param host        host the decision was taken on
 * @param user        user who took it
 * @param flags       options that weaken the decision and must stay visible in an audit, e.g.
 *                    {@code allow-mismatch}; kept sorted and distinct
 */
public record LedgerEntryDraft(
        Instant time,
        String kind,
        String decision,
        List<CheckSummary> checks,
        SortedMap<String, String> inputs,
        String suiteGitSha,
        String host,
        String user,
        List<String> flags) {

    public LedgerEntryDraft {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(decision, "decision");
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
        inputs = copyInputs(Objects.requireNonNull(inputs, "inputs"));
        requireText(suiteGitSha, "suiteGitSha");
        requireText(host, "host");
        requireText(user, "user");
        flags = Objects.requireNonNull(flags, "flags").stream().sorted().distinct().toList();
        if (!Tokens.isKind(kind)) {
            throw new IllegalArgumentException("kind \"" + kind
                    + "\": expected a lower-case word such as gate or compare");
        }
        if (!Tokens.isOutcome(decision)) {
            throw new IllegalArgumentException("decision \"" + decision
                    + "\": expected an upper-case word such as PASS or FAIL");
        }
        for (String flag : flags) {
            if (!Tokens.isFlag(flag)) {
                throw new IllegalArgumentException("flag \"" + flag
                        + "\": expected a word without spaces such as allow-mismatch");
            }
        }
    }

    /** Convenience for callers holding an unsorted map. */
    public LedgerEntryDraft(Instant time, String kind, String decision, List<CheckSummary> checks,
            Map<String, String> inputs, String suiteGitSha, String host, String user,
            List<String> flags) {
        this(time, kind, decision, checks, new TreeMap<>(inputs), suiteGitSha, host, user, flags);
    }

    private static SortedMap<String, String> copyInputs(Map<String, String> inputs) {
        TreeMap<String, String> copy = new TreeMap<>();
        inputs.forEach((name, sha) -> {
            Objects.requireNonNull(name, "input name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("input name is blank");
            }
            if (!Tokens.isSha256Hex(sha)) {
                throw new IllegalArgumentException("input " + name + ": SHA-256 \"" + sha
                        + "\": expected 64 lower-case hex digits");
            }
            copy.put(name, sha);
        });
        return java.util.Collections.unmodifiableSortedMap(copy);
    }

    static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank (use \"unknown\")");
        }
    }
}
