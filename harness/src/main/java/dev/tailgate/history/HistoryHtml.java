package dev.tailgate.history;

import dev.tailgate.report.ComparisonHtmlWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code history.html}: one self-contained page (inline CSS and SVG, no script, no fetch) in the
 * style of {@code report.html}. Per series: every run's value with its 95% interval, runs left
 * out of detection as grey crosses, each change point as a dashed line coloured by its kind and
 * labelled with its step and likely cause, the segment means, and a link from each point to its
 * run's report. Pure.
 *
 * <p>Series with a change point come first, all of them; of the others at most {@link #FLAT_SHOWN}
 * are drawn, and the page says how many it left out: a year of 1,200 flat series would make a
 * page no browser opens. {@code --benchmark} and {@code --statistic} narrow it.
 */
public final class HistoryHtml {
    static final int FLAT_SHOWN = 40;
    private static final int W = 1120;
    private static final int H = 230;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 28;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** report.html's style sheet, and what this page adds. */
    private static final String CSS = ComparisonHtmlWriter.css() + """
            h3 { margin: 18px 0 4px; }
            ul { margin: 0 0 6px; font-size: 13px; }
            .decision { font-size: 30px; }
            svg text.step { font-size: 11px; font-weight: bold; }
            """;

    private HistoryHtml() {
    }

    /** @param links per run name, the href of its report (relative to the page) */
    public static String html(List<SeriesHistory> series, Map<String, String> links) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>tailgate history</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        boolean fails = series.stream().anyMatch(SeriesHistory::failsGate);
        h.append("<h1>tailgate history</h1>\n<p class=\"decision\" style=\"color:").append(fails ? "#c62828" : "#2e7d32")
                .append("\">").append(fails ? "REGRESSION" : "NO REGRESSION").append("</p>\n<p>")
                .append(esc(HistoryText.verdict(series))).append("</p>\n");
        h.append("<p class=\"key\"><span style=\"color:#1f5fa8\">● run, with its 95% interval</span>")
                .append("<span style=\"color:#90a4ae\">× not a measurement (aborted, invalid, injected)</span>")
                .append("<span style=\"color:").append(colour(Step.Kind.REGRESSION)).append("\">┆ regression</span>")
                .append("<span style=\"color:").append(colour(Step.Kind.IMPROVEMENT)).append("\">┆ improvement</span>")
                .append("<span style=\"color:").append(colour(Step.Kind.SHIFT)).append("\">┆ shift within the margin</span></p>\n");
        List<SeriesHistory> stepped = series.stream().filter(s -> !s.steps().isEmpty()).toList();
        List<SeriesHistory> flat = series.stream().filter(s -> s.steps().isEmpty()).toList();
        h.append("<h2>Series with a change point (").append(stepped.size()).append(")</h2>\n");
        stepped.forEach(s -> figure(h, s, links));
        h.append("<h2>Series without a change point (").append(flat.size()).append(")</h2>\n");
        flat.stream().limit(FLAT_SHOWN).forEach(s -> figure(h, s, links));
        if (flat.size() > FLAT_SHOWN) {
            h.append("<p class=\"muted\">").append(flat.size() - FLAT_SHOWN)
                    .append(" more series without a change point are not drawn; --benchmark and --statistic narrow the page.</p>\n");
        }
        return h.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void figure(StringBuilder h, SeriesHistory s, Map<String, String> links) {
        h.append("<figure>\n<h3>").append(esc(s.key().benchmark())).append(s.key().params().isEmpty() ? "" : "["
                + esc(s.key().params()) + "]").append(" · ").append(esc(s.key().statistic())).append(" · ")
                .append(esc(s.key().mode())).append("</h3>\n");
        h.append(svg(s, links));
        if (!s.steps().isEmpty()) {
            h.append("<ul>\n");
            for (Step st : s.steps()) {
                h.append("<li><b style=\"color:").append(colour(st.kind())).append("\">").append(st.kind()).append(' ')
                        .append(esc(st.size())).append("</b> from ").append(link(st.after().name(), links))
                        .append(" (").append(DAY.format(st.after().startedAt())).append("): ")
                        .append(esc(st.causes().isEmpty() ? "nothing tailgate records changed" : String.join("; ", st.causes())))
                        .append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</figure>\n");
    }

    private static String svg(SeriesHistory s, Map<String, String> links) {
        List<SeriesPoint> pts = s.points();
        double[] range = range(pts);
        Scale x = new Scale(-0.5, Math.max(pts.size() - 0.5, 0.5), LEFT, W - RIGHT);
        Scale y = new Scale(range[0], range[1], H - BOTTOM, TOP);
        StringBuilder g = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H
                + "\" viewBox=\"0 0 " + W + " " + H + "\" role=\"img\" aria-label=\"" + esc(s.key().label()) + "\">\n");
        axes(g, s.key(), y, range);
        segments(g, s, x, y);
        for (int i = 0; i < pts.size(); i++) {
            point(g, s.key(), pts.get(i), x.at(i), y, links);
        }
        for (Step st : s.steps()) {
            int after = indexOf(pts, st.after());
            double px = x.at(after - 0.5);
            String c = colour(st.kind());
            g.append(line(px, TOP - 4, px, H - BOTTOM, c, "1.5", "5 3"));
            String label = st.size().replaceFirst(" \\[.*", "") + " " + (st.causes().isEmpty() ? "no recorded change"
                    : st.causes().get(0));
            boolean right = px < W / 2.0;
            g.append("<text x=\"").append(f(px + (right ? 4 : -4))).append("\" y=\"").append(TOP - 8)
                    .append("\" text-anchor=\"").append(right ? "start" : "end").append("\" class=\"step\" fill=\"")
                    .append(c).append("\">").append(esc(label)).append("</text>\n");
        }
        return g.append("</svg>\n").toString();
    }

    private static void point(StringBuilder g, SeriesKey key, SeriesPoint p, double px, Scale y, Map<String, String> links) {
        String title = p.run().name() + " " + DAY.format(p.run().startedAt()) + ": " + HistoryText.value(key, p.value())
                + (p.low() != null && p.high() != null ? " [" + HistoryText.value(key, p.low()) + ", "
                        + HistoryText.value(key, p.high()) + "]" : "")
                + (p.run().measurement() ? "" : " (" + p.run().mark() + ")");
        g.append("<a href=\"").append(esc(links.getOrDefault(p.run().name(), p.run().name() + "/"))).append("\"><title>")
                .append(esc(title)).append("</title>\n");
        if (p.run().measurement()) {
            if (p.low() != null && p.high() != null) {
                g.append(line(px, y.at(p.low()), px, y.at(p.high()), "#90caf9", "2", null));
            }
            g.append("<circle cx=\"").append(f(px)).append("\" cy=\"").append(f(y.at(p.value())))
                    .append("\" r=\"3\" fill=\"#1f5fa8\"/>\n");
        } else {
            double py = y.at(p.value());
            g.append(line(px - 4, py - 4, px + 4, py + 4, "#90a4ae", "2", null))
                    .append(line(px - 4, py + 4, px + 4, py - 4, "#90a4ae", "2", null));
        }
        g.append("</a>\n");
    }

    /** The mean of each segment between change points, as a thin line over its measured runs. */
    private static void segments(StringBuilder g, SeriesHistory s, Scale x, Scale y) {
        List<SeriesPoint> pts = s.points();
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        s.steps().forEach(st -> cuts.add(indexOf(pts, st.after())));
        cuts.add(pts.size());
        for (int k = 0; k + 1 < cuts.size(); k++) {
            double mean = k < s.steps().size() ? s.steps().get(k).point().meanBefore()
                    : s.steps().isEmpty() ? Double.NaN : s.steps().get(k - 1).point().meanAfter();
            if (Double.isFinite(mean)) {
                g.append(line(x.at(cuts.get(k) - 0.4), y.at(mean), x.at(cuts.get(k + 1) - 0.6), y.at(mean), "#455a64",
                        "1", null));
            }
        }
    }

    private static void axes(StringBuilder g, SeriesKey key, Scale y, double[] range) {
        g.append(line(LEFT, TOP, LEFT, H - BOTTOM, "#90a4ae", "1", null))
                .append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#90a4ae", "1", null));
        for (int i = 0; i <= 4; i++) {
            double v = range[0] + (range[1] - range[0]) * i / 4;
            g.append(line(LEFT - 4, y.at(v), W - RIGHT, y.at(v), "#eceff1", "1", null));
            g.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y.at(v) + 4))
                    .append("\" text-anchor=\"end\" class=\"tick\">").append(esc(HistoryText.value(key, v)
                            .replace(" µs", "").replace(" ops/s", ""))).append("</text>\n");
        }
        g.append("<text x=\"").append(LEFT).append("\" y=\"").append(H - 8).append("\" class=\"tick\">")
                .append(key.unit().equals("s") ? "µs, one point per run, oldest left" : "ops/s, one point per run, oldest left")
                .append("</text>\n");
    }

    /** Lowest and highest value or interval end, padded; a flat series gets a band around its value. */
    private static double[] range(List<SeriesPoint> pts) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SeriesPoint p : pts) {
            lo = Math.min(lo, p.low() != null ? Math.min(p.low(), p.value()) : p.value());
            hi = Math.max(hi, p.high() != null ? Math.max(p.high(), p.value()) : p.value());
        }
        if (!(hi > lo)) {
            double v = Double.isFinite(lo) ? Math.abs(lo) : 1;
            return new double[] {lo - 0.05 * v - 1e-12, lo + 0.05 * v + 1e-12};
        }
        double pad = (hi - lo) * 0.05;
        return new double[] {Math.max(0, lo - pad), hi + pad};
    }

    private static int indexOf(List<SeriesPoint> pts, HistoryRun run) {
        for (int i = 0; i < pts.size(); i++) {
            if (pts.get(i).run().name().equals(run.name())) {
                return i;
            }
        }
        return pts.size();
    }

    private static String link(String run, Map<String, String> links) {
        return "<a href=\"" + esc(links.getOrDefault(run, run + "/")) + "\">" + esc(run) + "</a>";
    }

    static String colour(Step.Kind kind) {
        return switch (kind) {
            case REGRESSION -> "#c62828";
            case IMPROVEMENT -> "#2e7d32";
            case SHIFT -> "#b7791f";
        };
    }

    private record Scale(double from, double to, double px0, double px1) {
        double at(double v) {
            return px0 + (v - from) / (to - from) * (px1 - px0);
        }
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String width, String dash) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\""
                + colour + "\" stroke-width=\"" + width + "\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"")
                + "/>\n";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return ComparisonHtmlWriter.escape(s);
    }
}
