package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.ledger.CheckSummary;
import dev.tailgate.ledger.Ledger;
import dev.tailgate.ledger.LedgerEntryDraft;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerCommandTest {

    @TempDir
    Path dir;
    private String ledger;

    /** Five decisions on five days: gate PASS, gate FAIL, compare REGRESSION, gate PASS, gate WARN. */
    @BeforeEach
    void writeLedger() throws IOException {
        Path file = dir.resolve("sub/ledger.jsonl");
        ledger = file.toString();
        String[][] decisions = {{"gate", "PASS"}, {"gate", "FAIL"}, {"compare", "REGRESSION"},
            {"gate", "PASS"}, {"gate", "WARN"}};
        Ledger l = Ledger.open(file);
        for (int i = 0; i < decisions.length; i++) {
            l.append(new LedgerEntryDraft(Instant.parse("2026-11-2" + i + "T10:00:00Z"),
                    decisions[i][0], decisions[i][1],
                    List.of(new CheckSummary("a p99", decisions[i][1], ""),
                            new CheckSummary("b p50", "PASS", "")),
                    Map.of("jmh.json", "e".repeat(64)), "unknown", "ci-host", "nightly",
                    i == 2 ? List.of("allow-mismatch") : List.of()));
        }
    }

    @Test
    void verifyIntactLedgerExitsZeroAndPrintsTheHead() {
        CliRun r = CliRun.of("ledger", "verify", "--ledger", ledger);
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertTrue(r.out().contains("intact, 5 entries, head seq 5 hash "), r.toString());
        assertEquals("", r.err());
    }

    @Test
    void verifyBrokenLedgerListsProblemsAndExitsBadInput() throws IOException {
        Path file = Path.of(ledger);
        List<String> lines = Files.readAllLines(file);
        lines.set(1, lines.get(1).replace("\"FAIL\"", "\"PASS\""));
        Files.write(file, lines);
        CliRun r = CliRun.of("ledger", "verify", "--ledger", ledger);
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.out().contains("BROKEN, 1 problem(s) in 5 complete lines"), r.toString());
        assertTrue(r.out().contains("line 2 (seq 2): EDITED"), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().startsWith("error: " + ledger + ": chain broken at line 2"), r.err());
    }

    @Test
    void verifyMissingLedgerIsBadInput() {
        CliRun r = CliRun.of("ledger", "verify", "--ledger", dir.resolve("none.jsonl").toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("no ledger here"), r.err());
    }

    @Test
    void showPrintsATableWithCheckCountsAndFlags() {
        CliRun r = CliRun.of("ledger", "show", "--ledger", ledger);
        assertEquals(ExitCode.OK, r.code(), r.toString());
        List<String> rows = r.out().lines().toList();
        assertEquals(6, rows.size(), r.toString());
        assertTrue(rows.get(0).startsWith("SEQ  TIME"), rows.get(0));
        assertTrue(rows.get(3).matches("3 +2026-11-22T10:00:00Z +compare +REGRESSION +2: 1 PASS,"
                + " 1 REGRESSION +ci-host +nightly +allow-mismatch +[0-9a-f]{12}"), rows.get(3));
    }

    @Test
    void showFiltersCombine() {
        assertSeqs(List.of(4, 5), "--last", "2");
        assertSeqs(List.of(2), "--decision", "fail");
        assertSeqs(List.of(3), "--kind", "compare");
        assertSeqs(List.of(3, 4, 5), "--since", "2026-11-22");
        assertSeqs(List.of(4, 5), "--since", "2026-11-22T10:00:01Z");
        assertSeqs(List.of(4), "--kind", "gate", "--decision", "PASS", "--last", "1");
    }

    @Test
    void showJsonPrintsTheCanonicalLines() throws IOException {
        CliRun r = CliRun.of("ledger", "show", "--ledger", ledger, "--json", "--last", "2");
        assertEquals(ExitCode.OK, r.code(), r.toString());
        List<String> lines = Files.readAllLines(Path.of(ledger), StandardCharsets.US_ASCII);
        assertEquals(String.join("\n", lines.subList(3, 5)) + "\n", r.out());
    }

    @Test
    void showSkipsATornLastLineWithAWarning() throws IOException {
        Files.writeString(Path.of(ledger), "{\"seq\":6,", java.nio.file.StandardOpenOption.APPEND);
        CliRun r = CliRun.of("ledger", "show", "--ledger", ledger, "--json");
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertEquals(5, r.out().lines().count());
        assertTrue(r.err().contains("line 6 is torn"), r.err());
    }

    @Test
    void badSinceIsAUsageError() {
        CliRun r = CliRun.of("ledger", "show", "--ledger", ledger, "--since", "yesterday");
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--since \"yesterday\""), r.err());
    }

    @Test
    void ledgerWithoutSubcommandIsAUsageError() {
        CliRun r = CliRun.of("ledger");
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        assertFalse(r.err().isEmpty());
    }

    private void assertSeqs(List<Integer> expected, String... filter) {
        String[] args = new String[filter.length + 4];
        args[0] = "ledger";
        args[1] = "show";
        args[2] = "--ledger";
        args[3] = ledger;
        System.arraycopy(filter, 0, args, 4, filter.length);
        CliRun r = CliRun.of(args);
        assertEquals(ExitCode.OK, r.code(), r.toString());
        List<Integer> seqs = r.out().lines().skip(1)
                .map(l -> Integer.parseInt(l.substring(0, l.indexOf(' ')))).toList();
        assertEquals(expected, seqs, String.join(" ", filter) + "\n" + r);
    }
}
