package dev.tailgate.ledger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Result of checking a whole ledger.
 *
 * @param lines    complete lines read (torn tail not counted)
 * @param head     seq and recorded hash of the last complete line, if it is an entry; the hash
 *                 is the value to keep elsewhere to detect a later truncation of the tail
 *                 (docs/ledger.md)
 * @param problems every finding in file order; empty means intact
 */
public record VerifyReport(int lines, Optional<Head> head, List<LedgerProblem> problems) {

    /**
     * Where the chain ends. Only the chain fields: building the whole entry would need the
     * JSON mapper, whose start-up alone outweighs much of a fresh JVM's verify, for two
     * values that {@code verify} already has.
     */
    public record Head(long seq, String hash) {
        public Head {
            Objects.requireNonNull(hash, "hash");
        }
    }

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
