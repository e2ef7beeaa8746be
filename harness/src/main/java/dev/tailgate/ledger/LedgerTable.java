package dev.tailgate.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders entries as a fixed-width text table for a terminal: one row per entry, the checks
 * counted by outcome, the hash shortened (the full one is in {@code show --json}). Pure.
 */
public final class LedgerTable {

    private static final String[] HEADER =
            {"SEQ", "TIME", "KIND", "DECISION", "CHECKS", "HOST", "USER", "FLAGS", "HASH"};

    private LedgerTable() {
    }

    public static String render(List<LedgerEntry> entries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (LedgerEntry e : entries) {
            rows.add(new String[] {
                String.valueOf(e.seq()), e.time().toString(), e.kind(), e.decision(),
                checks(e), e.host(), e.user(),
                e.flags().isEmpty() ? "-" : String.join(",", e.flags()),
                e.hash().substring(0, 12)});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]);
                if (c < row.length - 1) {
                    line.append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** {@code "3: 1 FAIL, 2 PASS"}: how many checks, and how many of each outcome. */
    static String checks(LedgerEntry e) {
        if (e.checks().isEmpty()) {
            return "0";
        }
        Map<String, Long> byOutcome = e.checks().stream().collect(Collectors.groupingBy(
                CheckSummary::outcome, TreeMap::new, Collectors.counting()));
        return e.checks().size() + ": " + byOutcome.entrySet().stream()
                .map(en -> en.getValue() + " " + en.getKey()).collect(Collectors.joining(", "));
    }
}
