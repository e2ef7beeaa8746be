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

    /**
     * The per-line, order-independent half of the check; done in parallel. {@code error} is set
     * when the line is not an entry, and then the other fields are not.
     */
    private record Parsed(long seq, String prevHash, String hash, String error,
            boolean canonical, String contentHash) {
        static Parsed malformed(String error) {
            return new Parsed(0, null, null, error, false, null);
        }

        boolean ok() {
            return error == null;
        }
    }

    public static VerifyReport verify(byte[] content) {
        LedgerLines lines = LedgerLines.split(content);
        int n = lines.count();
        Parsed[] parsed = IntStream.range(0, n).parallel()
                .mapToObj(i -> parse(lines, i)).toArray(Parsed[]::new);

        Map<Long, Integer> firstLineOfSeq = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (parsed[i].ok()) {
                firstLineOfSeq.putIfAbsent(parsed[i].seq, i + 1);
            }
        }

        List<LedgerProblem> problems = new ArrayList<>();
        // The entry a correct next line links to; unknown (prevKnown false) after a malformed line.
        long prevSeq = 0;
        String prevHash = LedgerEntry.GENESIS_HASH;
        int prevLine = 0;
        boolean prevKnown = true;
        for (int i = 0; i < n; i++) {
            int lineNo = i + 1;
            Parsed p = parsed[i];
            if (!p.ok()) {
                problems.add(new LedgerProblem(lineNo, OptionalLong.empty(), Kind.MALFORMED,
                        p.error));
                prevKnown = false;
                continue;
            }
            OptionalLong seq = OptionalLong.of(p.seq);
            long expected = prevSeq + 1;
            if (!p.contentHash.equals(p.hash)) {
                problems.add(new LedgerProblem(lineNo, seq, Kind.EDITED, "content hashes to "
                        + abbrev(p.contentHash) + " but the recorded hash is " + abbrev(p.hash)
                        + ": the entry was changed after it was written"));
                // Its seq may be the edited field: trust only its position and recorded hash.
                prevSeq = expected;
                prevHash = p.hash;
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
                prevSeq = p.seq;
                prevHash = p.hash;
                prevLine = lineNo;
                prevKnown = true;
                continue;
            }
            if (p.seq == expected) {
                if (!p.prevHash.equals(prevHash)) {
                    problems.add(new LedgerProblem(lineNo, seq, Kind.CHAIN_BROKEN,
                            chainMessage(p.prevHash, prevLine, prevSeq, prevHash)));
                }
            } else if (p.seq > expected) {
                problems.add(gap(lineNo, p.seq, expected, firstLineOfSeq, n));
            } else {
                Integer first = firstLineOfSeq.get(p.seq);
                if (first != null && first < lineNo) {
                    problems.add(new LedgerProblem(lineNo, seq, Kind.DUPLICATE, "seq "
                            + p.seq + " already appeared at line " + first));
                } else {
                    problems.add(new LedgerProblem(lineNo, seq, Kind.REORDERED, "seq " + p.seq
                            + " comes after seq " + prevSeq + " (line " + prevLine
                            + "): lines were moved"));
                }
                continue; // keep linking to the highest seq seen, see the class comment
            }
            prevSeq = p.seq;
            prevHash = p.hash;
            prevLine = lineNo;
        }
        if (lines.hasTornTail()) {
            long tornBytes = content.length - lines.tornTailOffset();
            problems.add(new LedgerProblem(lines.tornLineNumber(), OptionalLong.empty(),
                    Kind.TORN, "the last " + tornBytes + " bytes (from byte offset "
                    + lines.tornTailOffset() + ") end without a newline: an append that did not"
                    + " finish, or a truncation"));
        }
        return new VerifyReport(n, head(lines), problems);
    }

    /** The last complete line as an entry, if it is one. */
    private static Optional<LedgerEntry> head(LedgerLines lines) {
        int last = lines.count() - 1;
        if (last < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LedgerCodec.parse(lines.content(), lines.start(last),
                    lines.length(last)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Parsed parse(LedgerLines lines, int i) {
        byte[] buf = lines.content();
        int off = lines.start(i);
        int len = lines.length(i);
        if (len == 0) {
            return Parsed.malformed("empty line");
        }
        // Fast path: an intact canonical line is recognised from its bytes alone.
        try {
            LedgerCodec.ChainFields f = LedgerCodec.readChainFields(buf, off, len);
            if (LedgerCodec.contentHashOfCanonicalLine(buf, off, len, f.hash())
                    .filter(f.hash()::equals).isPresent()) {
                return new Parsed(f.seq(), f.prevHash(), f.hash(), null, true, f.hash());
            }
        } catch (IllegalArgumentException ex) {
            // Not even the chain fields: the full parse below says what is wrong.
        }
        // Reference path: full parse and validation, then the hash as defined decides between
        // a reformatted and an edited entry.
        LedgerEntry e;
        try {
            e = LedgerCodec.parse(buf, off, len);
        } catch (IllegalArgumentException ex) {
            return Parsed.malformed("not a ledger entry: " + ex.getMessage());
        }
        byte[] canonical = LedgerCodec.canonicalLine(e);
        boolean same = Arrays.equals(canonical, 0, canonical.length, buf, off, off + len);
        return new Parsed(e.seq(), e.prevHash(), e.hash(), null, same, LedgerCodec.contentHash(e));
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

    private static String chainMessage(String linkedHash, int prevLine, long prevSeq,
            String prevHash) {
        if (prevLine == 0) {
            return "prevHash " + abbrev(linkedHash) + " is not the genesis hash (64 zeros)";
        }
        return "prevHash " + abbrev(linkedHash) + " does not match the hash "
                + abbrev(prevHash) + " of line " + prevLine + " (seq " + prevSeq + "): line "
                + prevLine + " was rewritten with a recomputed hash, or this entry was replaced";
    }

    static String abbrev(String hash) {
        return hash.substring(0, 12) + "...";
    }
}
