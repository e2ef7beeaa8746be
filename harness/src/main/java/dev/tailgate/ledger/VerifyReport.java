package dev.tailgate.ledger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Result of checking a whole ledger.
 *
 * @param lines    complete lines read (torn tail not counted)
 * @param head     the last complete entry, if it could be read; its hash is the value to keep
 *                 elsewhere to detect a later truncation of the tail (docs/ledger.md)
 * @param problems every finding in file order; empty means intact
 */
public record VerifyReport(int lines, Optional<LedgerEntry> head, List<LedgerProblem> problems) {

    public VerifyReport {
        if (lines < 0) {
            throw new IllegalArgumentException("lines " + lines + ": expected >= 0");
        }
        Objects.requireNonNull(head, "head");
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }

    public boolean intact() {
        return problems.isEmpty();
    }
}
