package dev.tailgate.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerCodecTest {

    private static final LedgerEntryDraft DRAFT = new LedgerEntryDraft(
            Instant.parse("2026-11-25T22:00:00.125Z"), "compare", "NO CHANGE",
            List.of(new CheckSummary("Get p99.9", "INCONCLUSIVE", "ratio 1.02 [0.97, 1.09] µs")),
            Map.of("manifest.json", "b".repeat(64), "jmh.json", "a".repeat(64)),
            "unknown", "host-1", "ana", List.of("allow-mismatch", "a-flag", "allow-mismatch"));

    /** The canonical form, pinned byte for byte: changing it breaks every existing ledger. */
    private static final String GOLDEN_BODY = "{\"checks\":[{\"detail\":\"ratio 1.02 [0.97, 1.09]"
            + " \\u00B5s\",\"name\":\"Get p99.9\",\"outcome\":\"INCONCLUSIVE\"}],"
            + "\"decision\":\"NO CHANGE\",\"flags\":[\"a-flag\",\"allow-mismatch\"],"
            + "\"host\":\"host-1\",\"inputs\":{\"jmh.json\":\"" + "a".repeat(64)
            + "\",\"manifest.json\":\"" + "b".repeat(64) + "\"},\"kind\":\"compare\","
            + "\"prevHash\":\"" + "0".repeat(64) + "\",\"seq\":1,\"suiteGitSha\":\"unknown\","
            + "\"time\":\"2026-11-25T22:00:00.125Z\",\"user\":\"ana\"}";

    @Test
    void canonicalFormIsSortedCompactAsciiAndHashIsSha256OfItWithoutHash() throws Exception {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            LedgerEntry e = LedgerCodec.seal(1, LedgerEntry.GENESIS_HASH, DRAFT);
            String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(GOLDEN_BODY.getBytes(StandardCharsets.US_ASCII)));
            assertEquals(expectedHash, e.hash());
            String line = new String(LedgerCodec.canonicalLine(e), StandardCharsets.US_ASCII);
            String golden = GOLDEN_BODY.replace(",\"host\"",
                    ",\"hash\":\"" + expectedHash + "\",\"host\"");
            assertEquals(golden, line);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void parseRoundTripsToTheSameBytes() {
        LedgerEntry e = LedgerCodec.seal(7, "f".repeat(64), DRAFT);
        byte[] line = LedgerCodec.canonicalLine(e);
        LedgerEntry back = LedgerCodec.parse(line, 0, line.length);
        assertEquals(e, back);
        assertArrayEquals(line, LedgerCodec.canonicalLine(back));
    }

    @Test
    void everyFieldIsCoveredByTheHash() {
        LedgerEntry e = LedgerCodec.seal(1, LedgerEntry.GENESIS_HASH, DRAFT);
        LedgerEntryDraft other = new LedgerEntryDraft(DRAFT.time(), DRAFT.kind(),
                DRAFT.decision(), DRAFT.checks(), DRAFT.inputs(), DRAFT.suiteGitSha(),
                DRAFT.host(), DRAFT.user(), List.of("allow-mismatch"));
        assertNotEquals(e.hash(), LedgerCodec.seal(1, LedgerEntry.GENESIS_HASH, other).hash());
        assertNotEquals(e.hash(), LedgerCodec.seal(2, LedgerEntry.GENESIS_HASH, DRAFT).hash());
        assertNotEquals(e.hash(), LedgerCodec.seal(1, "1".repeat(64), DRAFT).hash());
    }

    @Test
    void verifyShortcutAgreesWithTheReferenceHashOnAdversarialContent() {
        LedgerEntry e0 = LedgerCodec.seal(1, LedgerEntry.GENESIS_HASH, DRAFT);
        String member = ",\"hash\":\"" + e0.hash() + "\"";
        LedgerEntryDraft tricky = new LedgerEntryDraft(DRAFT.time(), "gate", "FAIL",
                List.of(new CheckSummary(member, "PASS", member + "\"flags\":[")),
                Map.of("hash", "c".repeat(64), "host", "d".repeat(64)), "unknown", "h", "u",
                List.of(member.replace(" ", ""), "\"hash\":\""));
        LedgerEntry e = LedgerCodec.seal(3, e0.hash(), tricky);
        assertEquals(e.hash(), LedgerCodec.contentHash(e));
        byte[] line = LedgerCodec.canonicalLine(e);
        assertEquals(java.util.Optional.of(e.hash()),
                LedgerCodec.contentHashOfCanonicalLine(line, 0, line.length, e.hash()));
    }

    @Test
    void parseRejectsUnknownMissingAndInvalidFieldsWithOneLine() {
        String line = new String(LedgerCodec.canonicalLine(
                LedgerCodec.seal(1, LedgerEntry.GENESIS_HASH, DRAFT)), StandardCharsets.US_ASCII);
        assertMessage("unknown field \"extra\"", line.replace("{\"checks\"", "{\"extra\":1,\"checks\""));
        assertMessage("user", line.replace(",\"user\":\"ana\"", ""));
        assertMessage("expected 64 lower-case hex digits",
                line.replace("\"prevHash\":\"0000", "\"prevHash\":\"ZZZZ"));
        assertMessage("at column", line.substring(0, 40));
    }

    @Test
    void draftRejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new LedgerEntryDraft(DRAFT.time(),
                "Gate", "PASS", List.of(), Map.of(), "x", "h", "u", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LedgerEntryDraft(DRAFT.time(),
                "gate", "pass", List.of(), Map.of(), "x", "h", "u", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LedgerEntryDraft(DRAFT.time(),
                "gate", "PASS", List.of(), Map.of("jmh.json", "abc"), "x", "h", "u", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LedgerEntryDraft(DRAFT.time(),
                "gate", "PASS", List.of(), Map.of(), " ", "h", "u", List.of()));
    }

    private static void assertMessage(String expectedPart, String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LedgerCodec.parse(b, 0, b.length));
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
