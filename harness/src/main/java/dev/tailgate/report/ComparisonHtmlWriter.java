package dev.tailgate.report;

import dev.tailgate.compare.ArmSupport;
import dev.tailgate.compare.CheckResult;
import dev.tailgate.compare.Classification;
import dev.tailgate.compare.Comparison;
import dev.tailgate.compare.Comparison.BenchmarkCurve;
import dev.tailgate.model.Numbers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, no fetches) that
 * shows a finished {@link Comparison}: the decision, when each arm was measured, what was
 * allowed to differ, a forest plot of every ratio with its interval and margin, both arms'
 * percentile distributions per benchmark, and the full table of checks. It computes nothing
 * statistical; numbers are formatted with {@link Numbers} so the page is the same in every
 * locale. The markup is XHTML-compatible (every element closed, only XML entities), so tools
 * can parse it as XML as well as browsers can render it.
 */
public final class ComparisonHtmlWriter {
    private static final DateTimeFormatter TAKEN_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String CSS = """
            body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #263238; margin: 0; background: #f4f6f8; font-size: 14px; }
            main { max-width: 1160px; margin: 0 auto; padding: 16px 20px 40px; background: #ffffff; }
            h1 { font-size: 20px; margin: 4px 0 8px; color: #455a64; font-weight: normal; }
            h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #cfd8dc; padding-bottom: 4px; }
            h3 { font-size: 13px; margin: 6px 0 4px; font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
            .decision { font-size: 34px; font-weight: bold; letter-spacing: 1px; margin: 0 0 6px; }
            .summary { margin: 0 0 12px; font-size: 14px; }
            table { border-collapse: collapse; font-size: 12px; }
            th, td { border: 1px solid #dbe2e6; padding: 3px 6px; vertical-align: top; text-align: left; }
            th { background: #eceff1; }
            td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            td.name { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; max-width: 260px; }
            table.arms td, table.arms th { font-size: 13px; }
            table.checks { width: 100%; }
            .warn { background: #fff4e0; border-left: 5px solid #e65100; padding: 8px 12px; margin: 10px 0; font-size: 14px; }
            .muted { color: #78909c; }
            p.muted { font-size: 13px; }
            .cls { font-weight: bold; white-space: nowrap; }
            .grid { display: grid; grid-template-columns: repeat(2, 570px); gap: 8px 16px; }
            figure { margin: 0; }
            .chips { font-size: 11px; line-height: 18px; }
            .chip { display: inline-block; border-radius: 3px; color: #ffffff; padding: 0 5px; margin: 0 4px 3px 0; }
            svg text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
            svg text.tick { font-size: 11px; fill: #546e7a; }
            svg text.axis { font-size: 12px; fill: #37474f; }
            svg text.row { font-size: 12px; }
            svg text.group { font-size: 12px; font-weight: bold; font-family: "DejaVu Sans Mono", monospace; }
            .key { font-size: 13px; margin: 4px 0; }
            .key span { margin-right: 14px; }
            ul { margin: 0; padding-left: 18px; }
            td.run { font-family: "DejaVu Sans Mono", monospace; }
            """;

    private ComparisonHtmlWriter() {
    }

    /** The report's style sheet, for other pages of the same look ({@code history.html}). */
    public static String css() {
        return CSS;
    }

