package dev.tailgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reading in segments finds the same lines, with the same verdicts, as reading the file in one
 * piece, wherever the segment boundaries fall: inside a line, on a newline, inside a line much
 * longer than a segment and its read-ahead, and in a torn tail.
 */
class LedgerScanTest {

    @Test
    void anySegmentSizeGivesTheSameLinesAndVerdicts() throws IOException {
        Random rnd = new Random(7);
        List<byte[]> pieces = new ArrayList<>();
        String prev = LedgerEntry.GENESIS_HASH;
        for (int i = 0; i < 40; i++) {
            int checks = i == 17 ? 900 : rnd.nextInt(4); // line 18 is > 64 KB: buffer growth
            LedgerEntry e = LedgerCodec.seal(i + 1, prev, TestDrafts.gate(i, "PASS", "ana",
                    checks));
            prev = e.hash();
            pieces.add(LedgerCodec.canonicalLine(e));
            switch (rnd.nextInt(8)) {
                case 0 -> pieces.add(new byte[0]);
                case 1 -> pieces.add("{\"seq\":".getBytes(StandardCharsets.US_ASCII));
                default -> {
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : pieces) {
            out.write(p);
            out.write('\n');
        }
        byte[] complete = out.toByteArray();
        out.write("{\"checks\":[".getBytes(StandardCharsets.US_ASCII));
        byte[] torn = out.toByteArray();

        for (byte[] content : List.of(complete, torn)) {
            LedgerScan.Result whole = scan(content, content.length + 1);
            assertEquals(pieces.size(), whole.lines().length);
            for (int i = 0; i < pieces.size(); i++) {
                byte[] p = pieces.get(i);
                CanonicalLine reader = new CanonicalLine(p, p.length, sha256());
                assertEquals(LineCheck.of(reader, p, 0, p.length), whole.lines()[i], "line " + i);
            }
            assertEquals(content == torn ? complete.length : -1, whole.tornTailOffset());
            for (int segment : new int[] {1, 2, 3, 7, 100, 1000, 4096, 70_000}) {
                LedgerScan.Result got = scan(content, segment);
                assertEquals(Arrays.asList(whole.lines()), Arrays.asList(got.lines()),
                        "segment " + segment);
                assertEquals(whole.tornTailOffset(), got.tornTailOffset(), "segment " + segment);
            }
        }
    }

    @Test
    void emptyAndNewlineOnlyContent() throws IOException {
        assertEquals(0, scan(new byte[0], 4).lines().length);
        assertEquals(-1, scan(new byte[0], 4).tornTailOffset());
        LedgerScan.Result r = scan("\n\n\n".getBytes(StandardCharsets.US_ASCII), 1);
        assertEquals(3, r.lines().length);
        assertEquals("empty line", r.lines()[2].error());
    }

    private static LedgerScan.Result scan(byte[] content, int segmentBytes) throws IOException {
        return LedgerScan.scan((pos, dst, off, len) -> {
            int n = (int) Math.min(len, content.length - pos);
            System.arraycopy(content, (int) pos, dst, off, n);
            return n;
        }, content.length, segmentBytes, "test");
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
