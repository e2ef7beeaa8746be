package dev.tailgate.compare;

import java.util.List;
import java.util.Objects;

/**
 * One side of a comparison (baseline or candidate) for one benchmark: its forks. All forks of
 * an arm carry the same kinds of data (all with scores, or all with histograms, or both), so
 * that a resampled fork always contributes to the same statistics.
 */
public record Arm(ScoreKind scoreKind, List<Fork> forks) {

    public Arm {
        Objects.requireNonNull(scoreKind, "scoreKind");
        forks = List.copyOf(forks);
        if (forks.isEmpty()) {
            throw new IllegalArgumentException("an arm needs at least one fork");
        }
        boolean scores = forks.get(0).scoreCount() > 0;
        boolean histograms = !forks.get(0).iterationLatencies().isEmpty();
        for (int f = 1; f < forks.size(); f++) {
            Fork fork = forks.get(f);
            if ((fork.scoreCount() > 0) != scores || fork.iterationLatencies().isEmpty() == histograms) {
                throw new IllegalArgumentException("fork " + f + " carries different kinds of data than fork 0");
            }
        }
    }

    boolean hasScores() {
        return forks.get(0).scoreCount() > 0;
    }

    boolean hasHistograms() {
        return !forks.get(0).iterationLatencies().isEmpty();
    }
}