    public static String html(Comparison c) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>tailgate compare: ").append(classification(c.decision())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(h, c);
        setup(h, c);
        h.append("<h2>Ratios with 95% intervals</h2>\n");
        if (c.checks().isEmpty()) {
            h.append("<p class=\"muted\">No benchmark × statistic was present in both runs.</p>\n");
        } else {
            h.append("<p class=\"key\">").append("<span>point = candidate/baseline</span><span>whisker = 95% bootstrap interval</span>")
                    .append("<span>shaded = ±margin around 1 (changes inside it do not matter)</span>")
                    .append("<span>hollow = informational, not gating</span></p>\n<p class=\"key\">");
            for (Classification k : Classification.values()) {
                h.append("<span class=\"cls\" style=\"color:").append(SvgPlots.colour(k)).append("\">● ")
                        .append(classification(k)).append("</span>");
            }
            h.append("</p>\n").append(SvgPlots.forest(c.checks()));
        }
        distributions(h, c);
        table(h, c.checks());
        h.append("<h2>Notes</h2>\n");
        list(h, c.notes(), "none");
        return h.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void header(StringBuilder h, Comparison c) {
        h.append("<h1>tailgate compare · baseline versus candidate</h1>\n");
        h.append("<div class=\"decision\" style=\"color:").append(SvgPlots.colour(c.decision())).append("\">")
                .append(classification(c.decision())).append("</div>\n");
        String failure = ComparisonWriters.failure(c);
        if (!failure.isEmpty()) {
            h.append("<div class=\"warn\">").append(escape(failure.strip())).append("</div>\n");
        }
        for (String line : c.sequence()) {
            h.append("<div>").append(escape(line)).append("</div>\n");
        }
        h.append("<p class=\"summary\">").append(c.checks().size()).append(" checks, ")
                .append(c.checks().stream().filter(CheckResult::gating).count()).append(" gating: ");
        String sep = "";
        for (Classification k : Classification.values()) {
            long n = c.checks().stream().filter(x -> x.classification() == k).count();
            h.append(sep).append("<span class=\"cls\" style=\"color:").append(SvgPlots.colour(k)).append("\">")
                    .append(n).append(' ').append(classification(k)).append("</span>");
            sep = " · ";
        }
        h.append(" · bootstrap seed ").append(c.seed()).append("</p>\n");
        h.append("<table class=\"arms\">\n<tr><th>arm</th><th>run</th><th>taken at</th></tr>\n");
        arm(h, "baseline", c.baselineRun(), c.baselineTakenAt());
        arm(h, "candidate", c.candidateRun(), c.candidateTakenAt());
        h.append("</table>\n");
        if (c.baselineTakenAt().isPresent() && c.candidateTakenAt().isPresent()) {
            String b = c.baselineTakenAt().get().atZone(ZoneOffset.UTC).toLocalDate().toString();
            String k = c.candidateTakenAt().get().atZone(ZoneOffset.UTC).toLocalDate().toString();
            if (!b.equals(k)) {
                h.append("<div class=\"warn\"><b>Baseline and candidate were taken on different days</b> (")
                        .append(b).append(" and ").append(k).append("): a baseline from another day carries that day's drift, ")
                        .append("so part of any difference may be the machine, not the change. ")
                        .append("Interleaved A/B runs (<code>tailgate ab</code>) cancel it.</div>\n");
            }
        } else {
            h.append("<div class=\"warn\">When ").append(c.baselineTakenAt().isEmpty() ? "the baseline" : "the candidate")
                    .append(" was taken is unknown: drift between the two runs cannot be ruled out.</div>\n");
        }
    }

    private static void arm(StringBuilder h, String role, String run, Optional<Instant> takenAt) {
        h.append("<tr><th>").append(role).append("</th><td class=\"run\">").append(escape(run)).append("</td><td>")
                .append(takenAt.map(TAKEN_AT::format).orElse("unknown")).append("</td></tr>\n");
    }

    private static void setup(StringBuilder h, Comparison c) {
        h.append("<h2>What differs between the arms</h2>\n");
        if (!c.flags().isEmpty()) {
            h.append("<div class=\"warn\"><b>Options that weaken this decision:</b> ")
                    .append(escape(String.join(", ", c.flags()))).append("</div>\n");
        }
        h.append("<table>\n");
        setupRow(h, "declared variables (changed on purpose)", c.declaredVariables());
        setupRow(h, "allowed mismatches (--allow-mismatch)", c.allowedMismatches());
        setupRow(h, "allowed environment drift (--allow-drift)", c.allowedDrift());
        setupRow(h, "flags", c.flags());
        h.append("</table>\n");
    }

    private static void setupRow(StringBuilder h, String what, List<String> items) {
        h.append("<tr><th>").append(escape(what)).append("</th><td>");
        list(h, items, "none");
        h.append("</td></tr>\n");
    }

    private static void list(StringBuilder h, List<String> items, String empty) {
        if (items.isEmpty()) {
            h.append("<span class=\"muted\">").append(empty).append("</span>");
            return;
        }
        h.append("<ul>");
        for (String item : items) {
            h.append("<li>").append(escape(item)).append("</li>");
        }
        h.append("</ul>\n");
    }

