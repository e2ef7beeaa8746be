package dev.tailgate.history;

import dev.tailgate.history.changepoint.ChangePoint;
import dev.tailgate.summary.Identity;
import java.util.List;
import java.util.Objects;

/**
 * A change point of one series with what history says about it.
 *
 * @param before  the last measured run before the step
 * @param after   the first measured run after it
 * @param causes  what changed in the manifest and fingerprint between {@code before} and
 *                {@code after} ({@link Identity#changes}); empty when nothing recorded did
 * @param kind    REGRESSION, IMPROVEMENT or SHIFT (a step within the margin)
 * @param gating  whether the statistic is one the gate judges
 */
public record Step(ChangePoint point, HistoryRun before, HistoryRun after, List<String> causes, Kind kind,
                   boolean gating) {
    /** How a step counts for the user. */
    public enum Kind { REGRESSION, IMPROVEMENT, SHIFT }

    public Step {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(kind, "kind");
        causes = List.copyOf(causes);
    }

    /** "+12.3% [+8.1%, +16.0%]": the step as a change of the mean, with its 95% interval. */
    public String size() {
        return percent(point.ratio()) + " [" + percent(point.ratioLow()) + ", " + percent(point.ratioHigh()) + "]";
    }

    private static String percent(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "n/a";
        }
        return String.format(java.util.Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }
}
