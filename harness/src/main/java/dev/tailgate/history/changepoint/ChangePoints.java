package dev.tailgate.history.changepoint;

import java.util.Arrays;
import java.util.List;

/**
 * Change points of a series, found as Apache Otava (formerly Hunter; Fleming et al., ICPE 2023)
 * finds them, with two safeguards against outliers. Two passes:
 *
 * <ol>
 *   <li><b>Split.</b> Windows of {@code window} points, each starting half a window after the
 *       previous one (or at the last change point found, when that is further on). In each window
 *       E-Divisive means proposes the best split of the interval whose best split is strongest;
 *       a two-sample t-test between the two sides of that split keeps it when its p-value is at
 *       most the first-pass threshold, and the search repeats on the new intervals; the first
 *       split that fails ends the window. The union of all windows' splits are the weak change
 *       points.
 *   <li><b>Merge.</b> Each weak change point is re-tested between its neighbours over the whole
 *       series. The weakest is removed, and its neighbours re-tested against their new, longer
 *       segments, until every point left has a t-test p-value below {@code maxPValue}.
 * </ol>
 *
 * The safeguards: no segment shorter than {@code minSegment}, and each change point must also pass
 * a rank test ({@link SegmentTest#rankPValue}) at {@code maxPValue}, because the t-test alone calls
 * a single large spike at the end of a series a step: the mean must move, and the bulk with it. With {@code minSegment} 1 and
 * no rank test ({@link #detectAsOtava}) the result is Otava's, which scripts/otava-crosscheck.sh
 * checks. Deterministic: no permutation test, no random number. The method, its parameters and
 * its measured detection rates: docs/change-points.md.
 */
public final class ChangePoints {
    private ChangePoints() {
    }

    /**
     * The change points of {@code series}, in index order.
     *
     * @throws IllegalArgumentException when a point is NaN or infinite (excluded runs are left out
     *                                  by the caller, never passed as NaN)
     */
    public static List<ChangePoint> detect(double[] series, ChangePointOptions options) {
        return detect(series, options, true);
    }

    /** Otava's own method (its merge aside, see {@link Merge}): the t-test decides alone. */
    static List<ChangePoint> detectAsOtava(double[] series, ChangePointOptions options) {
        return detect(series, options, false);
    }

    private static List<ChangePoint> detect(double[] series, ChangePointOptions options, boolean rankTest) {
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("change points: point " + i + " of the series is "
                        + series[i] + "; leave excluded runs out instead");
            }
        }
        if (series.length < 2 * options.minSegment()) {
            return List.of();
        }
        return new Merge(series, split(series, options), options, rankTest).run();
    }

    /** The split pass: the sorted, distinct weak change points of all windows. */
    static int[] split(double[] x, ChangePointOptions options) {
        boolean[] found = new boolean[x.length];
        int step = options.window() / 2;
        int start = 0;
        while (start < x.length) {
            int end = Math.min(start + options.window(), x.length);
            int last = 0;
            for (int index : inWindow(x, start, end, options)) {
                found[index] = true;
                last = Math.max(last, index);
            }
            start = Math.max(last, start + step);
        }
        int[] weak = new int[x.length];
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            if (found[i]) {
                weak[count++] = i;
            }
        }
        return Arrays.copyOf(weak, count);
    }

    /**
     * Otava's divisive search inside {@code x[start, end)}: take the interval whose best split has
     * the largest Q-hat (the first on ties); keep the split if its t-test passes the first-pass
     * threshold, else stop. Interval i is {@code [bounds[i], bounds[i + 1])}.
     */
    private static int[] inWindow(double[] x, int start, int end, ChangePointOptions options) {
        int[] bounds = new int[end - start + 1];
        EDivisive.Candidate[] candidates = new EDivisive.Candidate[end - start];
        bounds[0] = start;
        bounds[1] = end;
        candidates[0] = EDivisive.best(x, start, end, options.minSegment());
        int intervals = 1;
        while (true) {
            int strongest = -1;
            for (int i = 0; i < intervals; i++) {
                if (candidates[i].index() >= 0 && (strongest < 0 || candidates[i].qHat() > candidates[strongest].qHat())) {
                    strongest = i;
                }
            }
            if (strongest < 0) {
                break;
            }
            int from = bounds[strongest];
            int to = bounds[strongest + 1];
            int at = candidates[strongest].index();
            if (!(SegmentTest.pValue(x, from, at, to) <= options.firstPassPValue())) {
                break;
            }
            System.arraycopy(bounds, strongest + 1, bounds, strongest + 2, intervals - strongest);
            System.arraycopy(candidates, strongest + 1, candidates, strongest + 2, intervals - strongest - 1);
            bounds[strongest + 1] = at;
            candidates[strongest] = EDivisive.best(x, from, at, options.minSegment());
            candidates[strongest + 1] = EDivisive.best(x, at, to, options.minSegment());
            intervals++;
        }
        return Arrays.copyOfRange(bounds, 1, intervals);
    }
}
