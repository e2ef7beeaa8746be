package dev.tailgate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.ledger.LedgerProblem.Kind;
import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of tampering is found, located, and named, and nothing else is reported. */
class LedgerTamperTest {

    private static final int ENTRIES = 10;

    @TempDir
    Path dir;
    private Path file;
    private Ledger ledger;

    @BeforeEach
    void writeIntactLedger() throws IOException {
        file = dir.resolve("ledger.jsonl");
        ledger = Ledger.open(file);
        for (int i = 0; i < ENTRIES; i++) {
            ledger.append(TestDrafts.gate(i, i == 4 ? "FAIL" : "PASS", "ana"));
        }
        VerifyReport report = ledger.verify();
        assertTrue(report.intact(), report.problems().toString());
        assertEquals(ENTRIES, report.head().orElseThrow().seq());
    }

    @Test
    void editedFieldIsFoundOnItsLine() throws IOException {
        List<String> lines = lines();
        lines.set(4, lines.get(4).replace("\"decision\":\"FAIL\"", "\"decision\":\"PASS\""));
        write(lines);
        assertOnly(5, 5, Kind.EDITED, "the entry was changed after it was written");
    }

    @Test
    void deletedMiddleLineIsNamedBySeq() throws IOException {
        List<String> lines = lines();
        lines.remove(4);
        write(lines);
        assertOnly(5, 6, Kind.DELETED, "seq 5 missing before this line");
    }

    @Test
    void deletedFirstLineIsFound() throws IOException {
        List<String> lines = lines();
        lines.remove(0);
        write(lines);
        assertOnly(1, 2, Kind.DELETED, "seq 1 missing");
    }

    @Test
    void swappedLinesAreReportedAsReorderedNotDeleted() throws IOException {
        List<String> lines = lines();
        Collections.swap(lines, 4, 5);
        write(lines);
        List<LedgerProblem> problems = ledger.verify().problems();
        assertEquals(2, problems.size(), problems.toString());
        assertProblem(problems.get(0), 5, 6, Kind.REORDERED, "expected seq 5 here");
        assertProblem(problems.get(1), 6, 5, Kind.REORDERED, "comes after seq 6 (line 5)");
    }

