package dev.tailgate.compare;

import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Paired inputs from loaded JMH runs, for {@code tailgate ab}: the same conversion of JMH data
 * into {@link Fork}s as {@link RunComparison} (sample-mode histograms to nanosecond counts,
 * {@code rawData} to iteration scores), grouped into rounds. Pure: the runs are already loaded.
 */
public final class PairedRuns {
    private PairedRuns() {
    }

    /** The paired inputs, in the first run's benchmark order, and notes on what was left out and why. */
    public record Result(List<PairedInput> inputs, List<String> notes) {
        public Result {
            inputs = List.copyOf(inputs);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Fork-level rounds: {@code baseline.get(r)} and {@code candidate.get(r)} are round r's runs
     * of each arm, one JMH fork each, rounds in the order they ran. A benchmark is paired when
     * every run of both arms holds it with one fork of data of the same kind; otherwise a note
     * says why not.
     */
    public static Result forkRounds(List<Run> baseline, List<Run> candidate) {
        if (baseline.size() != candidate.size() || baseline.isEmpty()) {
            throw new IllegalArgumentException(baseline.size() + " baseline runs and " + candidate.size()
                    + " candidate runs; fork-level rounds need one of each per round");
        }
        List<Map<BenchmarkId, BenchmarkResult>> base = baseline.stream().map(RunComparison::index).toList();
        List<Map<BenchmarkId, BenchmarkResult>> cand = candidate.stream().map(RunComparison::index).toList();
        List<PairedInput> inputs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (BenchmarkId id : base.get(0).keySet()) {
            String label = id.label();
            List<PairedRound> rounds = new ArrayList<>();
            ScoreKind kind = null;
            for (int r = 0; r < base.size() && rounds.size() == r; r++) {
                Optional<Arm> a = side(base.get(r), id, notes, "baseline round " + (r + 1));
                Optional<Arm> b = side(cand.get(r), id, notes, "candidate round " + (r + 1));
                if (a.isEmpty() || b.isEmpty()) {
                    break;
                }
                if (a.get().forks().size() != 1 || b.get().forks().size() != 1) {
                    notes.add(label + ": round " + (r + 1) + " has " + a.get().forks().size() + " baseline and "
                            + b.get().forks().size() + " candidate forks; fork-level rounds need one each, not paired");
                    break;
                }
                if (a.get().scoreKind() != b.get().scoreKind() || (kind != null && kind != a.get().scoreKind())) {
                    notes.add(label + ": round " + (r + 1) + " mixes throughput and time-per-operation scores, not paired");
                    break;
                }
                kind = a.get().scoreKind();
                rounds.add(new PairedRound(a.get().forks().get(0), b.get().forks().get(0)));
            }
            ScoreKind k = kind;
            if (rounds.size() == base.size()) {
                add(inputs, notes, label, () -> PairedInput.forkRounds(label, k, rounds));
            }
        }
        return new Result(inputs, notes);
    }

    /**
     * Iteration-level rounds: every benchmark of {@code run} alternated its measurement
     * iterations between baseline and candidate in ABBA order ({@link PairedRound#alternating}),
     * {@code baselineFirst} saying who had the first iteration of each fork; each JMH fork is a
     * group of rounds.
     */
    public static Result iterationRounds(Run run, boolean baselineFirst) {
        List<PairedInput> inputs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<BenchmarkId, BenchmarkResult> e : RunComparison.index(run).entrySet()) {
            String label = e.getKey().label();
            Optional<Arm> arm = RunComparison.arm(e.getValue(), notes, "alternating");
            if (arm.isPresent()) {
                add(inputs, notes, label, () -> PairedInput.iterationRounds(label, arm.get().scoreKind(),
                        arm.get().forks().stream().map(f -> PairedRound.alternating(f, baselineFirst)).toList()));
            }
        }
        return new Result(inputs, notes);
    }

    /** Data that cannot be paired (odd iteration counts, sides of different kinds) becomes a note. */
    private static void add(List<PairedInput> inputs, List<String> notes, String label,
                            Supplier<PairedInput> input) {
        try {
            inputs.add(input.get());
        } catch (IllegalArgumentException e) {
            notes.add(label + ": " + e.getMessage() + ", not paired");
        }
    }

    private static Optional<Arm> side(Map<BenchmarkId, BenchmarkResult> run, BenchmarkId id, List<String> notes,
                                      String which) {
        BenchmarkResult r = run.get(id);
        if (r == null) {
            notes.add(id.label() + ": missing in the " + which + ", not paired");
            return Optional.empty();
        }
        return RunComparison.arm(r, notes, which);
    }
}
