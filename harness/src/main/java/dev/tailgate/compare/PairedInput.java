package dev.tailgate.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One benchmark of a paired A/B: its rounds, grouped by the unit the bootstrap resamples first.
 * For {@link Design#PAIRED_FORK_ROUNDS} every group is one round (each side a JMH fork of its
 * own); for {@link Design#PAIRED_ITERATION_ROUNDS} a group is one JMH fork and holds the rounds
 * its alternating iterations formed, in time order.
 *
 * @param latencySource what the latency histograms are, as in {@link ComparisonInput}
 */
public record PairedInput(String benchmark, ScoreKind scoreKind, Design design, List<List<PairedRound>> groups,
                          StatisticSource latencySource) {

    public PairedInput {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(scoreKind, "scoreKind");
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(latencySource, "latencySource");
        if (!design.paired()) {
            throw new IllegalArgumentException("a paired input needs a paired design, was " + design);
        }
        groups = groups.stream().map(List::copyOf).toList();
        if (groups.isEmpty() || groups.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException(benchmark + ": a paired input needs at least one round in every group");
        }
        if (design == Design.PAIRED_FORK_ROUNDS && groups.stream().anyMatch(g -> g.size() != 1)) {
            throw new IllegalArgumentException(benchmark + ": fork-level rounds are resampled one by one, one round per group");
        }
        new ComparisonInput(benchmark, baselineArm(scoreKind, groups), candidateArm(scoreKind, groups), latencySource);
    }

    /** Fork-level rounds of JMH data: each round's sides are one JMH fork of each arm. */
    public static PairedInput forkRounds(String benchmark, ScoreKind scoreKind, List<PairedRound> rounds) {
        return new PairedInput(benchmark, scoreKind, Design.PAIRED_FORK_ROUNDS,
                rounds.stream().map(List::of).toList(), StatisticSource.JMH_SAMPLE_HISTOGRAM);
    }

    /** Iteration-level rounds of JMH data, one list per JMH fork ({@link PairedRound#alternating}). */
    public static PairedInput iterationRounds(String benchmark, ScoreKind scoreKind, List<List<PairedRound>> roundsPerFork) {
        return new PairedInput(benchmark, scoreKind, Design.PAIRED_ITERATION_ROUNDS, roundsPerFork,
                StatisticSource.JMH_SAMPLE_HISTOGRAM);
    }

    /** All rounds, over all groups. */
    public int rounds() {
        return groups.stream().mapToInt(List::size).sum();
    }

    /** The first {@code n} rounds in group order: the data a look at {@code n} rounds sees. */
    public PairedInput firstRounds(int n) {
        if (n < 1 || n > rounds()) {
            throw new IllegalArgumentException(benchmark + ": " + n + " of " + rounds() + " rounds");
        }
        List<List<PairedRound>> out = new ArrayList<>();
        int left = n;
        for (List<PairedRound> g : groups) {
            if (left == 0) {
                break;
            }
            out.add(g.subList(0, Math.min(left, g.size())));
            left -= Math.min(left, g.size());
        }
        return new PairedInput(benchmark, scoreKind, design, out, latencySource);
    }

    /**
     * The same data as two unrelated arms, for {@link CompareEngine#compare}: fork-level rounds
     * give each arm one fork per round; iteration-level rounds give each arm one fork per JMH
     * fork, holding its side of every round of that fork. Pairing is forgotten.
     */
    public ComparisonInput unpaired() {
        if (design == Design.PAIRED_FORK_ROUNDS) {
            return comparisonInput();
        }
        return new ComparisonInput(benchmark, new Arm(scoreKind, groups.stream().map(g -> joined(g, true)).toList()),
                new Arm(scoreKind, groups.stream().map(g -> joined(g, false)).toList()), latencySource);
    }

    /** Each side of every round as a fork of its arm, rounds in group order: what the paired bootstrap resamples. */
    ComparisonInput comparisonInput() {
        return new ComparisonInput(benchmark, baselineArm(scoreKind, groups), candidateArm(scoreKind, groups), latencySource);
    }

    private static Arm baselineArm(ScoreKind kind, List<List<PairedRound>> groups) {
        return new Arm(kind, groups.stream().flatMap(List::stream).map(PairedRound::baseline).toList());
    }

    private static Arm candidateArm(ScoreKind kind, List<List<PairedRound>> groups) {
        return new Arm(kind, groups.stream().flatMap(List::stream).map(PairedRound::candidate).toList());
    }

    private static Fork joined(List<PairedRound> group, boolean baseline) {
        List<Double> scores = new ArrayList<>();
        List<LatencyCounts> latencies = new ArrayList<>();
        for (PairedRound r : group) {
            Fork side = baseline ? r.baseline() : r.candidate();
            for (double s : side.iterationScores()) {
                scores.add(s);
            }
            latencies.addAll(side.iterationLatencies());
        }
        return new Fork(scores.stream().mapToDouble(Double::doubleValue).toArray(), latencies);
    }
}
