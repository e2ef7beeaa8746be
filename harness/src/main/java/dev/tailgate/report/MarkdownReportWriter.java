package dev.tailgate.report;

import dev.tailgate.model.Check;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Verdict;

/**
 * {@code report.md}: a table for a pull-request comment or a CI job summary. Problems first
 * (ERROR, FAIL, INCONCLUSIVE, WARN, then PASS), each group in check order.
 */
public final class MarkdownReportWriter {
    private MarkdownReportWriter() {
    }

    public static String markdown(Verdict v) {
        StringBuilder md = new StringBuilder();
        md.append("## tailgate gate: ").append(v.decision()).append(v.passed() ? " (passed)" : " (not passed)").append("\n\n");
        md.append(escape(v.summary())).append("\n\n");
        md.append("Thresholds: ").append(String.join(" → ", v.thresholds().stream().map(t -> "`" + t + "`").toList()))
                .append(" · date ").append(v.today())
                .append(" · ").append(Cells.percent(v.confidence())).append(" confidence intervals")
                .append(" · INCONCLUSIVE ").append(v.inconclusiveFails() ? "fails" : "does not fail").append(" the gate\n\n");
        if (!v.checks().isEmpty()) {
            md.append("| Outcome | Benchmark | Statistic | Observed | Interval | Limit | Samples | Reason |\n");
            md.append("|---|---|---|---:|---|---|---:|---|\n");
            Outcome[] order = Outcome.values();
            for (int k = order.length - 1; k >= 0; k--) {
                for (Check c : v.checks()) {
                    if (c.outcome() == order[k]) {
                        md.append("| **").append(c.outcome()).append("** | `").append(escape(Cells.benchmark(c)))
                                .append("` | ").append(c.statistic().yamlName())
                                .append(" | ").append(Cells.observed(c))
                                .append(" | ").append(Cells.interval(c))
                                .append(" | ").append(escape(Cells.limit(c)))
                                .append(" | ").append(Cells.samples(c))
                                .append(" | ").append(escape("rule " + c.ruleId() + ": " + c.reason()))
                                .append(" |\n");
                    }
                }
            }
            md.append('\n');
        }
        if (!v.unmatchedRules().isEmpty()) {
            md.append("Rules that matched no benchmark in this run: ")
                    .append(String.join(", ", v.unmatchedRules().stream().map(r -> "`" + r + "`").toList()))
                    .append("\n");
        }
        return md.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
