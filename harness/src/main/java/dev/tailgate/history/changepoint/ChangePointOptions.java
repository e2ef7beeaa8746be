package dev.tailgate.history.changepoint;

/**
 * Settings of {@link ChangePoints#detect}.
 *
 * @param maxPValue  a change point is kept only when the two-sample t-test between the segments on
 *                   either side gives a p-value below this; the first, windowed pass uses a looser
 *                   threshold (ten times this below 0.05), as Apache Otava does
 * @param window     length of the sliding windows of the candidate search (they overlap by half)
 * @param minSegment fewest points a segment on either side of a change point may have
 */
public record ChangePointOptions(double maxPValue, int window, int minSegment) {
    /**
     * Otava's defaults (p below 0.001, window 50), and segments of at least 5 points. Otava has no
     * minimum segment: a run of one point at the end of a series (an outlier on the newest night)
     * passes its t-test easily and would be reported as a step. Five nightly runs, a working week,
     * is the shortest plateau worth a triage; it keeps one- and two-night excursions from being
     * called steps and still reports a real step five nights after it happened. See
     * docs/change-points.md.
     */
    public static ChangePointOptions defaults() {
        return new ChangePointOptions(0.001, 50, 5);
    }

    public ChangePointOptions {
        if (!(maxPValue > 0 && maxPValue < 1)) {
            throw new IllegalArgumentException("change points: maxPValue must be in (0, 1), was " + maxPValue);
        }
        if (minSegment < 1) {
            throw new IllegalArgumentException("change points: minSegment must be at least 1, was " + minSegment);
        }
        if (window < 2 * minSegment) {
            throw new IllegalArgumentException("change points: window must be at least 2 x minSegment ("
                    + 2 * minSegment + "), was " + window);
        }
    }

    /**
     * The threshold of the windowed first pass, exactly Otava's: looser than the final one, so a
     * step whose evidence inside one window is weak stays a candidate until the merge pass tests
     * it against the whole segments on either side.
     */
    double firstPassPValue() {
        if (maxPValue < 0.05) {
            return maxPValue * 10;
        }
        return maxPValue < 0.5 ? maxPValue * 2 : maxPValue;
    }
}
