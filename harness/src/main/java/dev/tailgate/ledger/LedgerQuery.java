package dev.tailgate.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The filters of {@code tailgate ledger show}, applied in this order: since, decision, kind,
 * then the last N of what is left. Pure.
 *
 * @param since    keep entries at or after this time
 * @param decision keep entries with this decision (compared case-insensitively)
 * @param kind     keep entries of this kind (compared case-insensitively)
 * @param last     keep only the last N that pass the other filters
 */
public record LedgerQuery(Optional<Instant> since, Optional<String> decision,
        Optional<String> kind, OptionalInt last) {

    public static final LedgerQuery ALL = new LedgerQuery(Optional.empty(), Optional.empty(),
            Optional.empty(), OptionalInt.empty());

    public LedgerQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(last, "last");
        if (last.isPresent() && last.getAsInt() < 0) {
            throw new IllegalArgumentException("--last " + last.getAsInt() + ": expected >= 0");
        }
    }

    public List<LedgerEntry> apply(List<LedgerEntry> entries) {
        List<LedgerEntry> kept = entries.stream()
                .filter(e -> since.map(t -> !e.time().isBefore(t)).orElse(true))
                .filter(e -> decision.map(d -> d.equalsIgnoreCase(e.decision())).orElse(true))
                .filter(e -> kind.map(k -> k.equalsIgnoreCase(e.kind())).orElse(true))
                .toList();
        int n = last.orElse(kept.size());
        return kept.subList(Math.max(0, kept.size() - n), kept.size());
    }
}
