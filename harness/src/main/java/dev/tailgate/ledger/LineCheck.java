package dev.tailgate.ledger;

import java.util.Arrays;

/**
 * What one line says about itself: the per-line, order-independent half of {@code ledger
 * verify}, done in parallel. {@code error} is set when the line is not an entry, and then the
 * other fields are not.
 *
 * @param canonical   the bytes are the entry's canonical JSON
 * @param contentHash the hash the content has (equal to {@code hash} unless it was edited)
 */
record LineCheck(long seq, String prevHash, String hash, String error, boolean canonical,
        String contentHash) {

    static LineCheck malformed(String error) {
        return new LineCheck(0, null, null, error, false, null);
    }

    boolean ok() {
        return error == null;
    }

    /**
     * Checks {@code buf[off, off + len)}, a line without its terminator; {@code reader} reads
     * the lines of {@code buf}, in order.
     */
    static LineCheck of(CanonicalLine reader, byte[] buf, int off, int len) {
        if (len == 0) {
            return malformed("empty line");
        }
        // Fast path: an intact canonical line is recognised from its bytes alone.
        CanonicalLine.ChainFields f = reader.read(off, len);
        if (f != null) {
            return new LineCheck(f.seq(), f.prevHash(), f.hash(), null, true, f.hash());
        }
        // Reference path: full parse and validation, then the hash as defined decides between
        // a reformatted and an edited entry.
        LedgerEntry e;
        try {
            e = LedgerCodec.parse(buf, off, len);
        } catch (IllegalArgumentException ex) {
            return malformed("not a ledger entry: " + ex.getMessage());
        }
        byte[] canonical = LedgerCodec.canonicalLine(e);
        boolean same = Arrays.equals(canonical, 0, canonical.length, buf, off, off + len);
        return new LineCheck(e.seq(), e.prevHash(), e.hash(), null, same,
                LedgerCodec.contentHash(e));
    }
}
