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
        List<Map<BenchmarkId, RunComparison.OpenLoopArm>> none = baseline.stream()
                .map(r -> Map.<BenchmarkId, RunComparison.OpenLoopArm>of()).toList();
        return forkRounds(baseline, none, candidate, none);
    }

    /**
     * Fork-level rounds with the fixed-rate benchmarks' response histograms of each round
     * ({@code baselineOpenLoop.get(r)}: round r's {@code .hlog} arms by benchmark). A benchmark
     * with them is paired on them, every request timed from its intended start, as
     * {@link RunComparison} judges two runs: JMH's single-shot score of a fixed-rate run is only
     * the length of its schedule. A benchmark with them in some rounds or sides but not all is
     * not paired, and a note says so. A round whose generator fell behind its schedule is left
     * out, with a note.
     */
    public static Result forkRounds(List<Run> baseline, List<Map<BenchmarkId, RunComparison.OpenLoopArm>> baselineOpenLoop,
                                    List<Run> candidate, List<Map<BenchmarkId, RunComparison.OpenLoopArm>> candidateOpenLoop) {
        if (baseline.size() != candidate.size() || baseline.isEmpty()
                || baselineOpenLoop.size() != baseline.size() || candidateOpenLoop.size() != candidate.size()) {
            throw new IllegalArgumentException(baseline.size() + " baseline runs and " + candidate.size()
                    + " candidate runs; fork-level rounds need one of each per round");
        }
        List<Map<BenchmarkId, BenchmarkResult>> base = baseline.stream().map(RunComparison::index).toList();
        List<Map<BenchmarkId, BenchmarkResult>> cand = candidate.stream().map(RunComparison::index).toList();
        List<PairedInput> inputs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (BenchmarkId id : base.get(0).keySet()) {
            String label = id.label();
            boolean openLoop = baselineOpenLoop.stream().anyMatch(m -> m.containsKey(id))
                    || candidateOpenLoop.stream().anyMatch(m -> m.containsKey(id));
            List<PairedRound> rounds = new ArrayList<>();
            ScoreKind kind = null;
            boolean broken = false;
            for (int r = 0; r < base.size() && !broken; r++) {
                Optional<Arm> a = openLoop ? openLoopSide(baselineOpenLoop.get(r), id, notes, "baseline round " + (r + 1))
                        : side(base.get(r), id, notes, "baseline round " + (r + 1));
                Optional<Arm> b = openLoop ? openLoopSide(candidateOpenLoop.get(r), id, notes, "candidate round " + (r + 1))
                        : side(cand.get(r), id, notes, "candidate round " + (r + 1));
                broken = a.isEmpty() || b.isEmpty() || !pairable(label, r, a.get(), b.get(), kind, notes);
                if (broken || (openLoop && generatorFellBehind(label, r, base.get(r).get(id), cand.get(r).get(id), notes))) {
                    continue;
                }
                kind = a.get().scoreKind();
                rounds.add(new PairedRound(a.get().forks().get(0), b.get().forks().get(0)));
            }
            ScoreKind k = kind;
            if (!broken && !rounds.isEmpty()) {
                StatisticSource source = openLoop ? StatisticSource.FIXED_RATE_RESPONSE : StatisticSource.JMH_SAMPLE_HISTOGRAM;
                add(inputs, notes, label, () -> new PairedInput(label, k, Design.PAIRED_FORK_ROUNDS,
                        rounds.stream().map(List::of).toList(), source));
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
        return iterationRounds(run, baselineFirst, false);
    }

    /**
     * As {@link #iterationRounds(Run, boolean)}; with {@code mirrored}, every odd fork (0-based)
     * ran the mirrored pattern, so its first round is led by the other arm.
     */
    public static Result iterationRounds(Run run, boolean baselineFirst, boolean mirrored) {
        List<PairedInput> inputs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<BenchmarkId, BenchmarkResult> e : RunComparison.index(run).entrySet()) {
            String label = e.getKey().label();
            Optional<Arm> arm = RunComparison.arm(e.getValue(), notes, "alternating");
            if (arm.isPresent()) {
                add(inputs, notes, label, () -> PairedInput.iterationRounds(label, arm.get().scoreKind(),
                        java.util.stream.IntStream.range(0, arm.get().forks().size())
                                .mapToObj(k -> PairedRound.alternating(arm.get().forks().get(k),
                                        baselineFirst != (mirrored && k % 2 == 1))).toList()));
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

    /** One fork a side and one kind of score throughout; otherwise a note, and the benchmark is not paired. */
    private static boolean pairable(String label, int r, Arm a, Arm b, ScoreKind kind, List<String> notes) {
        if (a.forks().size() != 1 || b.forks().size() != 1) {
            notes.add(label + ": round " + (r + 1) + " has " + a.forks().size() + " baseline and "
                    + b.forks().size() + " candidate forks; fork-level rounds need one each, not paired");
            return false;
        }
        if (a.scoreKind() != b.scoreKind() || (kind != null && kind != a.scoreKind())) {
            notes.add(label + ": round " + (r + 1) + " mixes throughput and time-per-operation scores, not paired");
            return false;
        }
        return true;
    }

    /**
     * A round in which a fixed-rate generator did not keep its schedule (JMH secondary metric
     * {@code valid} 0) measured the generator's lateness, not the server: it is left out, with a
     * note, as {@link RunComparison} caps such a benchmark of two runs at INCONCLUSIVE.
     */
    private static boolean generatorFellBehind(String label, int r, BenchmarkResult base, BenchmarkResult cand,
                                               List<String> notes) {
        List<String> flaws = new ArrayList<>();
        if (base != null) {
            flaws.addAll(RunComparison.generatorFlaws(base, "baseline"));
        }
        if (cand != null) {
            flaws.addAll(RunComparison.generatorFlaws(cand, "candidate"));
        }
        if (flaws.isEmpty()) {
            return false;
        }
        notes.add(label + ": round " + (r + 1) + " left out: the fixed-rate generator fell behind its schedule ("
                + String.join(", ", flaws) + ")");
        return true;
    }

    private static Optional<Arm> openLoopSide(Map<BenchmarkId, RunComparison.OpenLoopArm> round, BenchmarkId id,
                                              List<String> notes, String which) {
        RunComparison.OpenLoopArm a = round.get(id);
        if (a == null) {
            notes.add(id.label() + ": no fixed-rate response histograms (.hlog) in the " + which + ", not paired");
            return Optional.empty();
        }
        return Optional.of(a.arm());
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
