package dev.tailgate.ledger;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One way the ledger file differs from an intact chain.
 *
 * @param line    1-based line number in the file
 * @param seq     the seq the line claims, when it could be read
 * @param kind    what is wrong
 * @param message one line saying what mismatched, for a human
 */
public record LedgerProblem(int line, OptionalLong seq, Kind kind, String message) {

    /** Closed set of findings; docs/ledger.md explains each. */
    public enum Kind {
        /** The last line has no newline: an append that did not finish, or a truncation. */
        TORN,
        /** Not JSON, or not an entry (missing, extra or invalid fields), or an empty line. */
        MALFORMED,
        /** The content no longer hashes to the recorded hash: the entry was edited. */
        EDITED,
        /** Same content, different bytes (whitespace, member order, escaping). */
        NOT_CANONICAL,
        /** Sequence numbers are missing and appear nowhere in the file: entries were deleted. */
        DELETED,
        /** An entry is not where its seq says, but appears elsewhere: lines were moved. */
        REORDERED,
        /** A seq appears a second time. */
        DUPLICATE,
        /**
         * seq is in place but prevHash is not the previous entry's hash: the previous entry was
         * edited and its hash recomputed, or this entry was replaced.
         */
        CHAIN_BROKEN
    }

    public LedgerProblem {
        if (line < 1) {
            throw new IllegalArgumentException("line " + line + ": expected >= 1");
        }
        Objects.requireNonNull(seq, "seq");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** {@code line 5 (seq 5): EDITED: ...}. */
    public String describe() {
        String where = seq.isPresent() ? "line " + line + " (seq " + seq.getAsLong() + ")"
                : "line " + line;
        return where + ": " + kind + ": " + message;
    }
}
