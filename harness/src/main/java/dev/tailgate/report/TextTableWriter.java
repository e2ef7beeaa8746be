package dev.tailgate.report;

import dev.tailgate.model.Check;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The verdict table {@code tailgate gate} prints on stdout: aligned columns, one check a line. */
public final class TextTableWriter {
    private TextTableWriter() {
    }

    public static String table(Verdict v) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"OUTCOME", "BENCHMARK", "STAT", "OBSERVED", "INTERVAL", "LIMIT", "N", "RULE"});
        for (Check c : v.checks()) {
            rows.add(new String[] {c.outcome().name(), Cells.benchmark(c), c.statistic().yamlName(), Cells.observed(c),
                Cells.interval(c), Cells.limit(c), Cells.samples(c), c.ruleId()});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        for (Check c : v.checks()) {
            if (c.outcome() != Outcome.PASS) {
                out.append(c.outcome()).append(' ').append(Cells.benchmark(c)).append(' ').append(c.statistic().yamlName())
                        .append(": ").append(c.reason()).append('\n');
            }
        }
        for (String r : v.unmatchedRules()) {
            out.append("note: rule ").append(r).append(" matched no benchmark in this run\n");
        }
        out.append("decision: ").append(v.decision()).append(v.passed() ? " (passed)" : " (not passed)")
                .append(" - ").append(v.summary()).append('\n');
        return out.toString();
    }
}
