package dev.tailgate.report;

import dev.tailgate.compare.CheckResult;
import dev.tailgate.compare.Classification;
import dev.tailgate.compare.Comparison.BenchmarkCurve;
import dev.tailgate.compare.Comparison.CurvePoint;
import dev.tailgate.model.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The inline SVG plots of {@code report.html}: a forest plot of the compare ratios and, per
 * benchmark, the percentile distributions of both arms. Only layout and scales happen here;
 * every value drawn comes from the {@code Comparison}. Output is deterministic (Locale.ROOT
 * coordinates, no ids from hashes) so the report of a seeded comparison is byte-identical.
 */
final class SvgPlots {
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final String BASELINE_COLOUR = "#1f5fa8";
    static final String CANDIDATE_COLOUR = "#e06c00";

    /** Percentile axis: labels of x = log10(1/(1-p)) at x = 0, 1, 2, ... as HdrHistogram's plotter draws it. */
    private static final String[] PERCENTILE_TICKS = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};
    /** Ratio ticks of the forest plot, thinned to what fits. */
    private static final double[] RATIO_TICKS = {0.125, 0.25, 0.5, 0.67, 0.8, 0.9, 0.95, 1, 1.05, 1.1, 1.25, 1.5, 2, 4, 8};
    /** Ratios are drawn within [1/8, 8]; whiskers beyond end in an arrow at the edge. */
    private static final double RATIO_CLAMP = 8;
    private static final double CI_CLAMP = 2;

    private SvgPlots() {
    }

    static String colour(Classification c) {
        return switch (c) {
            case REGRESSION -> "#c62828";
            case IMPROVEMENT -> "#2e7d32";
            case NO_CHANGE -> "#546e7a";
            case INCONCLUSIVE -> "#b26a00";
        };
    }

    // ---------------------------------------------------------------- forest plot

    private static final int FOREST_W = 1140;
    private static final int LABEL_W = 300;
    private static final int TEXT_W = 290;
    private static final int ROW_H = 18;
    private static final int GROUP_H = 22;
    private static final int AXIS_H = 34;

    /** One row per check, grouped under its benchmark; log ratio axis; shaded ±margin band per row. */
    static String forest(List<CheckResult> checks) {
        // The axis covers every point and margin band (within [1/8, 8]) but intervals only within
        // [1/2, 2]: one wide tail interval must not squeeze the ratios near 1 that decide the gate.
        double lo = 1;
        double hi = 1;
        for (CheckResult c : checks) {
            for (double v : new double[] {c.ratio(), 1 - c.margin(), 1 + c.margin()}) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (Double.isFinite(c.ciLow()) && c.ciLow() > 0) {
                lo = Math.min(lo, Math.max(c.ciLow(), 1 / CI_CLAMP));
            }
            if (Double.isFinite(c.ciHigh())) {
                hi = Math.max(hi, Math.min(c.ciHigh(), CI_CLAMP));
            }
        }
        lo = Math.max(lo, 1 / RATIO_CLAMP);
        hi = Math.min(hi, RATIO_CLAMP);
        double pad = (Math.log(hi) - Math.log(lo)) * 0.04 + 0.01;
        Scale x = Scale.log(lo * Math.exp(-pad), hi * Math.exp(pad), LABEL_W + 10, FOREST_W - TEXT_W - 10);

        int groups = 0;
        String previous = null;
        for (CheckResult c : checks) {
            if (!c.benchmark().equals(previous)) {
                groups++;
                previous = c.benchmark();
            }
        }
        int height = AXIS_H + groups * GROUP_H + checks.size() * ROW_H + AXIS_H;
        StringBuilder s = open(FOREST_W, height, "forest plot of candidate/baseline ratios");
        int plotTop = AXIS_H - 6;
        int plotBottom = height - AXIS_H + 6;
        List<Double> ticks = thinnedRatioTicks(x);
        for (double t : ticks) {
            double px = x.at(t);
            s.append(line(px, plotTop, px, plotBottom, t == 1 ? "#37474f" : "#dde3e8", t == 1 ? "1.2" : "1", t == 1 ? "4 3" : null));
            String label = Numbers.format(t) + "×";
            s.append(text(px, AXIS_H - 12, label, "middle", "tick"));
            s.append(text(px, height - AXIS_H + 20, label, "middle", "tick"));
        }
        s.append(text(FOREST_W - TEXT_W + 4, AXIS_H - 12, "ratio candidate/baseline [95% CI]", "start", "tick"));

        int y = AXIS_H;
        previous = null;
        for (CheckResult c : checks) {
            if (!c.benchmark().equals(previous)) {
                previous = c.benchmark();
                // Group rows hold no data, so the name may run across the plot on its own band.
                s.append("<rect x=\"0\" y=\"").append(f(y + 3)).append("\" width=\"").append(FOREST_W)
                        .append("\" height=\"").append(GROUP_H - 4).append("\" fill=\"#eef2f5\"/>\n");
                s.append("<text x=\"4\" y=\"").append(f(y + GROUP_H - 6)).append("\" class=\"group\">")
                        .append(ComparisonHtmlWriter.escape(truncate(c.benchmark(), 150)))
                        .append("<title>").append(ComparisonHtmlWriter.escape(c.benchmark())).append("</title></text>\n");
                y += GROUP_H;
            }
            forestRow(s, c, x, y);
            y += ROW_H;
        }
        return s.append("</svg>\n").toString();
    }

    private static void forestRow(StringBuilder s, CheckResult c, Scale x, int y) {
        double mid = y + ROW_H / 2.0;
        String colour = colour(c.classification());
        String label = c.statistic().label() + (c.statistic().lowerIsBetter() ? "" : " (higher is better)")
                + (c.gating() ? "" : " · info");
        s.append(text(20, mid + 4, label, "start", "row"));
        double bandLo = x.at(x.clamp(1 - c.margin()));
        double bandHi = x.at(x.clamp(1 + c.margin()));
        s.append("<rect x=\"").append(f(bandLo)).append("\" y=\"").append(f(y + 2)).append("\" width=\"")
                .append(f(bandHi - bandLo)).append("\" height=\"").append(f(ROW_H - 4)).append("\" fill=\"#e3ecf3\"/>\n");
        if (Double.isFinite(c.ciLow()) && Double.isFinite(c.ciHigh()) && c.ciLow() > 0) {
            double a = x.at(x.clamp(c.ciLow()));
            double b = x.at(x.clamp(c.ciHigh()));
            s.append(line(a, mid, b, mid, colour, "2", null));
            s.append(c.ciLow() < x.min() ? arrow(a, mid, -1, colour) : line(a, mid - 4, a, mid + 4, colour, "2", null));
            s.append(c.ciHigh() > x.max() ? arrow(b, mid, 1, colour) : line(b, mid - 4, b, mid + 4, colour, "2", null));
        }
        if (Double.isFinite(c.ratio()) && c.ratio() > 0) {
            String fill = c.gating() ? colour : "#ffffff";
            s.append("<circle cx=\"").append(f(x.at(x.clamp(c.ratio())))).append("\" cy=\"").append(f(mid))
                    .append("\" r=\"4.5\" fill=\"").append(fill).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"/>\n");
        }
        String value = ComparisonHtmlWriter.ratioWithInterval(c) + "  " + ComparisonHtmlWriter.classification(c.classification());
        s.append("<text x=\"").append(f(FOREST_W - TEXT_W + 4)).append("\" y=\"").append(f(mid + 4))
                .append("\" class=\"row\" fill=\"").append(colour).append("\">").append(ComparisonHtmlWriter.escape(value)).append("</text>\n");
    }

    private static List<Double> thinnedRatioTicks(Scale x) {
        List<Double> kept = new ArrayList<>();
        kept.add(1.0);
        // Walk outward from 1 on each side so the ticks nearest 1 (where margins live) win.
        int one = Arrays.binarySearch(RATIO_TICKS, 1);
        for (int dir : new int[] {-1, 1}) {
            double last = x.at(1);
            for (int i = one + dir; i >= 0 && i < RATIO_TICKS.length; i += dir) {
                double t = RATIO_TICKS[i];
                if (t < x.min() || t > x.max()) {
                    continue;
                }
                if (Math.abs(x.at(t) - last) >= 42) {
                    kept.add(t);
                    last = x.at(t);
                }
            }
        }
        kept.sort(Double::compare);
        return kept;
    }

    private static String arrow(double px, double py, int dir, String colour) {
        return "<path d=\"M" + f(px) + " " + f(py) + " l" + f(-7.0 * dir) + " -4 v8 z\" fill=\"" + colour + "\"/>\n";
    }

    // ---------------------------------------------------------------- percentile distribution

    static final int DIST_W = 560;
    private static final int DIST_H = 330;
    private static final int LEFT = 64;
    private static final int RIGHT = 30;
    private static final int TOP = 14;
    private static final int BOTTOM = 52;

    /**
     * Both arms' percentile curves: x = log10(1/(1-p)), so 90%, 99%, 99.9% ... are equally
     * spaced and the tail gets as much room as the body; y = latency in µs, on a log scale when
     * the curve spans more than 20× (a tail 100× the median would flatten the body otherwise).
     */
    static String distribution(BenchmarkCurve curve) {
        StringBuilder s = open(DIST_W, DIST_H, "percentile distribution of " + curve.benchmark());
        double maxX = 2;
        double minUs = Double.POSITIVE_INFINITY;
        double maxUs = 0;
        for (CurvePoint p : curve.points()) {
            maxX = Math.max(maxX, Math.ceil(percentileX(p.percentile()) - 1e-9));
            for (double v : new double[] {p.baselineNanos(), p.candidateNanos()}) {
                if (Double.isFinite(v) && v > 0) {
                    minUs = Math.min(minUs, v / 1000);
                    maxUs = Math.max(maxUs, v / 1000);
                }
            }
        }
        maxX = Math.min(maxX, PERCENTILE_TICKS.length - 1);
        int plotBottom = DIST_H - BOTTOM;
        if (maxUs == 0) {
            s.append(text(DIST_W / 2.0, DIST_H / 2.0, "no latency distribution in both arms", "middle", "tick"));
            return s.append("</svg>\n").toString();
        }
        Scale x = Scale.linear(0, maxX, LEFT, DIST_W - RIGHT);
        boolean logY = maxUs / minUs > 20;
        Scale y = logY
                ? Scale.log(niceFloor(minUs), niceCeiling(maxUs), plotBottom, TOP)
                : Scale.linear(0, niceCeiling(maxUs * 1.05), plotBottom, TOP);
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(DIST_W - RIGHT - LEFT).append("\" height=\"").append(plotBottom - TOP)
                .append("\" fill=\"#fbfcfd\" stroke=\"#b0bec5\"/>\n");
        for (int k = 0; k <= (int) maxX; k++) {
            double px = x.at(k);
            s.append(line(px, TOP, px, plotBottom, "#dde3e8", "1", null));
            s.append(text(px, plotBottom + 16, PERCENTILE_TICKS[k], "middle", "tick"));
        }
        for (double t : logY ? logTicks(y) : linearTicks(y.max())) {
            double py = y.at(t);
            s.append(line(LEFT, py, DIST_W - RIGHT, py, "#dde3e8", "1", null));
            s.append(text(LEFT - 6, py + 4, Numbers.format(t), "end", "tick"));
        }
        s.append(text((LEFT + DIST_W - RIGHT) / 2.0, DIST_H - 12, "percentile (x = log of 1/(1−p))", "middle", "axis"));
        s.append("<text class=\"axis\" text-anchor=\"middle\" transform=\"translate(16 ")
                .append(f((TOP + plotBottom) / 2.0)).append(") rotate(-90)\">")
                .append(logY ? "latency (µs, log scale)" : "latency (µs)").append("</text>\n");
        // The baseline is drawn wider so it stays visible where the candidate lies on top of it.
        s.append(polyline(curve.points(), true, x, y, BASELINE_COLOUR));
        s.append(polyline(curve.points(), false, x, y, CANDIDATE_COLOUR));
        legend(s, LEFT + 10, TOP + 10, BASELINE_COLOUR, "baseline, " + Numbers.count(curve.baselineSamples()) + " samples");
        legend(s, LEFT + 10, TOP + 28, CANDIDATE_COLOUR, "candidate, " + Numbers.count(curve.candidateSamples()) + " samples");
        return s.append("</svg>\n").toString();
    }

    static double percentileX(double percentile) {
        return Math.log10(1 / (1 - percentile / 100));
    }

    private static String polyline(List<CurvePoint> points, boolean baseline, Scale x, Scale y, String colour) {
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (CurvePoint p : points) {
            double v = (baseline ? p.baselineNanos() : p.candidateNanos()) / 1000;
            if (!(Double.isFinite(v) && v > 0) || percentileX(p.percentile()) > x.max()) {
                continue;
            }
            double px = x.at(percentileX(p.percentile()));
            double py = y.at(y.clamp(v));
            path.append(path.length() == 0 ? "" : " ").append(f(px)).append(',').append(f(py));
            dots.append("<circle cx=\"").append(f(px)).append("\" cy=\"").append(f(py)).append("\" r=\"")
                    .append(baseline ? "3.5" : "2.5").append("\" fill=\"").append(colour).append("\"><title>")
                    .append(baseline ? "baseline" : "candidate").append(" p")
                    .append(Numbers.format(p.percentile())).append(": ").append(Numbers.format(v)).append(" µs</title></circle>\n");
        }
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"" + (baseline ? "4" : "2")
                + "\" points=\"" + path + "\"/>\n" + dots;
    }

    private static void legend(StringBuilder s, double px, double py, String colour, String label) {
        s.append(line(px, py, px + 22, py, colour, "2.5", null));
        s.append(text(px + 28, py + 4, label, "start", "tick"));
    }

    private static List<Double> logTicks(Scale y) {
        List<Double> ticks = new ArrayList<>();
        double[] steps = y.max() / y.min() > 1000 ? new double[] {1} : new double[] {1, 2, 5};
        for (double d = Math.pow(10, Math.floor(Math.log10(y.min()))); d <= y.max() * 1.0001; d *= 10) {
            for (double m : steps) {
                if (d * m >= y.min() * 0.9999 && d * m <= y.max() * 1.0001) {
                    ticks.add(Numbers.round(d * m, 3).doubleValue());
                }
            }
        }
        return ticks;
    }

    private static List<Double> linearTicks(double max) {
        double step = niceCeiling(max / 5);
        List<Double> ticks = new ArrayList<>();
        for (int k = 0; k * step <= max * 1.0001; k++) {
            ticks.add(Numbers.round(k * step, 6).doubleValue());
        }
        return ticks;
    }

    /** The largest 1, 2 or 5 × 10^k not above v. */
    private static double niceFloor(double v) {
        double decade = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {5, 2, 1}) {
            if (m * decade <= v * 1.0001) {
                return m * decade;
            }
        }
        return decade;
    }

    /** The smallest 1, 2, 2.5 or 5 × 10^k not below v. */
    private static double niceCeiling(double v) {
        double decade = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * decade >= v * 0.9999) {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    // ---------------------------------------------------------------- primitives

    private static StringBuilder open(int w, int h, String label) {
        return new StringBuilder("<svg xmlns=\"").append(SVG_NS).append("\" width=\"").append(w).append("\" height=\"")
                .append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\" aria-label=\"")
                .append(ComparisonHtmlWriter.escape(label)).append("\">\n");
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String width, String dash) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\""
                + colour + "\" stroke-width=\"" + width + "\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>\n";
    }

    private static String text(double px, double py, String content, String anchor, String cls) {
        return "<text x=\"" + f(px) + "\" y=\"" + f(py) + "\" text-anchor=\"" + anchor + "\" class=\"" + cls + "\">"
                + ComparisonHtmlWriter.escape(content) + "</text>\n";
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A coordinate with one decimal, always with a dot. */
    static String f(double v) {
        return Numbers.fixed(v, 1);
    }

    /** Maps a data range onto a pixel range, linearly or in log space. */
    private record Scale(double min, double max, double from, double to, boolean log) {
        static Scale linear(double min, double max, double from, double to) {
            return new Scale(min, max, from, to, false);
        }

        static Scale log(double min, double max, double from, double to) {
            return new Scale(min, max, from, to, true);
        }

        double at(double v) {
            double t = log ? Math.log(v / min) / Math.log(max / min) : (v - min) / (max - min);
            return from + t * (to - from);
        }

        double clamp(double v) {
            return Math.max(min, Math.min(max, v));
        }
    }
}
