package dev.tailgate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.compare.CheckResult;
import dev.tailgate.compare.Classification;
import dev.tailgate.compare.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Console table, {@code comparison.json}, {@code junit.xml} and {@code report.md} of a
 * comparison. They render a finished {@link Comparison} and compute nothing; numbers are
 * formatted with {@link Locale#ROOT} whatever the default locale.
 */
public final class ComparisonWriters {
    public static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComparisonWriters() {
    }

    public static String label(Classification c) {
        return c.name().replace('_', ' ');
    }

    static String value(CheckResult c, double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (c.statistic() == dev.tailgate.compare.ComparedStatistic.THROUGHPUT) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.3f ms", v / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f us", v / 1e3);
    }

    static String ratio(CheckResult c) {
        if (Double.isNaN(c.ratio())) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", c.ratio(), c.ciLow(), c.ciHigh());
    }

    static String support(CheckResult c) {
        return c.baseline().forks() + "f/" + c.baseline().samples() + " vs " + c.candidate().forks() + "f/"
                + c.candidate().samples();
    }

    /** Fixed-width console table plus header lines. */
    public static String table(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append(header(c, "")).append(System.lineSeparator());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "benchmark", "stat", "baseline", "candidate", "ratio [95% CI]", "margin",
            "forks/samples (base vs cand)", "source"});
        for (CheckResult r : c.checks()) {
            rows.add(new String[] {label(r.classification()) + (r.gating() ? "" : " (info)"), r.benchmark(),
                r.statistic().label(), value(r, r.baselineValue()), value(r, r.candidateValue()), ratio(r),
                String.format(Locale.ROOT, "%.0f%%", r.margin() * 100), support(r), r.source().label()});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                sb.append(String.format(Locale.ROOT, "%-" + w[i] + "s", row[i])).append(i + 1 < row.length ? "  " : "");
            }
            sb.append(System.lineSeparator());
        }
        for (CheckResult r : c.checks()) {
            if (r.classification() != Classification.NO_CHANGE) {
                sb.append(label(r.classification())).append(' ').append(r.benchmark()).append(' ')
                        .append(r.statistic().label()).append(": ").append(r.reason()).append(System.lineSeparator());
            }
        }
        for (String n : c.notes()) {
            sb.append("note: ").append(n).append(System.lineSeparator());
        }
        sb.append("decision: ").append(label(c.decision())).append(c.failed() ? " (gate failed)" : "")
                .append(System.lineSeparator());
        return sb.toString();
    }

    private static String header(Comparison c, String bullet) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append(bullet).append("baseline:  ").append(c.baselineRun())
                .append(c.baselineTakenAt().map(t -> " (taken " + t + ")").orElse("")).append(nl);
        sb.append(bullet).append("candidate: ").append(c.candidateRun())
                .append(c.candidateTakenAt().map(t -> " (taken " + t + ")").orElse("")).append(nl);
        if (c.baselineTakenAt().isPresent() && c.candidateTakenAt().isPresent()
                && !c.baselineTakenAt().get().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                        .equals(c.candidateTakenAt().get().atZone(java.time.ZoneOffset.UTC).toLocalDate())) {
            sb.append(bullet).append("warning: baseline and candidate were taken on different days; a baseline from "
                    + "another day carries that day's drift (use tailgate ab to interleave)").append(nl);
        }
        if (!c.declaredVariables().isEmpty()) {
            sb.append(bullet).append("declared A/B variables: ").append(String.join(", ", c.declaredVariables())).append(nl);
        }
        for (String m : c.allowedMismatches()) {
            sb.append(bullet).append("allowed mismatch (--allow-mismatch): ").append(m).append(nl);
        }
        for (String d : c.allowedDrift()) {
            sb.append(bullet).append("allowed drift (--allow-drift): ").append(d).append(nl);
        }
        sb.append(bullet).append("seed: ").append(c.seed()).append(nl);
        return sb.toString();
    }

    public static String json(Comparison c) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("schema", SCHEMA);
        root.put("decision", label(c.decision()));
        root.put("failed", c.failed());
        root.put("baseline", c.baselineRun());
        c.baselineTakenAt().ifPresent(t -> root.put("baselineTakenAt", t.toString()));
        root.put("candidate", c.candidateRun());
        c.candidateTakenAt().ifPresent(t -> root.put("candidateTakenAt", t.toString()));
        root.put("seed", c.seed());
        ArrayNode declared = root.putArray("declaredVariables");
        c.declaredVariables().forEach(declared::add);
        ArrayNode flags = root.putArray("flags");
        c.flags().forEach(flags::add);
        ArrayNode mism = root.putArray("allowedMismatches");
        c.allowedMismatches().forEach(mism::add);
        ArrayNode drift = root.putArray("allowedDrift");
        c.allowedDrift().forEach(drift::add);
        ArrayNode checks = root.putArray("checks");
        for (CheckResult r : c.checks()) {
            ObjectNode o = checks.addObject();
            o.put("benchmark", r.benchmark());
            o.put("statistic", r.statistic().label());
            o.put("gating", r.gating());
            o.put("classification", label(r.classification()));
            o.put("source", r.source().label());
            num(o, "baseline", r.baselineValue());
            num(o, "candidate", r.candidateValue());
            o.put("unit", r.statistic() == dev.tailgate.compare.ComparedStatistic.THROUGHPUT ? "score unit" : "ns");
            num(o, "ratio", r.ratio());
            num(o, "ciLow", r.ciLow());
            num(o, "ciHigh", r.ciHigh());
            num(o, "margin", r.margin());
            num(o, "pWorse", r.pWorse());
            num(o, "pWorseHolm", r.pWorseHolm());
            num(o, "pBetter", r.pBetter());
            num(o, "pBetterHolm", r.pBetterHolm());
            ObjectNode b = o.putObject("baselineSupport");
            b.put("forks", r.baseline().forks()).put("iterations", r.baseline().iterations()).put("samples", r.baseline().samples());
            ObjectNode cs = o.putObject("candidateSupport");
            cs.put("forks", r.candidate().forks()).put("iterations", r.candidate().iterations()).put("samples", r.candidate().samples());
            o.put("reason", r.reason());
        }
        ArrayNode notes = root.putArray("notes");
        c.notes().forEach(notes::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    /** One test case per check; a gating REGRESSION is a failure, INCONCLUSIVE is reported as skipped. */
    public static String junit(Comparison c) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = c.checks().stream().filter(CheckResult::failsGate).count();
        long skipped = c.checks().stream().filter(r -> r.classification() == Classification.INCONCLUSIVE).count();
        sb.append("<testsuite name=\"tailgate.compare\" tests=\"").append(c.checks().size()).append("\" failures=\"")
                .append(failures).append("\" errors=\"0\" skipped=\"").append(skipped).append("\">\n");
        for (CheckResult r : c.checks()) {
            sb.append("  <testcase classname=\"").append(xml(r.benchmark())).append("\" name=\"")
                    .append(xml(r.statistic().label())).append("\">");
            String msg = label(r.classification()) + ": ratio " + ratio(r) + ", margin "
                    + String.format(Locale.ROOT, "%.0f%%", r.margin() * 100) + " (" + r.source().label() + "); " + r.reason();
            if (r.failsGate()) {
                sb.append("\n    <failure message=\"").append(xml(msg)).append("\"/>\n  ");
            } else if (r.classification() == Classification.INCONCLUSIVE) {
                sb.append("\n    <skipped message=\"").append(xml(msg)).append("\"/>\n  ");
            } else {
                sb.append("\n    <system-out>").append(xml(msg)).append("</system-out>\n  ");
            }
            sb.append("</testcase>\n");
        }
        return sb.append("</testsuite>\n").toString();
    }

    public static String markdown(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("## tailgate compare: ").append(label(c.decision())).append("\n\n");
        sb.append(header(c, "- ")).append('\n');
        sb.append("| | benchmark | statistic | baseline | candidate | ratio [95% CI] | margin | forks/samples | source |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (CheckResult r : c.checks()) {
            sb.append("| ").append(label(r.classification())).append(r.gating() ? "" : " (info)").append(" | ")
                    .append(md(r.benchmark())).append(" | ").append(r.statistic().label()).append(" | ")
                    .append(value(r, r.baselineValue())).append(" | ").append(value(r, r.candidateValue())).append(" | ")
                    .append(ratio(r)).append(" | ").append(String.format(Locale.ROOT, "%.0f%%", r.margin() * 100))
                    .append(" | ").append(support(r)).append(" | ").append(r.source().label()).append(" |\n");
        }
        if (!c.notes().isEmpty()) {
            sb.append("\nNotes:\n\n");
            c.notes().forEach(n -> sb.append("- ").append(md(n)).append('\n'));
        }
        return sb.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
