package dev.tailgate.ledger;

import dev.tailgate.ledger.LedgerProblem.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks a ledger's lines: every line is a canonical entry whose content hashes to its
 * recorded hash, seqs run 1, 2, 3 ... and each prevHash is the previous line's hash. Pure: the
 * per-line checks arrive from {@link LedgerScan}, which reads the file under the shared lock
 * {@link Ledger#verify()} takes.
 *
 * <p>Each line gets the one finding that explains it best, so that a single deletion or swap
 * reads as one or two problems rather than a cascade: after an anomaly the chain is checked
 * against the highest seq seen so far, which is where an intact successor links to.
 */
public final class LedgerVerifier {

    private LedgerVerifier() {
    }

    /**
     * Chains the lines of a scan ({@link LedgerScan}): the sequential, order-dependent half.
     *
     * @param size the ledger's size in bytes, for the torn-tail message
     */
    static VerifyReport verify(LedgerScan.Result scan, long size) {
        LineCheck[] parsed = scan.lines();
        int n = parsed.length;
        // Where each seq first appears; only needed to explain an anomaly, so built on demand.
        Map<Long, Integer> firstLineOfSeq = null;

        List<LedgerProblem> problems = new ArrayList<>();
        // The entry a correct next line links to; unknown (prevKnown false) after a malformed line.
        long prevSeq = 0;
        String prevHash = LedgerEntry.GENESIS_HASH;
        int prevLine = 0;
        boolean prevKnown = true;
        for (int i = 0; i < n; i++) {
            int lineNo = i + 1;
            LineCheck p = parsed[i];
            if (!p.ok()) {
                problems.add(new LedgerProblem(lineNo, OptionalLong.empty(), Kind.MALFORMED,
                        p.error()));
                prevKnown = false;
                continue;
            }
            OptionalLong seq = OptionalLong.of(p.seq());
            long expected = prevSeq + 1;
            if (!p.contentHash().equals(p.hash())) {
                problems.add(new LedgerProblem(lineNo, seq, Kind.EDITED, "content hashes to "
                        + abbrev(p.contentHash()) + " but the recorded hash is " + abbrev(p.hash())
                        + ": the entry was changed after it was written"));
                // Its seq may be the edited field: trust only its position and recorded hash.
                prevSeq = expected;
                prevHash = p.hash();
                prevLine = lineNo;
                prevKnown = true;
                continue;
            }
            if (!p.canonical()) {
                problems.add(new LedgerProblem(lineNo, seq, Kind.NOT_CANONICAL, "the content"
                        + " is intact but the bytes are not its canonical JSON (whitespace,"
                        + " member order, escaping or line ending were changed)"));
            }
            if (!prevKnown) {
                // The previous line is unreadable: no link to check, resynchronise here.
                prevSeq = p.seq();
                prevHash = p.hash();
                prevLine = lineNo;
                prevKnown = true;
                continue;
            }
            if (p.seq() == expected) {
                if (!p.prevHash().equals(prevHash)) {
                    problems.add(new LedgerProblem(lineNo, seq, Kind.CHAIN_BROKEN,
                            chainMessage(p.prevHash(), prevLine, prevSeq, prevHash)));
                }
            } else if (p.seq() > expected) {
                firstLineOfSeq = firstLineOfSeq == null ? firstLines(parsed) : firstLineOfSeq;
                problems.add(gap(lineNo, p.seq(), expected, firstLineOfSeq, n));
            } else {
                firstLineOfSeq = firstLineOfSeq == null ? firstLines(parsed) : firstLineOfSeq;
                Integer first = firstLineOfSeq.get(p.seq());
                if (first != null && first < lineNo) {
                    problems.add(new LedgerProblem(lineNo, seq, Kind.DUPLICATE, "seq "
                            + p.seq() + " already appeared at line " + first));
                } else {
                    problems.add(new LedgerProblem(lineNo, seq, Kind.REORDERED, "seq " + p.seq()
                            + " comes after seq " + prevSeq + " (line " + prevLine
                            + "): lines were moved"));
                }
                continue; // keep linking to the highest seq seen, see the class comment
            }
            prevSeq = p.seq();
            prevHash = p.hash();
            prevLine = lineNo;
        }
        if (scan.tornTailOffset() >= 0) {
            long tornBytes = size - scan.tornTailOffset();
            problems.add(new LedgerProblem(n + 1, OptionalLong.empty(), Kind.TORN, "the last "
                    + tornBytes + " bytes (from byte offset " + scan.tornTailOffset()
                    + ") end without a newline: an append that did not finish, or a"
                    + " truncation"));
        }
        Optional<VerifyReport.Head> head = n == 0 || !parsed[n - 1].ok() ? Optional.empty()
                : Optional.of(new VerifyReport.Head(parsed[n - 1].seq(), parsed[n - 1].hash()));
        return new VerifyReport(n, head, problems);
    }

    private static Map<Long, Integer> firstLines(LineCheck[] parsed) {
        Map<Long, Integer> first = new HashMap<>(parsed.length * 2);
        for (int i = 0; i < parsed.length; i++) {
            if (parsed[i].ok()) {
                first.putIfAbsent(parsed[i].seq(), i + 1);
            }
        }
        return first;
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
