package dev.tailgate.report;

import dev.tailgate.model.Check;
import dev.tailgate.model.HiccupSummary;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@code report.md}: a table for a pull-request comment or a CI job summary. Problems first
 * (ERROR, FAIL, INCONCLUSIVE, WARN, then PASS), each group in check order.
 */
public final class MarkdownReportWriter {
    private MarkdownReportWriter() {
    }

    public static String markdown(Verdict v) {
        return markdown(v, List.of());
    }

    /**
     * As above, followed by the host stalls the hiccup meter saw beside each benchmark: evidence
     * for reading a tail, not part of the decision (nothing here changes the verdict).
     */
    public static String markdown(Verdict v, List<HiccupSummary> hiccups) {
        StringBuilder md = new StringBuilder(gate(v));
        if (!hiccups.isEmpty()) {
            md.append("\n### Host stalls (hiccup meter, informational)\n\n");
            md.append("| Benchmark | Params | Forks | Samples | p99 µs | p99.9 µs | max µs | Note |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
            for (HiccupSummary h : hiccups) {
                md.append("| `").append(escape(h.benchmark())).append("` | ").append(escape(h.paramsText()))
                        .append(" | ").append(h.forks()).append(" | ").append(h.samples())
                        .append(" | ").append(us(h.p99Nanos())).append(" | ").append(us(h.p999Nanos()))
                        .append(" | ").append(us(OptionalLong.of(h.maxNanos())))
                        .append(" | ").append(h.warning().map(w -> "**" + escape(w) + "**").orElse(""))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static String us(OptionalLong nanos) {
        return nanos.isPresent() ? String.format(Locale.ROOT, "%.1f", nanos.getAsLong() / 1e3) : "-";
    }

    private static String gate(Verdict v) {
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
