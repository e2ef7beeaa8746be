package dev.tailgate.history.changepoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Change points of a series, found as Apache Otava (formerly Hunter; Fleming et al., ICPE 2023)
 * finds them. Two passes:
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
 *       series. The weakest (largest p-value) is removed while any p-value is at least
 *       {@code maxPValue}, and its neighbours are re-tested against their new, longer segments.
 * </ol>
 *
 * Deterministic: there is no permutation test and no random number. The method, its parameters and
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
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("change points: point " + i + " of the series is "
                        + series[i] + "; leave excluded runs out instead");
            }
        }
        if (series.length < 2 * options.minSegment()) {
            return List.of();
        }
        int[] weak = split(series, options);
        return merge(series, weak, options);
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
        int count = 0;
        for (boolean f : found) {
            count += f ? 1 : 0;
        }
        int[] weak = new int[count];
        for (int i = 0, k = 0; i < x.length; i++) {
            if (found[i]) {
                weak[k++] = i;
            }
        }
        return weak;
    }

    /**
     * Otava's divisive search inside {@code x[start, end)}: take the interval whose best split has
     * the largest Q-hat; keep the split if its t-test passes the first-pass threshold, else stop.
     */
    private static List<Integer> inWindow(double[] x, int start, int end, ChangePointOptions options) {
        List<Integer> bounds = new ArrayList<>(List.of(start, end));
        List<EDivisive.Candidate> candidates = new ArrayList<>();
        candidates.add(EDivisive.best(x, start, end, options.minSegment()));
        List<Integer> accepted = new ArrayList<>();
        while (true) {
            int strongest = -1;
            for (int i = 0; i < candidates.size(); i++) {
                EDivisive.Candidate c = candidates.get(i);
                if (c.index() >= 0 && (strongest < 0 || c.qHat() > candidates.get(strongest).qHat())) {
                    strongest = i;
                }
            }
            if (strongest < 0) {
                return accepted;
            }
            int from = bounds.get(strongest);
            int to = bounds.get(strongest + 1);
            int at = candidates.get(strongest).index();
            if (!(SegmentTest.pValue(x, from, at, to) <= options.firstPassPValue())) {
                return accepted;
            }
            accepted.add(at);
            bounds.add(strongest + 1, at);
            candidates.set(strongest, EDivisive.best(x, from, at, options.minSegment()));
            candidates.add(strongest + 1, EDivisive.best(x, at, to, options.minSegment()));
        }
    }

    /**
     * The merge pass. A weak change point closer than {@code minSegment} to a neighbour (windows
     * can propose two nearby splits of one step) goes first; then the one with the largest
     * p-value while it is not below {@code maxPValue}. Both neighbours of a removed point are
     * re-tested. (Otava re-tests the right neighbour and the one after it, leaving the left
     * neighbour's statistics stale; here the left one is re-tested too.)
     */
    static List<ChangePoint> merge(double[] x, int[] weak, ChangePointOptions options) {
        List<Integer> points = new ArrayList<>(weak.length);
        for (int w : weak) {
            points.add(w);
        }
        List<ChangePoint> stats = new ArrayList<>(weak.length);
        for (int i = 0; i < points.size(); i++) {
            stats.add(describe(x, points, i));
        }
        while (!points.isEmpty()) {
            int weakest = weakest(x, points, stats, options);
            if (weakest < 0) {
                break;
            }
            points.remove(weakest);
            stats.remove(weakest);
            if (weakest > 0) {
                stats.set(weakest - 1, describe(x, points, weakest - 1));
            }
            if (weakest < points.size()) {
                stats.set(weakest, describe(x, points, weakest));
            }
        }
        return List.copyOf(stats);
    }

    /** The position of the point to remove next, or -1 when every remaining point stands. */
    private static int weakest(double[] x, List<Integer> points, List<ChangePoint> stats,
                               ChangePointOptions options) {
        int tooShort = -1;
        int largestP = 0;
        for (int i = 0; i < points.size(); i++) {
            boolean shortSide = points.get(i) - lower(points, i) < options.minSegment()
                    || upper(x, points, i) - points.get(i) < options.minSegment();
            if (shortSide && (tooShort < 0 || stats.get(i).pValue() > stats.get(tooShort).pValue())) {
                tooShort = i;
            }
            if (stats.get(i).pValue() > stats.get(largestP).pValue()) {
                largestP = i;
            }
        }
        if (tooShort >= 0) {
            return tooShort;
        }
        if (!(stats.get(largestP).pValue() < options.maxPValue())) {
            return largestP;
        }
        int smallest = 0;
        double smallestMagnitude = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            double m = magnitude(x, points, i);
            if (m < smallestMagnitude) {
                smallestMagnitude = m;
                smallest = i;
            }
        }
        return smallestMagnitude > 0 ? -1 : smallest;
    }

    private static double magnitude(double[] x, List<Integer> points, int i) {
        int at = points.get(i);
        return SegmentTest.magnitude(SegmentTest.Moments.of(x, lower(points, i), at),
                SegmentTest.Moments.of(x, at, upper(x, points, i)));
    }

    private static ChangePoint describe(double[] x, List<Integer> points, int i) {
        return SegmentTest.describe(x, lower(points, i), points.get(i), upper(x, points, i));
    }

    private static int lower(List<Integer> points, int i) {
        return i == 0 ? 0 : points.get(i - 1);
    }

    private static int upper(double[] x, List<Integer> points, int i) {
        return i == points.size() - 1 ? x.length : points.get(i + 1);
    }
}
