package dev.tailgate.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import dev.tailgate.compare.ArmSupport;
import dev.tailgate.compare.CheckResult;
import dev.tailgate.compare.Classification;
import dev.tailgate.compare.Comparison;
import dev.tailgate.model.Numbers;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Console table, {@code comparison.json}, {@code junit.xml} and {@code report.md} of a
 * comparison. They render a finished {@link Comparison} and compute nothing; numbers are
 * formatted by {@link Numbers} (Formatter's {@code Locale.ROOT} text, byte for byte) whatever the default locale.
 */
public final class ComparisonWriters {
    public static final int SCHEMA = 1;
    private static final JsonFactory JSON = JsonFactory.builder().build();

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
            return Numbers.general(v, 4);
        }
        if (v >= 1e6) {
            return Numbers.fixed(v / 1e6, 3) + " ms";
        }
        return Numbers.fixed(v / 1e3, 1) + " us";
    }

    static String ratio(CheckResult c) {
        if (Double.isNaN(c.ratio())) {
            return "-";
        }
        StringBuilder b = Numbers.appendFixed(new StringBuilder(32), c.ratio(), 3).append(" [");
        Numbers.appendFixed(b, c.ciLow(), 3).append(", ");
        return Numbers.appendFixed(b, c.ciHigh(), 3).append(']').toString();
    }

    /** The margin in whole percent, {@code 5%}. */
    static String margin(CheckResult c) {
        return Numbers.fixed(c.margin() * 100, 0) + "%";
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
                margin(r), support(r), r.source().label()});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                sb.append(row[i]);
                for (int pad = row[i].length(); pad < w[i]; pad++) {
                    sb.append(' ');
                }
                sb.append(i + 1 < row.length ? "  " : "");
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
        sb.append("decision: ").append(label(c.decision())).append(failure(c)).append(System.lineSeparator());
        return sb.toString();
    }

    /**
     * Why the decision fails or warns, after it: a REGRESSION, or gating checks not shown and
     * what the {@code regression: inconclusive:} policy makes of them. Empty when green.
     */
    static String failure(Comparison c) {
        int notShown = c.notShown().size();
        String policy = "regression: inconclusive: " + c.inconclusive().name().toLowerCase(java.util.Locale.ROOT);
        boolean regression = c.checks().stream().anyMatch(CheckResult::failsGate);
        if (regression) {
            return " (gate failed" + (notShown > 0 ? "; " + notShown + " gating checks not shown" : "") + ")";
        }
        if (notShown == 0) {
            return "";
        }
        return c.failed() ? " (gate failed: " + notShown + " gating checks not shown, " + policy + ")"
                : " (" + notShown + " gating checks not shown; " + policy + ")";
    }

    /** Whether checks that are not shown fail this comparison ({@code regression: inconclusive: fail}). */
    private static boolean notShownFails(Comparison c) {
        return c.inconclusive() == dev.tailgate.thresholds.InconclusivePolicy.FAIL;
    }

    private static String header(Comparison c, String bullet) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        for (String line : c.sequence()) {
            sb.append(bullet).append(line).append(nl);
        }
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

    /**
     * {@code comparison.json}, streamed through Jackson's generator with the default pretty
     * printer (the layout INDENT_OUTPUT gave the ObjectNode tree this replaced, byte for byte):
     * 12,000 checks no longer build a tree of ~300,000 nodes first. Non-finite numbers are null.
     */
    public static String json(Comparison c) {
        StringWriter out = new StringWriter(1024 + 1024 * c.checks().size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA);
            g.writeStringField("decision", label(c.decision()));
            g.writeBooleanField("failed", c.failed());
            g.writeStringField("baseline", c.baselineRun());
            if (c.baselineTakenAt().isPresent()) {
                g.writeStringField("baselineTakenAt", c.baselineTakenAt().get().toString());
            }
            g.writeStringField("candidate", c.candidateRun());
            if (c.candidateTakenAt().isPresent()) {
                g.writeStringField("candidateTakenAt", c.candidateTakenAt().get().toString());
            }
            g.writeNumberField("seed", c.seed());
            strings(g, "declaredVariables", c.declaredVariables());
            strings(g, "flags", c.flags());
            strings(g, "allowedMismatches", c.allowedMismatches());
            strings(g, "allowedDrift", c.allowedDrift());
            g.writeArrayFieldStart("checks");
            for (CheckResult r : c.checks()) {
                check(g, r);
            }
            g.writeEndArray();
            strings(g, "notes", c.notes());
            g.writeStringField("design", c.design().label());
            g.writeStringField("inconclusivePolicy", c.inconclusive().name().toLowerCase(java.util.Locale.ROOT));
            g.writeNumberField("notShown", c.notShown().size());
            strings(g, "sequence", c.sequence());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    private static void check(JsonGenerator g, CheckResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("benchmark", r.benchmark());
        g.writeStringField("statistic", r.statistic().label());
        g.writeBooleanField("gating", r.gating());
        g.writeStringField("classification", label(r.classification()));
        g.writeStringField("source", r.source().label());
        num(g, "baseline", r.baselineValue());
        num(g, "candidate", r.candidateValue());
        g.writeStringField("unit", r.statistic() == dev.tailgate.compare.ComparedStatistic.THROUGHPUT ? "score unit" : "ns");
        num(g, "ratio", r.ratio());
        num(g, "ciLow", r.ciLow());
        num(g, "ciHigh", r.ciHigh());
        num(g, "margin", r.margin());
        num(g, "pWorse", r.pWorse());
        num(g, "pWorseHolm", r.pWorseHolm());
        num(g, "pBetter", r.pBetter());
        num(g, "pBetterHolm", r.pBetterHolm());
        g.writeNumberField("resamples", r.resamples());
        support(g, "baselineSupport", r.baseline());
        support(g, "candidateSupport", r.candidate());
        g.writeStringField("reason", r.reason());
        g.writeStringField("design", r.design().label());
        g.writeEndObject();
    }

    private static void support(JsonGenerator g, String k, ArmSupport s) throws IOException {
        g.writeObjectFieldStart(k);
        g.writeNumberField("forks", s.forks());
        g.writeNumberField("iterations", s.iterations());
        g.writeNumberField("samples", s.samples());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String k, List<String> values) throws IOException {
        g.writeArrayFieldStart(k);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void num(JsonGenerator g, String k, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(k, v);
        } else {
            g.writeNullField(k);
        }
    }

    /** One test case per check; a gating REGRESSION is a failure, INCONCLUSIVE is reported as skipped. */
    public static String junit(Comparison c) {
        long failures = c.checks().stream().filter(r -> failsInJunit(c, r)).count();
        long skipped = c.checks().stream().filter(r -> r.classification() == Classification.INCONCLUSIVE).count()
                - (notShownFails(c) ? c.notShown().size() : 0);
        XmlStream x = new XmlStream().text("\n");
        x.start("testsuite").attribute("name", "tailgate.compare").attribute("tests", Integer.toString(c.checks().size()))
                .attribute("failures", Long.toString(failures)).attribute("errors", "0")
                .attribute("skipped", Long.toString(skipped));
        x.text("\n");
        for (CheckResult r : c.checks()) {
            x.text("  ").start("testcase").attribute("classname", r.benchmark()).attribute("name", r.statistic().label());
            String msg = label(r.classification()) + ": ratio " + ratio(r) + ", margin "
                    + margin(r) + " (" + r.source().label() + "); " + r.reason();
            x.text("\n    ");
            if (failsInJunit(c, r)) {
                x.empty("failure").attribute("message", msg);
            } else if (r.classification() == Classification.INCONCLUSIVE) {
                x.empty("skipped").attribute("message", msg);
            } else {
                x.start("system-out").text(msg).end();
            }
            x.text("\n  ").end().text("\n");
        }
        return x.end().finish() + "\n";
    }

    private static boolean failsInJunit(Comparison c, CheckResult r) {
        return r.failsGate() || (notShownFails(c) && r.gating() && r.classification() == Classification.INCONCLUSIVE);
    }

    public static String markdown(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("## tailgate compare: ").append(label(c.decision())).append(failure(c)).append("\n\n");
        sb.append(header(c, "- ")).append('\n');
        for (CheckResult r : c.notShown()) {
            sb.append("- **").append(md(r.benchmark())).append(' ').append(r.statistic().label()).append("**: ")
                    .append(md(r.reason())).append('\n');
        }
        if (!c.notShown().isEmpty()) {
            sb.append('\n');
        }
        sb.append("| | benchmark | statistic | baseline | candidate | ratio [95% CI] | margin | forks/samples | source |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (CheckResult r : c.checks()) {
            sb.append("| ").append(label(r.classification())).append(r.gating() ? "" : " (info)").append(" | ")
                    .append(md(r.benchmark())).append(" | ").append(r.statistic().label()).append(" | ")
                    .append(value(r, r.baselineValue())).append(" | ").append(value(r, r.candidateValue())).append(" | ")
                    .append(ratio(r)).append(" | ").append(margin(r))
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
}
