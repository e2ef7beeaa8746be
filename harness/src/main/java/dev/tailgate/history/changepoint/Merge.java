package dev.tailgate.history.changepoint;

import java.util.Arrays;
import java.util.List;

/**
 * The merge pass of {@link ChangePoints}: weak change points are removed one at a time, weakest
 * first, and the neighbours of each removed point re-tested against their longer segments, until
 * every point left stands. The weakest, in this order:
 *
 * <ol>
 *   <li>a point closer than {@code minSegment} to a neighbour or an end (two windows can propose
 *       two nearby splits of one step), the one with the largest t-test p-value first;
 *   <li>Otava's rule: the largest t-test p-value, while it is not below {@code maxPValue};
 *   <li>with the rank test on: the largest rank-test p-value, while it is not below
 *       {@code maxPValue};
 *   <li>Otava's rule: a point whose segments have equal means (no change at all).
 * </ol>
 *
 * Otava re-tests, after a removal at position i, the points now at i and i + 1: the right
 * neighbour and the one after it, whose segments did not change, while the left neighbour keeps
 * the p-value of its old, shorter right segment. Here both neighbours are re-tested.
 */
final class Merge {
    private final double[] x;
    private final ChangePointOptions options;
    private final boolean rankTest;
    private final int[] points;
    private final ChangePoint[] stats;
    private final double[] rankP;
    private int count;

    Merge(double[] x, int[] weak, ChangePointOptions options, boolean rankTest) {
        this.x = x;
        this.options = options;
        this.rankTest = rankTest;
        this.points = weak.clone();
        this.count = weak.length;
        this.stats = new ChangePoint[count];
        this.rankP = new double[count];
        for (int i = 0; i < count; i++) {
            retest(i);
        }
    }

    List<ChangePoint> run() {
        int weakest;
        while (count > 0 && (weakest = weakest()) >= 0) {
            System.arraycopy(points, weakest + 1, points, weakest, count - weakest - 1);
            System.arraycopy(stats, weakest + 1, stats, weakest, count - weakest - 1);
            System.arraycopy(rankP, weakest + 1, rankP, weakest, count - weakest - 1);
            count--;
            if (weakest > 0) {
                retest(weakest - 1);
            }
            if (weakest < count) {
                retest(weakest);
            }
        }
        return List.of(Arrays.copyOf(stats, count));
    }

    private void retest(int i) {
        stats[i] = SegmentTest.describe(x, lower(i), points[i], upper(i));
        rankP[i] = rankTest ? SegmentTest.rankPValue(x, lower(i), points[i], upper(i)) : 0;
    }

    /** The position of the point to remove next, or -1 when every remaining point stands. */
    private int weakest() {
        int tooShort = -1;
        int largestP = 0;
        int largestRankP = 0;
        for (int i = 0; i < count; i++) {
            boolean shortSide = points[i] - lower(i) < options.minSegment() || upper(i) - points[i] < options.minSegment();
            if (shortSide && (tooShort < 0 || stats[i].pValue() > stats[tooShort].pValue())) {
                tooShort = i;
            }
            largestP = stats[i].pValue() > stats[largestP].pValue() ? i : largestP;
            largestRankP = rankP[i] > rankP[largestRankP] ? i : largestRankP;
        }
        if (tooShort >= 0) {
            return tooShort;
        }
        if (!(stats[largestP].pValue() < options.maxPValue())) {
            return largestP;
        }
        if (!(rankP[largestRankP] < options.maxPValue())) {
            return largestRankP;
        }
        return unchanged();
    }

    /** Otava's last check: the point with the smallest relative change, if that change is zero. */
    private int unchanged() {
        int smallest = -1;
        double smallestMagnitude = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double m = SegmentTest.magnitude(SegmentTest.Moments.of(x, lower(i), points[i]),
                    SegmentTest.Moments.of(x, points[i], upper(i)));
            if (m < smallestMagnitude) {
                smallestMagnitude = m;
                smallest = i;
            }
        }
        return smallestMagnitude > 0 ? -1 : smallest;
    }

    private int lower(int i) {
        return i == 0 ? 0 : points[i - 1];
    }

    private int upper(int i) {
        return i == count - 1 ? x.length : points[i + 1];
    }
}