    private static void distributions(StringBuilder h, Comparison c) {
        if (c.curves().isEmpty()) {
            return;
        }
        h.append("<h2>Latency distributions</h2>\n<p class=\"muted\">Both arms merged over forks. ")
                .append("Each step right is ten times rarer (90%, 99%, 99.9%, ...), so the tail gets as much room as the body. ")
                .append("Percentiles with fewer than about ten samples beyond them are not drawn.</p>\n");
        h.append("<div class=\"grid\">\n");
        // Each figure's chips are its benchmark's checks; grouped once, not by scanning all
        // 12,000 checks for each of 2,000 curves (that scan was most of the page's time).
        Map<String, List<CheckResult>> byBenchmark = new HashMap<>();
        for (CheckResult check : c.checks()) {
            byBenchmark.computeIfAbsent(check.benchmark(), k -> new ArrayList<>()).add(check);
        }
        for (BenchmarkCurve curve : c.curves()) {
            h.append("<figure>\n<h3>").append(escape(curve.benchmark())).append("</h3>\n").append(SvgPlots.distribution(curve));
            h.append("<div class=\"chips\">");
            for (CheckResult check : byBenchmark.getOrDefault(curve.benchmark(), List.of())) {
                h.append("<span class=\"chip\" style=\"background:").append(SvgPlots.colour(check.classification()))
                        .append("\">").append(escape(check.statistic().label())).append(' ')
                        .append(Double.isNaN(check.ratio()) ? "n/a" : Numbers.format(check.ratio()) + "×").append(' ')
                        .append(classification(check.classification()))
                        .append("</span>");
            }
            h.append("</div>\n</figure>\n");
        }
        h.append("</div>\n");
    }

    private static void table(StringBuilder h, List<CheckResult> checks) {
        h.append("<h2>All checks</h2>\n<table class=\"checks\">\n<tr><th>benchmark</th><th>statistic</th><th>baseline</th><th>candidate</th>")
                .append("<th>ratio [95% CI]</th><th>margin</th><th>classification</th><th>support (forks, samples)</th>")
                .append("<th>reason</th></tr>\n");
        for (int i = 0; i < checks.size(); i++) {
            CheckResult c = checks.get(i);
            h.append("<tr>");
            if (i == 0 || !checks.get(i - 1).benchmark().equals(c.benchmark())) {
                // Checks come in benchmark order: name each benchmark once, over all its rows.
                int rows = 1;
                while (i + rows < checks.size() && checks.get(i + rows).benchmark().equals(c.benchmark())) {
                    rows++;
                }
                h.append("<td class=\"name\" rowspan=\"").append(rows).append("\">").append(escape(c.benchmark())).append("</td>");
            }
            h.append("<td>")
                    .append(escape(c.statistic().label())).append(c.gating() ? "" : " <span class=\"muted\">(info)</span>")
                    .append("<br/><span class=\"muted\">").append(escape(c.source().label())).append("</span>")
                    .append("</td><td class=\"num\">").append(value(c, c.baselineValue()))
                    .append("</td><td class=\"num\">").append(value(c, c.candidateValue()))
                    .append("</td><td class=\"num\">").append(escape(ratioWithInterval(c)))
                    .append("</td><td class=\"num\">±").append(Numbers.format(c.margin() * 100)).append('%')
                    .append("</td><td class=\"cls\" style=\"color:").append(SvgPlots.colour(c.classification())).append("\">")
                    .append(classification(c.classification()))
                    .append("</td><td class=\"num\">B ").append(support(c.baseline())).append("<br/>C ").append(support(c.candidate()))
                    .append("</td><td>").append(escape(c.reason())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String support(ArmSupport s) {
        return s.forks() + " forks, " + Numbers.count(s.samples());
    }

    /** Latency statistics are in ns and shown in the unit that keeps them readable; throughput as given. */
    private static String value(CheckResult c, double v) {
        if (Double.isNaN(v) || !c.statistic().lowerIsBetter()) {
            return Numbers.format(v);
        }
        double abs = Math.abs(v);
        if (abs < 1e3) {
            return Numbers.format(v) + " ns";
        }
        if (abs < 1e6) {
            return Numbers.format(v / 1e3) + " µs";
        }
        if (abs < 1e9) {
            return Numbers.format(v / 1e6) + " ms";
        }
        return Numbers.format(v / 1e9) + " s";
    }

    static String ratioWithInterval(CheckResult c) {
        if (Double.isNaN(c.ratio())) {
            return "n/a";
        }
        String r = Numbers.format(c.ratio());
        return Double.isNaN(c.ciLow()) || Double.isNaN(c.ciHigh())
                ? r : r + " [" + Numbers.format(c.ciLow()) + ", " + Numbers.format(c.ciHigh()) + "]";
    }

    static String classification(Classification c) {
        return c == Classification.NO_CHANGE ? "NO CHANGE" : c.name();
    }

    /** Text for element content and attribute values; control characters XML cannot carry become U+FFFD. */
    public static String escape(String s) {
        int i = 0;
        while (i < s.length() && plain(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s; // the common case: names and labels need no escaping
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        b.append(s, 0, i);
        for (; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' ? '\uFFFD' : ch);
            }
        }
        return b.toString();
    }

    private static boolean plain(char ch) {
        return ch >= 0x20 ? ch != '&' && ch != '<' && ch != '>' && ch != '"' && ch != '\'' : ch == '\t' || ch == '\n' || ch == '\r';
    }
}
