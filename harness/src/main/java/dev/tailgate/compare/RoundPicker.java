package dev.tailgate.compare;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Paired replicates: picks rounds once and hands the same picks to both arms, so a picked
 * round brings its baseline and its candidate side together and whatever the host did during
 * that round (a slow regime, the drift of that hour) enters both sides of the ratio alike.
 *
 * <p>Two levels, the same code for both designs: pick as many groups as there are, with
 * replacement; inside each picked group pick as many of its rounds as it has, with replacement
 * (a group of one round is just taken). Fork-level rounds are groups of one, so this is a plain
 * resampling of rounds; iteration-level rounds are grouped by JMH fork, so forks are resampled
 * first and rounds inside them second. Iterations inside each side are then resampled by
 * {@link ArmResampler#drawForks}, each arm on its own (the i-th iterations of two sides were not
 * measured at the same moment).
 *
 * <p>Mutable scratch state: one instance per benchmark and thread.
 */
final class RoundPicker implements HierarchicalBootstrap.Replicates {
    private final int[][] groups;
    private final int[] picked;

    RoundPicker(PairedInput input) {
        List<List<PairedRound>> gs = input.groups();
        groups = new int[gs.size()][];
        int next = 0;
        int largest = 0;
        for (int g = 0; g < groups.length; g++) {
            groups[g] = new int[gs.get(g).size()];
            for (int r = 0; r < groups[g].length; r++) {
                groups[g][r] = next++;
            }
            largest = Math.max(largest, groups[g].length);
        }
        picked = new int[Math.multiplyExact(groups.length, largest)];
        checkSampleBound(input, picked.length);
    }

    /**
     * The replicate's percentiles add counts in int arithmetic ({@link ArmResampler}); the
     * independent bootstrap never picks more iterations than an arm has, but a paired replicate
     * of unequal groups can pick the largest group every time. Refuses data where that could
     * exceed 2^31-1 samples in one arm.
     */
    private static void checkSampleBound(PairedInput input, int maxPicks) {
        long largestSide = 0;
        for (List<PairedRound> g : input.groups()) {
            for (PairedRound r : g) {
                largestSide = Math.max(largestSide, sideBound(r.baseline()));
                largestSide = Math.max(largestSide, sideBound(r.candidate()));
            }
        }
        if (largestSide * maxPicks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(input.benchmark() + ": up to " + maxPicks + " rounds of up to " + largestSide
                    + " samples per side: a resampled arm could exceed 2^31-1 samples");
        }
    }

    /** Most samples one resampled side can bring: its iterations times its largest iteration. */
    private static long sideBound(Fork side) {
        long largest = 0;
        for (LatencyCounts c : side.iterationLatencies()) {
            largest = Math.max(largest, c.total());
        }
        return largest * side.iterationLatencies().size();
    }

    @Override
    public void draw(ArmResampler baseline, ArmResampler candidate, SplittableRandom rng) {
        int count = pick(rng);
        baseline.drawForks(picked, count, rng);
        candidate.drawForks(picked, count, rng);
    }

    /** Picks rounds into {@code picked}; returns how many. */
    int pick(SplittableRandom rng) {
        int count = 0;
        for (int k = 0; k < groups.length; k++) {
            int[] g = groups[ArmResampler.below(rng, groups.length)];
            for (int j = 0; j < g.length; j++) {
                picked[count++] = g[g.length == 1 ? 0 : ArmResampler.below(rng, g.length)];
            }
        }
        return count;
    }

    /** The rounds of the last {@link #pick}, for tests. */
    int[] picked(int count) {
        return java.util.Arrays.copyOf(picked, count);
    }

    @Override
    public String unit() {
        return "rounds";
    }
}
