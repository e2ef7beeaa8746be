package dev.tailgate.history;

import dev.tailgate.compare.ComparedStatistic;
import dev.tailgate.compare.Margins;
import dev.tailgate.history.changepoint.ChangePoint;
import dev.tailgate.history.changepoint.ChangePointOptions;
import dev.tailgate.history.changepoint.ChangePoints;
import dev.tailgate.summary.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Change points of each series and their likely causes. Pure: no I/O, no clock.
 *
 * <p>Only measured points (complete, not injected) enter detection: an aborted run's partial
 * results or an injected delay are not the system's performance, and one of them would be a
 * step by itself. They stay in the series, marked, for the page and the listing.
 *
 * <p>A step is a REGRESSION when it goes the worse way (latency up, throughput down), its point
 * estimate is beyond the statistic's regression margin ({@link Margins#defaults}, as
 * {@code compare} uses), and its 95% interval excludes no change; the same the other way is an
 * IMPROVEMENT, anything else a SHIFT: real (the change-point test found it) but too small to
 * matter by the margins. Gating statistics are those compare judges (mean, percentiles,
 * throughput); the maximum is shown but never fails.
 */
public final class HistoryAnalysis {
    private HistoryAnalysis() {
    }

    public static List<SeriesHistory> analyse(Map<SeriesKey, List<SeriesPoint>> series, ChangePointOptions options,
                                              Margins margins) {
        // independent per series, and detection is most of a warm history's work; order is kept
        return series.entrySet().parallelStream().map(e -> analyse(e.getKey(), e.getValue(), options, margins)).toList();
    }

    static SeriesHistory analyse(SeriesKey key, List<SeriesPoint> points, ChangePointOptions options, Margins margins) {
        List<SeriesPoint> measured = points.stream().filter(p -> p.run().measurement()).toList();
        double[] values = measured.stream().mapToDouble(SeriesPoint::value).toArray();
        ComparedStatistic gating = gating(key.statistic());
        List<Step> steps = new ArrayList<>();
        for (ChangePoint cp : ChangePoints.detect(values, options)) {
            HistoryRun before = measured.get(cp.index() - 1).run();
            HistoryRun after = measured.get(cp.index()).run();
            double margin = gating == null ? 0 : margins.of(gating);
            boolean lowerIsBetter = gating == null || gating.lowerIsBetter();
            steps.add(new Step(cp, before, after, Identity.changes(before.identity(), after.identity()),
                    kind(cp, margin, lowerIsBetter), gating != null));
        }
        return new SeriesHistory(key, points, steps);
    }

    static Step.Kind kind(ChangePoint cp, double margin, boolean lowerIsBetter) {
        boolean up = cp.ratio() > 1 + margin && cp.ratioLow() > 1;
        boolean down = cp.ratio() < 1 - margin && cp.ratioHigh() < 1;
        if (up || down) {
            return up == lowerIsBetter ? Step.Kind.REGRESSION : Step.Kind.IMPROVEMENT;
        }
        return Step.Kind.SHIFT;
    }

    /** The compare statistic of a summary statistic, or null for one the gate does not judge (max). */
    static ComparedStatistic gating(String statistic) {
        for (ComparedStatistic s : ComparedStatistic.values()) {
            if (s.label().equals(statistic)) {
                return s;
            }
        }
        return null;
    }
}
