package dev.tailgate.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * One line of the ledger as recorded: the draft's fields plus the chain. {@code hash} is the
 * SHA-256 of the entry's canonical JSON without the {@code hash} member (docs/ledger.md), and
 * {@code prevHash} is the previous entry's {@code hash} ({@link #GENESIS_HASH} for seq 1).
 *
 * <p>This record holds what a line says, not that it is true: {@link LedgerVerifier} checks the
 * hash and the chain. Only {@link LedgerCodec#seal} makes entries whose hash is right.
 */
public record LedgerEntry(
        long seq,
        Instant time,
        String kind,
        String decision,
        List<CheckSummary> checks,
        SortedMap<String, String> inputs,
        String suiteGitSha,
        String host,
        String user,
        List<String> flags,
        String prevHash,
        String hash) {

    /** The {@code prevHash} of the first entry: 64 zeros, a hash no content produces. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public LedgerEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("seq " + seq + ": expected >= 1");
        }
        // Validate and copy through the draft's constructor: one set of rules for both.
        LedgerEntryDraft d = new LedgerEntryDraft(time, kind, decision, checks, inputs,
                suiteGitSha, host, user, flags);
        checks = d.checks();
        inputs = d.inputs();
        flags = d.flags();
        requireSha(prevHash, "prevHash");
        requireSha(hash, "hash");
    }

    /** The caller-supplied part of this entry. */
    public LedgerEntryDraft draft() {
        return new LedgerEntryDraft(time, kind, decision, checks, inputs, suiteGitSha, host, user,
                flags);
    }

    private static void requireSha(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!Tokens.isSha256Hex(value)) {
            throw new IllegalArgumentException(what + " \"" + value
                    + "\": expected 64 lower-case hex digits");
        }
    }
}
