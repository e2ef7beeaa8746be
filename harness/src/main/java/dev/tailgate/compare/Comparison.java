package dev.tailgate.compare;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import dev.tailgate.thresholds.InconclusivePolicy;

/**
 * A finished baseline-versus-candidate comparison: what every report writer renders and the
 * ledger records. Writers compute nothing from it; everything they show is here.
 *
 * @param baselineRun        run id or path of the baseline as resolved
 * @param baselineTakenAt    when the baseline was measured (manifest start), if known
 * @param candidateRun       the same for the candidate
 * @param candidateTakenAt   when the candidate was measured, if known
 * @param seed               bootstrap seed: the same seed gives the same output
 * @param declaredVariables  what the A/B changed on purpose (REDIS_PROFILE, ...)
 * @param allowedMismatches  like-with-like differences accepted with --allow-mismatch
 * @param allowedDrift       critical environment drift accepted with --allow-drift
 * @param flags              options that weaken the decision (allow-mismatch, allow-drift)
 * @param checks             one per benchmark x statistic, in benchmark order
 * @param notes              benchmarks only in one arm, data that could not be judged
 * @param curves             per benchmark, both arms' percentile distributions for plots
 * @param decision           REGRESSION, IMPROVEMENT, NO CHANGE or INCONCLUSIVE
 * @param design             how the data were measured and resampled (paired rounds, or two independent runs)
 * @param inconclusive       what a gating check that is not shown does to the exit code
 *                           ({@code regression: inconclusive:}, FAIL unless a threshold file says otherwise)
 * @param sequence           for an A/B: how it ran and why it stopped (rounds, looks, budget)
 */
public record Comparison(String baselineRun, Optional<Instant> baselineTakenAt, String candidateRun,
                         Optional<Instant> candidateTakenAt, long seed, List<String> declaredVariables,
                         List<String> allowedMismatches, List<String> allowedDrift, List<String> flags,
                         List<CheckResult> checks, List<String> notes, List<BenchmarkCurve> curves,
                         Classification decision, Design design, InconclusivePolicy inconclusive,
                         List<String> sequence) {

    /** Two independent runs under the default policy (INCONCLUSIVE fails). */
    public Comparison(String baselineRun, Optional<Instant> baselineTakenAt, String candidateRun,
                      Optional<Instant> candidateTakenAt, long seed, List<String> declaredVariables,
                      List<String> allowedMismatches, List<String> allowedDrift, List<String> flags,
                      List<CheckResult> checks, List<String> notes, List<BenchmarkCurve> curves,
                      Classification decision) {
        this(baselineRun, baselineTakenAt, candidateRun, candidateTakenAt, seed, declaredVariables, allowedMismatches,
                allowedDrift, flags, checks, notes, curves, decision, Design.INDEPENDENT,
                RegressionMargins.DEFAULT_INCONCLUSIVE, List.of());
    }

    public Comparison {
        Objects.requireNonNull(baselineRun);
        Objects.requireNonNull(candidateRun);
        declaredVariables = List.copyOf(declaredVariables);
        allowedMismatches = List.copyOf(allowedMismatches);
        allowedDrift = List.copyOf(allowedDrift);
        flags = List.copyOf(flags);
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
        curves = List.copyOf(curves);
        Objects.requireNonNull(decision);
        Objects.requireNonNull(design);
        Objects.requireNonNull(inconclusive);
        sequence = List.copyOf(sequence);
    }

    /** One point of a percentile distribution: percentile in (0, 100), values in ns. */
    public record CurvePoint(double percentile, double baselineNanos, double candidateNanos) {
    }

    /** Both arms' latency distributions of one sample-mode benchmark, merged over forks. */
    public record BenchmarkCurve(String benchmark, long baselineSamples, long candidateSamples, List<CurvePoint> points) {
        public BenchmarkCurve {
            points = List.copyOf(points);
        }
    }

    /**
     * Whether the comparison fails a gate: a gating check is a REGRESSION, or one is not shown
     * (INCONCLUSIVE) under {@code inconclusive: fail}. Not shown is never green by accident.
     */
    public boolean failed() {
        return checks.stream().anyMatch(CheckResult::failsGate)
                || (inconclusive == InconclusivePolicy.FAIL && !notShown().isEmpty());
    }

    /** The gating checks that are INCONCLUSIVE: what this comparison could not show. */
    public List<CheckResult> notShown() {
        return checks.stream().filter(c -> c.gating() && c.classification() == Classification.INCONCLUSIVE).toList();
    }

    /** The overall decision from the checks (pure). */
    public static Classification decide(List<CheckResult> checks) {
        if (checks.stream().anyMatch(CheckResult::failsGate)) {
            return Classification.REGRESSION;
        }
        List<CheckResult> gating = checks.stream().filter(CheckResult::gating).toList();
        if (gating.isEmpty()) {
            return Classification.INCONCLUSIVE;
        }
        if (gating.stream().allMatch(c -> c.classification() == Classification.NO_CHANGE)) {
            return Classification.NO_CHANGE;
        }
        if (gating.stream().anyMatch(c -> c.classification() == Classification.IMPROVEMENT)
                && gating.stream().noneMatch(c -> c.classification() == Classification.INCONCLUSIVE)) {
            return Classification.IMPROVEMENT;
        }
        return Classification.INCONCLUSIVE;
    }
}
