package dev.tailgate.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One round of a paired A/B: the baseline's and the candidate's data measured next to each
 * other in time on one host, so that whatever the host did then (a slow regime, drift) touched
 * both. Each side is a {@link Fork}: a whole JMH fork with its iterations (fork-level rounds), or
 * a single iteration (iteration-level rounds, see {@link #alternating}).
 */
public record PairedRound(Fork baseline, Fork candidate) {

    public PairedRound {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
    }

    /**
     * The rounds of one JMH fork whose measurement iterations alternate between the two sides in
     * ABBA order: iterations 1-2 are round 1, 3-4 round 2, and so on, the baseline first in odd
     * rounds and second in even ones when {@code baselineFirst} (mirrored otherwise). Each side
     * of a round is that one iteration: its score and/or its latency counts.
     */
    public static List<PairedRound> alternating(Fork fork, boolean baselineFirst) {
        double[] scores = fork.iterationScores();
        List<LatencyCounts> latencies = fork.iterationLatencies();
        int n = Math.max(scores.length, latencies.size());
        if (scores.length > 0 && !latencies.isEmpty() && scores.length != latencies.size()) {
            throw new IllegalArgumentException("fork has " + scores.length + " iteration scores but "
                    + latencies.size() + " latency histograms; alternating rounds need one of each per iteration");
        }
        if (n % 2 != 0) {
            throw new IllegalArgumentException("fork has " + n + " iterations; alternating rounds need an even number");
        }
        List<PairedRound> rounds = new ArrayList<>(n / 2);
        for (int r = 0; r < n / 2; r++) {
            Fork first = iteration(scores, latencies, 2 * r);
            Fork second = iteration(scores, latencies, 2 * r + 1);
            boolean baselineLeads = (r % 2 == 0) == baselineFirst;
            rounds.add(baselineLeads ? new PairedRound(first, second) : new PairedRound(second, first));
        }
        return List.copyOf(rounds);
    }

    private static Fork iteration(double[] scores, List<LatencyCounts> latencies, int i) {
        double[] score = scores.length == 0 ? new double[0] : new double[] {scores[i]};
        return new Fork(score, latencies.isEmpty() ? List.of() : List.of(latencies.get(i)));
    }
}
