package dev.tailgate.ledger;

import dev.tailgate.ledger.LedgerProblem.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * Checks a ledger's bytes: every line is a canonical entry whose content hashes to its
 * recorded hash, seqs run 1, 2, 3 ... and each prevHash is the previous line's hash. Pure: the
 * caller reads the file (under a shared lock, {@link Ledger#verify()}).
 *
 * <p>Each line gets the one finding that explains it best, so that a single deletion or swap
 * reads as one or two problems rather than a cascade: after an anomaly the chain is checked
 * against the highest seq seen so far, which is where an intact successor links to.
 */
public final class LedgerVerifier {

    private LedgerVerifier() {
    }

    /** The per-line, order-independent half of the check; done in parallel. */
    private record Parsed(LedgerEntry entry, String error, boolean canonical, String contentHash) {
    }

    public static VerifyReport verify(byte[] content) {
        LedgerLines lines = LedgerLines.split(content);
        int n = lines.count();
        Parsed[] parsed = IntStream.range(0, n).parallel()
                .mapToObj(i -> parse(lines, i)).toArray(Parsed[]::new);

        Map<Long, Integer> firstLineOfSeq = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (parsed[i].entry != null) {
                firstLineOfSeq.putIfAbsent(parsed[i].entry.seq(), i + 1);
            }
        }

        List<LedgerProblem> problems = new ArrayList<>();
        // The entry a correct next line links to; null after an unreadable line.
        long prevSeq = 0;
        String prevHash = LedgerEntry.GENESIS_HASH;
        int prevLine = 0;
        boolean prevKnown = true;
        for (int i = 0; i < n; i++) {
            int lineNo = i + 1;
            Parsed p = parsed[i];
            if (p.entry == null) {
                problems.add(new LedgerProblem(lineNo, OptionalLong.empty(), Kind.MALFORMED,
                        p.error));
                prevKnown = false;
                continue;
            }
            LedgerEntry e = p.entry;
            OptionalLong seq = OptionalLong.of(e.seq());
            long expected = prevSeq + 1;
            if (!p.contentHash.equals(e.hash())) {
                problems.add(new LedgerProblem(lineNo, seq, Kind.EDITED, "content hashes to "
                        + abbrev(p.contentHash) + " but the recorded hash is " + abbrev(e.hash())
                        + ": the entry was changed after it was written"));
                // Its seq may be the edited field: trust only its position and recorded hash.
                prevSeq = expected;
                prevHash = e.hash();
                prevLine = lineNo;
                prevKnown = true;
                continue;
            }
            if (!p.canonical) {
                problems.add(new LedgerProblem(lineNo, seq, Kind.NOT_CANONICAL, "the content"
                        + " is intact but the bytes are not its canonical JSON (whitespace,"
                        + " member order, escaping or line ending were changed)"));
            }
            if (!prevKnown) {
                // The previous line is unreadable: no link to check, resynchronise here.
                prevSeq = e.seq();
                prevHash = e.hash();
                prevLine = lineNo;
                prevKnown = true;
                continue;
            }
            if (e.seq() == expected) {
                if (!e.prevHash().equals(prevHash)) {
                    problems.add(new LedgerProblem(lineNo, seq, Kind.CHAIN_BROKEN,
                            chainMessage(e, prevLine, prevSeq, prevHash)));
                }
            } else if (e.seq() > expected) {
                problems.add(gap(lineNo, e.seq(), expected, firstLineOfSeq, n));
            } else {
                Integer first = firstLineOfSeq.get(e.seq());
                if (first != null && first < lineNo) {
                    problems.add(new LedgerProblem(lineNo, seq, Kind.DUPLICATE, "seq "
                            + e.seq() + " already appeared at line " + first));
                } else {
                    problems.add(new LedgerProblem(lineNo, seq, Kind.REORDERED, "seq " + e.seq()
                            + " comes after seq " + prevSeq + " (line " + prevLine
                            + "): lines were moved"));
                }
                continue; // keep linking to the highest seq seen, see the class comment
            }
            prevSeq = e.seq();
            prevHash = e.hash();
            prevLine = lineNo;
        }
        if (lines.hasTornTail()) {
            long tornBytes = content.length - lines.tornTailOffset();
            problems.add(new LedgerProblem(lines.tornLineNumber(), OptionalLong.empty(),
                    Kind.TORN, "the last " + tornBytes + " bytes (from byte offset "
                    + lines.tornTailOffset() + ") end without a newline: an append that did not"
                    + " finish, or a truncation"));
        }
        Optional<LedgerEntry> head = n == 0 ? Optional.empty()
                : Optional.ofNullable(parsed[n - 1].entry);
        return new VerifyReport(n, head, problems);
    }

    private static Parsed parse(LedgerLines lines, int i) {
        byte[] buf = lines.content();
        int off = lines.start(i);
        int len = lines.length(i);
        if (len == 0) {
            return new Parsed(null, "empty line", false, null);
        }
        LedgerEntry e;
        try {
            e = LedgerCodec.parse(buf, off, len);
        } catch (IllegalArgumentException ex) {
            return new Parsed(null, "not a ledger entry: " + ex.getMessage(), false, null);
        }
        // Fast path: an intact canonical line is recognised from its bytes alone.
        if (LedgerCodec.contentHashOfCanonicalLine(buf, off, len, e.hash())
                .filter(e.hash()::equals).isPresent()) {
            return new Parsed(e, null, true, e.hash());
        }
        // Otherwise the reference definition decides between reformatted and edited.
        byte[] canonical = LedgerCodec.canonicalLine(e);
        boolean same = Arrays.equals(canonical, 0, canonical.length, buf, off, off + len);
        return new Parsed(e, null, same, LedgerCodec.contentHash(e));
    }

    private static LedgerProblem gap(int lineNo, long seq, long expected,
            Map<Long, Integer> firstLineOfSeq, int lineCount) {
        long missing = seq - expected;
        // More missing seqs than lines means at least one cannot be elsewhere in the file.
        boolean allElsewhere = missing <= lineCount;
        for (long s = expected; allElsewhere && s < seq; s++) {
            allElsewhere = firstLineOfSeq.containsKey(s);
        }
        String range = missing == 1 ? "seq " + expected : "seqs " + expected + ".." + (seq - 1);
        if (allElsewhere) {
            return new LedgerProblem(lineNo, OptionalLong.of(seq), Kind.REORDERED, "expected seq "
                    + expected + " here; " + range + " found elsewhere (seq " + expected
                    + " at line " + firstLineOfSeq.get(expected) + "): lines were moved");
        }
        return new LedgerProblem(lineNo, OptionalLong.of(seq), Kind.DELETED, range
                + " missing before this line: " + (missing == 1 ? "an entry was" : "entries were")
                + " deleted");
    }

    private static String chainMessage(LedgerEntry e, int prevLine, long prevSeq,
            String prevHash) {
        if (prevLine == 0) {
            return "prevHash " + abbrev(e.prevHash()) + " is not the genesis hash (64 zeros)";
        }
        return "prevHash " + abbrev(e.prevHash()) + " does not match the hash "
                + abbrev(prevHash) + " of line " + prevLine + " (seq " + prevSeq + "): line "
                + prevLine + " was rewritten with a recomputed hash, or this entry was replaced";
    }

    static String abbrev(String hash) {
        return hash.substring(0, 12) + "...";
    }
}