    @Test
    void lastLineTruncatedMidJsonIsTorn() throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length - 40));
        List<LedgerProblem> problems = ledger.verify().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(Kind.TORN, problems.get(0).kind());
        assertEquals(ENTRIES, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("without a newline"));
    }

    @Test
    void editWithRecomputedHashBreaksTheLinkToTheNextEntry() throws IOException {
        List<String> lines = lines();
        LedgerEntry original = parse(lines.get(4));
        LedgerEntryDraft forged = new LedgerEntryDraft(original.time(), original.kind(), "PASS",
                original.checks(), original.inputs(), original.suiteGitSha(), original.host(),
                original.user(), original.flags());
        LedgerEntry resealed = LedgerCodec.seal(original.seq(), original.prevHash(), forged);
        lines.set(4, new String(LedgerCodec.canonicalLine(resealed), StandardCharsets.US_ASCII));
        write(lines);
        assertOnly(6, 6, Kind.CHAIN_BROKEN,
                "of line 5 (seq 5): line 5 was rewritten with a recomputed hash");
    }

    @Test
    void reformattedButUnchangedEntryIsNotCanonical() throws IOException {
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace(",\"kind\":", ", \"kind\": "));
        write(lines);
        assertOnly(3, 3, Kind.NOT_CANONICAL, "content is intact");
    }

    @Test
    void hashMemberMovedToTheEndIsNotCanonicalButNotEdited() throws IOException {
        List<String> lines = lines();
        String line = lines.get(6);
        String member = line.substring(line.indexOf(",\"hash\":"), line.indexOf(",\"host\":"));
        String without = line.replace(member, "");
        lines.set(6, without.substring(0, without.length() - 1) + member + "}");
        write(lines);
        assertOnly(7, 7, Kind.NOT_CANONICAL, "content is intact");
    }

    @Test
    void duplicatedLineIsFound() throws IOException {
        List<String> lines = lines();
        lines.add(3, lines.get(2));
        write(lines);
        assertOnly(4, 3, Kind.DUPLICATE, "seq 3 already appeared at line 3");
    }

    @Test
    void garbageLineIsMalformedAndDoesNotCascade() throws IOException {
        List<String> lines = lines();
        lines.set(6, "{\"seq\":7,");
        write(lines);
        List<LedgerProblem> problems = ledger.verify().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(Kind.MALFORMED, problems.get(0).kind());
        assertEquals(7, problems.get(0).line());
    }

    @Test
    void appendRefusesToChainOntoATornLine() throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length - 1));
        BadInputException e = assertThrows(BadInputException.class,
                () -> ledger.append(TestDrafts.gate(99, "PASS", "ana")));
        assertTrue(e.getMessage().contains("line " + ENTRIES + " is torn"), e.getMessage());
        assertEquals(b.length - 1, Files.size(file), "the refused append wrote nothing");
    }

    @Test
    void appendRefusesToChainOntoAnEditedLastEntry() throws IOException {
        List<String> lines = lines();
        lines.set(ENTRIES - 1, lines.get(ENTRIES - 1).replace("\"user\":\"ana\"", "\"user\":\"bob\""));
        write(lines);
        BadInputException e = assertThrows(BadInputException.class,
                () -> ledger.append(TestDrafts.gate(99, "PASS", "ana")));
        assertTrue(e.getMessage().contains("line " + ENTRIES + " (seq " + ENTRIES), e.getMessage());
    }

    @Test
    void appendAfterALongLastLineStillFindsItsStart() throws IOException {
        Path big = dir.resolve("big.jsonl");
        Ledger l = Ledger.open(big);
        l.append(TestDrafts.gate(0, "PASS", "ana", 2_000));
        l.append(TestDrafts.gate(1, "PASS", "ana", 2_000));
        assertTrue(Files.size(big) > 2 * 64 * 1024, "entries must exceed the tail window");
        assertEquals(3, l.append(TestDrafts.gate(2, "PASS", "ana")).seq());
        assertTrue(l.verify().intact());
    }

    /**
     * An append never chains onto a last line that is not intact: an edited last entry is
     * refused with its line named and the file left as it was; the same entry re-written in
     * another (valid, non-canonical) JSON layout still hashes to its recorded hash, so the
     * append goes on and the chain stays whole.
     */
    @Test
    void appendRefusesAnEditedLastLineAndAcceptsARelaidOneAsBefore() throws IOException {
        List<String> lines = lines();
        String last = lines.get(ENTRIES - 1);
        lines.set(ENTRIES - 1, last.replace("\"user\":\"ana\"", "\"user\":\"eve\""));
        write(lines);
        byte[] before = Files.readAllBytes(file);
        BadInputException e = assertThrows(BadInputException.class, () -> ledger.append(TestDrafts.gate(99, "PASS", "ana")));
        assertTrue(e.getMessage().contains("line " + ENTRIES) && e.getMessage().contains("refusing to append"),
                e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "a refused append wrote nothing");

        lines.set(ENTRIES - 1, last.replace(",\"", ", \"")); // valid JSON, not the canonical bytes
        write(lines);
        LedgerEntry appended = ledger.append(TestDrafts.gate(99, "PASS", "ana"));
        assertEquals(ENTRIES + 1, appended.seq());
        assertEquals(parse(last).hash(), appended.prevHash());
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.US_ASCII));
    }

    private void write(List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.US_ASCII);
    }

    private static LedgerEntry parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return LedgerCodec.parse(b, 0, b.length);
    }

    private void assertOnly(int line, long seq, Kind kind, String messagePart) throws IOException {
        List<LedgerProblem> problems = ledger.verify().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertProblem(problems.get(0), line, seq, kind, messagePart);
    }

    private static void assertProblem(LedgerProblem p, int line, long seq, Kind kind,
            String messagePart) {
        assertEquals(kind, p.kind(), p.describe());
        assertEquals(line, p.line(), p.describe());
        assertEquals(OptionalLong.of(seq), p.seq(), p.describe());
        assertTrue(p.message().contains(messagePart), p.describe());
    }
}
