package dev.tailgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The byte-level fast path of verify must read the true chain fields of every sealed line, and
 * must never accept a line the reference path (full parse, canonical re-serialisation) would
 * judge differently: lines that look canonical but are not go to the reference path.
 */
class CanonicalLineTest {

    private static final String H = "9".repeat(64);

    /** Content crafted to contain, inside strings and as input names, every pattern read. */
    private static LedgerEntryDraft tricky() {
        String patterns = ",\"hash\":\"" + H + "\",\"host\":\"x\",\"inputs\":{\"seq\":\"" + H
                + "\"},\"kind\":\"gate\",\"prevHash\":\"" + H + "\",\"seq\":77,\"suiteGitSha\":\"";
        Map<String, String> inputs = new TreeMap<>();
        for (String name : List.of("hash", "host", "kind", "prevHash", "seq", "suiteGitSha",
                "}", "},\"kind\":\"", "\\", "a\"b", patterns)) {
            inputs.put(name, TestDrafts.hex(name.length(), 'e'));
        }
        return new LedgerEntryDraft(TestDrafts.T0, "gate", "FAIL",
                List.of(new CheckSummary(patterns, "PASS", patterns + "\\"),
                        new CheckSummary("quote \" and backslash \\", "NO CHANGE", "µs ✓ \n")),
                inputs, "unknown\\", "host " + patterns, "user\\", List.of(patterns.replace(" ", "")));
    }

    private static byte[] line(LedgerEntry e) {
        return LedgerCodec.canonicalLine(e);
    }

    private static CanonicalLine.ChainFields fast(byte[] line) throws Exception {
        return new CanonicalLine(line, line.length, MessageDigest.getInstance("SHA-256"))
                .read(0, line.length);
    }

    @Test
    void sealedLinesWithAdversarialContentAreReadWithTheirTrueFields() throws Exception {
        for (long seq : new long[] {1, 9, 10, 123_456_789_012L, 999_999_999_999_999_999L}) {
            LedgerEntry e = LedgerCodec.seal(seq, seq == 1 ? LedgerEntry.GENESIS_HASH : H,
                    tricky());
            CanonicalLine.ChainFields f = fast(line(e));
            assertNotNull(f, "seq " + seq + ": " + new String(line(e), StandardCharsets.US_ASCII));
            assertEquals(new CanonicalLine.ChainFields(e.seq(), e.prevHash(), e.hash()), f);
        }
        LedgerEntry plain = LedgerCodec.seal(5, H, TestDrafts.gate(5, "PASS", "ana", 0));
        assertEquals(new CanonicalLine.ChainFields(5, H, plain.hash()), fast(line(plain)));
    }

    @Test
    void seqsTooLongForTheFastPathGoToTheReferencePath() throws Exception {
        LedgerEntry e = LedgerCodec.seal(1_000_000_000_000_000_000L, H, tricky());
        assertNull(fast(line(e)));
        byte[] b = line(e);
        assertEquals(reference(b), check(b), "the reference path still reads it");
    }

    @Test
    void linesThatLookCanonicalButAreNotAreLeftToTheReferencePath() throws Exception {
        LedgerEntry e = LedgerCodec.seal(3, H, tricky());
        String line = new String(line(e), StandardCharsets.US_ASCII);
        String member = ",\"hash\":\"" + e.hash() + "\"";
        String body = line.replace(member, "");
        List<String> cases = new ArrayList<>();
        // The member moved after any later ,"host":" (an input name): the body still hashes
        // to the recorded hash, but the line is not the sealed one.
        int second = body.indexOf(",\"host\":\"", body.indexOf(",\"host\":\"") + 1);
        cases.add(body.substring(0, second) + member + body.substring(second));
        cases.add(body.substring(0, body.length() - 1) + member + "}");
        // Duplicate members, before and after the real ones.
        cases.add(line.replace("{\"checks\"", "{\"seq\":4,\"checks\""));
        cases.add(line.substring(0, line.length() - 1) + ",\"seq\":4}");
        cases.add(line.substring(0, line.length() - 1) + member + "}");
        cases.add(line.replace(member, member + member));
        cases.add(line.replace(",\"prevHash\":", ",\"prevHash\":\"" + H + "\",\"prevHash\":"));
        // Escaped quotes un-escaped, or escapes changed without changing the content.
        cases.add(line.replaceFirst("\\\\\"", "\""));
        cases.add(line.replace("\\u00B5", "\\u00b5"));
        cases.add(line.replace("\\n", "\\u000A"));
        // Whitespace, a CR, a leading zero, a BOM.
        cases.add(line.replace(",\"seq\":3,", ",\"seq\":03,"));
        cases.add(line.replace(",\"seq\":3,", ",\"seq\": 3,"));
        cases.add(line + "\r");
        cases.add("\u00EF\u00BB\u00BF" + line); // a UTF-8 byte order mark
        for (String c : cases) {
            byte[] b = c.getBytes(StandardCharsets.ISO_8859_1);
            assertNull(fast(b), c);
            assertEquals(reference(b), check(b), c);
        }
    }

    /**
     * Deleting any one byte of a sealed line, or replacing it with a structural byte or a
     * digit, gives the same verdict as the reference path.
     */
    @Test
    void singleByteEditsNeverChangeTheVerdict() throws Exception {
        byte[] original = line(LedgerCodec.seal(42, H, TestDrafts.gate(1, "FAIL", "ana", 1)));
        byte[] replacements = "\"\\,:}0a".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < original.length; i++) {
            byte[] deleted = new byte[original.length - 1];
            System.arraycopy(original, 0, deleted, 0, i);
            System.arraycopy(original, i + 1, deleted, i, original.length - i - 1);
            assertSameVerdict(deleted);
            byte[] edited = original.clone();
            edited[i] = replacements[i % replacements.length];
            if (edited[i] == original[i]) {
                edited[i] = replacements[(i + 1) % replacements.length];
            }
            assertSameVerdict(edited);
        }
    }

    private static void assertSameVerdict(byte[] line) throws Exception {
        assertNull(fast(line), () -> new String(line, StandardCharsets.US_ASCII));
        assertEquals(reference(line), check(line),
                () -> new String(line, StandardCharsets.US_ASCII));
    }

    private static LineCheck check(byte[] b) throws Exception {
        return LineCheck.of(new CanonicalLine(b, b.length, MessageDigest.getInstance("SHA-256")),
                b, 0, b.length);
    }

    /** The verdict without the fast path, as verify gave it before the fast path existed. */
    private static LineCheck reference(byte[] b) {
        LedgerEntry e;
        try {
            e = LedgerCodec.parse(b, 0, b.length);
        } catch (IllegalArgumentException ex) {
            return LineCheck.malformed("not a ledger entry: " + ex.getMessage());
        }
        byte[] canonical = LedgerCodec.canonicalLine(e);
        return new LineCheck(e.seq(), e.prevHash(), e.hash(), null,
                Arrays.equals(canonical, b), LedgerCodec.contentHash(e));
    }
}
