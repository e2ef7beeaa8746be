package dev.tailgate.history;

import java.util.List;
import java.util.Objects;

/**
 * One series over time with its change points.
 *
 * @param points every run's point, measured or not, oldest first
 * @param steps  change points found among the measured points, oldest first
 */
public record SeriesHistory(SeriesKey key, List<SeriesPoint> points, List<Step> steps) {
    public SeriesHistory {
        Objects.requireNonNull(key, "key");
        points = List.copyOf(points);
        steps = List.copyOf(steps);
    }

    /**
     * Whether the newest measured run sits after a regression on a gating statistic: the newest
     * segment's level is set by the last step, so only that step decides. A regression that a
     * later step undid (or a later improvement outweighs) does not fail.
     */
    public boolean failsGate() {
        if (steps.isEmpty()) {
            return false;
        }
        Step last = steps.get(steps.size() - 1);
        return last.gating() && last.kind() == Step.Kind.REGRESSION;
    }
}
