package dev.tailgate.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The fast path of {@code ledger verify}: recognises lines that are byte for byte what
 * {@link LedgerCodec#canonicalLine} wrote for a sealed entry, and reads their chain fields, from
 * the bytes alone: no JSON parser, no copy per line, one SHA-256 pass in two pieces around the
 * hash member. Anything it does not recognise goes to the reference path (full parse,
 * canonical re-serialisation), which decides what is wrong; this class only ever says
 * "intact" or "not sure". One instance reads the lines of one buffer, in order.
 *
 * <p>Why finding members by their bytes is safe. In canonical JSON (docs/ledger.md) every
 * {@code "} inside a string is written {@code \"}, so byte patterns that hold a raw {@code "}
 * can only occur in the structure, never inside a string. Top-level members are sorted:
 * {@code checks, decision, flags, hash, host, inputs, kind, prevHash, seq, suiteGitSha, time,
 * user}; the objects in {@code checks} have the fixed names {@code detail, name, outcome}; only
 * {@code inputs} has free names (which may be {@code "host"} or {@code "prevHash"}), and its
 * values are hex strings. Hence in a canonical line:
 * <ul>
 *   <li>the first {@code ,"host":"} is the top-level {@code host} member (nothing before it
 *       can hold one), and the {@code hash} member sits right before it;</li>
 *   <li>the first {@code },"kind":"} after it closes {@code inputs} (the only raw {@code }}
 *       in that map), and the first {@code ,"prevHash":"} after that is the top-level one,
 *       followed by {@code seq} and {@code suiteGitSha}.</li>
 * </ul>
 * A line is accepted only when the SHA-256 of the line minus that hash member equals the hash
 * the member records. Then the bytes minus the member are exactly a body that was sealed
 * (collision resistance); the first {@code ,"host":"} of that body is where the cut was (no
 * occurrence can straddle the cut: the pattern has no border, i.e. no proper prefix that is
 * also a suffix), which is where {@code seal} put the member. So the line is the sealed
 * canonical line, and the fields read by the rules above are its true fields. A line forged
 * with a recomputed hash passes here as it would pass any keyless check; the link to the next
 * entry catches it (CHAIN_BROKEN), see "What a hash chain cannot see" in docs/ledger.md.
 *
 * <p>Why {@link String#indexOf}: the buffer is searched through a Latin-1 {@link String} view
 * of it. Those searches are JIT intrinsics (vectorised), and they are already compiled while
 * the JVM starts, whereas a hand-written byte loop runs interpreted until its own turn in the
 * compiler queue: in a fresh JVM that difference is most of the scan time.
 */
final class CanonicalLine {

    /** The three fields the chain is made of. */
    record ChainFields(long seq, String prevHash, String hash) {
    }

    private static final String START = "{\"checks\":[";
    private static final String HASH = ",\"hash\":\"";
    private static final String HOST = ",\"host\":\"";
    private static final String KIND = "},\"kind\":\"";
    private static final String PREV_HASH = ",\"prevHash\":\"";
    private static final String SEQ = "\",\"seq\":";
    private static final String SUITE_GIT_SHA = ",\"suiteGitSha\":\"";
    private static final int HEX = 64;
    /** {@code ,"hash":"<64 hex>"}: the bytes that are not hashed. */
    private static final int HASH_MEMBER_BYTES = HASH.length() + HEX + 1;
    /** More digits than this could overflow a long: such lines take the reference path. */
    private static final int MAX_SEQ_DIGITS = 18;
    private static final int UNKNOWN = -2;

    private final byte[] buf;
    /** {@code buf[0, length)} as Latin-1: {@code text.charAt(i) == (buf[i] & 0xff)}. */
    private final String text;
    private final MessageDigest sha256;
    /**
     * The first occurrence of each pattern at or after the previous search's start, -1 for
     * none, or {@link #UNKNOWN}. Lines are read in order, so searches only move forward and a
     * line without the pattern costs one search per buffer, not one per line.
     */
    private int nextHost = UNKNOWN;
    private int nextKind = UNKNOWN;
    private int nextPrevHash = UNKNOWN;

    /** Reads lines in {@code buf[0, length)}; {@code sha256} is the calling thread's own. */
    CanonicalLine(byte[] buf, int length, MessageDigest sha256) {
        this.buf = buf;
        this.text = new String(buf, 0, length, StandardCharsets.ISO_8859_1);
        this.sha256 = sha256;
    }

    /** The first {@code '\n'} at or after {@code from}, or -1. */
    int newline(int from) {
        return text.indexOf('\n', from);
    }

    /**
     * The chain fields of the line {@code buf[off, off + len)} (without its newline) if it is
     * an intact canonical line, else null. Lines must be asked for in file order.
     */
    ChainFields read(int off, int len) {
        int end = off + len;
        int hostAt = nextHost = next(nextHost, HOST, off);
        int hashAt = hostAt - HASH_MEMBER_BYTES;
        // No hex checks of the two hashes: the digest comparison below only matches lower-case
        // hex, and a matching line is a sealed one, whose prevHash was checked when sealed.
        if (hostAt < 0 || hostAt + HOST.length() > end || hashAt < off + START.length()
                || !text.startsWith(START, off) || !text.startsWith(HASH, hashAt)
                || buf[hostAt - 1] != '"' || buf[end - 1] != '}') {
            return null;
        }
        int kindAt = nextKind = next(nextKind, KIND, hostAt);
        if (kindAt < 0 || kindAt >= end) {
            return null;
        }
        int prevAt = nextPrevHash = next(nextPrevHash, PREV_HASH, kindAt);
        int hexAt = prevAt + PREV_HASH.length();
        int digits = hexAt + HEX + SEQ.length();
        if (prevAt < 0 || digits >= end || !text.startsWith(SEQ, hexAt + HEX)) {
            return null;
        }
        int i = digits;
        long seq = 0;
        while (i < end && i - digits < MAX_SEQ_DIGITS && buf[i] >= '0' && buf[i] <= '9') {
            seq = seq * 10 + (buf[i++] - '0');
        }
        if (i == digits || buf[digits] == '0' || !text.startsWith(SUITE_GIT_SHA, i)
                || !digestMatches(off, end, hashAt)) {
            return null;
        }
        return new ChainFields(seq, text.substring(hexAt, hexAt + HEX),
                text.substring(hashAt + HASH.length(), hostAt - 1));
    }

    /**
     * SHA-256 of the line minus the hash member {@link #read} cuts out, or null when there is
     * no member where a canonical line has it.
     */
    byte[] contentHash(int off, int len) {
        int hashAt = hashMemberAt(off, off + len);
        return hashAt < 0 ? null : digest(off, off + len, hashAt);
    }

    /** The hash recorded in that member, or null. */
    String recordedHash(int off, int len) {
        int hashAt = hashMemberAt(off, off + len);
        return hashAt < 0 ? null
                : text.substring(hashAt + HASH.length(), hashAt + HASH_MEMBER_BYTES - 1);
    }

    /** Offset of {@code ,"hash":"<64 hex>"} right before the first {@code ,"host":"}, or -1. */
    private int hashMemberAt(int off, int end) {
        int hostAt = nextHost = next(nextHost, HOST, off);
        int hashAt = hostAt - HASH_MEMBER_BYTES;
        if (hostAt < 0 || hostAt + HOST.length() > end || hashAt < off
                || !text.startsWith(HASH, hashAt) || !isHex(hashAt + HASH.length())) {
            return -1;
        }
        return hashAt;
    }

    private int next(int cached, String pattern, int from) {
        if (cached == -1 || cached >= from) {
            return cached;
        }
        return text.indexOf(pattern, from);
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(
            StandardCharsets.US_ASCII);

    private boolean digestMatches(int off, int end, int hashAt) {
        byte[] digest = digest(off, end, hashAt);
        int hex = hashAt + HASH.length();
        for (int k = 0; k < digest.length; k++) {
            if (buf[hex + 2 * k] != HEX_DIGITS[(digest[k] >> 4) & 0xf]
                    || buf[hex + 2 * k + 1] != HEX_DIGITS[digest[k] & 0xf]) {
                return false;
            }
        }
        return true;
    }

    private byte[] digest(int off, int end, int hashAt) {
        int hostAt = hashAt + HASH_MEMBER_BYTES;
        sha256.reset();
        sha256.update(buf, off, hashAt - off);
        sha256.update(buf, hostAt, end - hostAt);
        return sha256.digest();
    }

    /** 64 lower-case hex digits at {@code at}, then a quote (callers checked the bounds). */
    private boolean isHex(int at) {
        for (int k = 0; k < HEX; k++) {
            if (hexValue(buf[at + k]) < 0) {
                return false;
            }
        }
        return buf[at + HEX] == '"';
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        return b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
    }
}
