package dev.tailgate.gate;

import dev.tailgate.model.BenchmarkId;
import dev.tailgate.model.BenchmarkResult;
import dev.tailgate.model.Check;
import dev.tailgate.model.IterationHistogram;
import dev.tailgate.model.MetricUnit;
import dev.tailgate.model.Mode;
import dev.tailgate.model.Numbers;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.Run;
import dev.tailgate.model.Statistic;
import dev.tailgate.model.TailHistogram;
import dev.tailgate.model.Verdict;
import dev.tailgate.thresholds.InconclusivePolicy;
import dev.tailgate.thresholds.Limit;
import dev.tailgate.thresholds.Policy;
import dev.tailgate.thresholds.Rule;
import dev.tailgate.thresholds.Thresholds;
import dev.tailgate.thresholds.Waiver;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The gate's decision rules: (thresholds, run, today) → verdict. Pure: no I/O, no clock.
 *
 * <p>Every (rule, matching benchmark, limit) gives one check. Data that is missing or NaN, a
 * statistic the benchmark's mode cannot provide, and a benchmark a rule names exactly but the
 * run lacks are ERROR — never PASS. A rule whose glob matches nothing is listed as unmatched.
 * A run that is not complete (a manifest that says aborted, invalid or still RUNNING, or a run
 * directory without a manifest) cannot pass: its passing checks become INCONCLUSIVE and the
 * decision is ERROR, unless the caller allows it ({@code --allow-incomplete}), which the
 * verdict's summary then states.
 *
 * <p>Open-loop benchmarks: a result with a {@link TailHistogram} in the run (its {@code .hlog}
 * files, or the sampler's window) has its percentiles and max judged on that histogram's
 * {@code response} tag (or the rule's {@code histogram:}), not on JMH's numbers; a result whose
 * generator fell behind ({@link OpenLoopChecks}) cannot PASS, WARN or FAIL. The {@code redis:}
 * limits add one check per counter ({@link CounterChecks}).
 */
public final class GateEngine {
    private GateEngine() {
    }

    public static Verdict evaluate(Thresholds thresholds, Run run, LocalDate today) {
        return evaluate(thresholds, run, today, false);
    }

    /**
     * @param allowIncomplete judge a run that is not complete as if it were ({@code --allow-incomplete});
     *                        the verdict's summary then says the override was used and why it was needed
     */
    public static Verdict evaluate(Thresholds thresholds, Run run, LocalDate today, boolean allowIncomplete) {
        Policy policy = thresholds.policy();
        List<Rule> rules = thresholds.rules();
        // Results are judged independently of each other, on every core: a 2,000-result run
        // spends most of its judging time merging histograms. A result's histograms are merged
        // at most once and dropped when it is done, so a run never holds more merges than there
        // are threads. The ordered stream keeps run order whatever the thread timing; the
        // checks are then listed rule by rule, in run order within a rule.
        List<List<List<Check>>> perResult = run.results().parallelStream()
                .map(r -> judge(thresholds, r, run.tails().get(r.id()), today))
                .toList();
        List<Check> checks = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (int k = 0; k < rules.size(); k++) {
            Rule rule = rules.get(k);
            int before = checks.size();
            for (List<List<Check>> byRule : perResult) {
                checks.addAll(byRule.get(k));
            }
            if (checks.size() > before) {
                continue;
            }
            if (rule.namesExactBenchmark()) {
                BenchmarkId named = BenchmarkId.of(rule.match(), rule.params());
                for (Limit l : rule.limits()) {
                    checks.add(error(rule, l, named, "benchmark named by rule " + rule.id() + " is absent from the run"));
                }
            } else {
                unmatched.add(rule.id());
            }
        }
        checks.addAll(CounterChecks.judge(thresholds.counterLimits(), run.counters()));
        boolean runUsable = run.complete() || allowIncomplete;
        if (!runUsable) {
            String why = runProblem(run);
            checks = checks.stream().map(c -> c.outcome() == Outcome.PASS || c.outcome() == Outcome.WARN
                    ? c.with(Outcome.INCONCLUSIVE, why + "; otherwise: " + c.reason()) : c).toList();
        }
        Verdict v = decide(thresholds, policy, today, checks, unmatched, runUsable, run);
        return run.complete() || !allowIncomplete ? v : overridden(v, run);
    }

    /** The checks of one result, per rule (index as in {@code thresholds.rules()}; empty when the rule does not match). */
    private static List<List<Check>> judge(Thresholds thresholds, BenchmarkResult r, TailHistogram tail, LocalDate today) {
        Policy policy = thresholds.policy();
        IterationHistogram[] merged = new IterationHistogram[1];
        Supplier<IterationHistogram> histogram = () -> {
            if (merged[0] == null) {
                merged[0] = r.mergedHistogram();
            }
            return merged[0];
        };
        List<String> flaws = OpenLoopChecks.flaws(r, tail);
        List<List<Check>> byRule = new ArrayList<>(thresholds.rules().size());
        for (Rule rule : thresholds.rules()) {
            if (!rule.matches(r.id())) {
                byRule.add(List.of());
                continue;
            }
            List<Check> checks = new ArrayList<>(rule.limits().size());
            for (Limit l : rule.limits()) {
                Check c = tail != null && l.statistic().needsHistogram()
                        ? tailCheck(rule, l, r.id(), tail, policy)
                        : check(rule, l, r, policy, histogram);
                // Capped after waiving: a waiver must not turn an invalid measurement green.
                checks.add(OpenLoopChecks.cap(waive(c, thresholds.waivers(), today), flaws));
            }
            byRule.add(checks);
        }
        return byRule;
    }

    private static String runProblem(Run run) {
        return run.problem();
    }

    /** The verdict of an incomplete run judged under --allow-incomplete: its summary says so first. */
    private static Verdict overridden(Verdict v, Run run) {
        return new Verdict(v.today(), v.thresholds(), v.confidence(), v.inconclusiveFails(), v.checks(),
                v.unmatchedRules(), v.decision(), v.passed(),
                "OVERRIDE --allow-incomplete: " + run.problem() + "; " + v.summary());
    }

    private static Verdict decide(Thresholds thresholds, Policy policy, LocalDate today, List<Check> checks,
                                  List<String> unmatched, boolean runUsable, Run run) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        checks.forEach(c -> counts.merge(c.outcome(), 1L, Long::sum));
        Outcome decision = checks.stream().map(Check::outcome).reduce(Outcome.PASS, Outcome::worse);
        String summary;
        if (checks.isEmpty()) {
            decision = Outcome.ERROR;
            summary = "no rule matched any benchmark in the run: nothing was judged";
        } else if (!runUsable) {
            decision = Outcome.ERROR;
            summary = runProblem(run) + ": its results cannot pass a gate";
        } else {
            summary = checks.size() + " checks: " + Arrays.stream(Outcome.values())
                    .filter(counts::containsKey)
                    .map(o -> counts.get(o) + " " + o)
                    .collect(Collectors.joining(", "));
        }
        boolean inconclusiveFails = policy.inconclusive() == InconclusivePolicy.FAIL;
        boolean passed = switch (decision) {
            case PASS, WARN -> true;
            case INCONCLUSIVE -> !inconclusiveFails;
            case FAIL, ERROR -> false;
        };
        if (decision == Outcome.INCONCLUSIVE) {
            summary += "; inconclusive policy: " + policy.inconclusive().name().toLowerCase(Locale.ROOT);
        }
        List<String> names = thresholds.files().stream().map(Path::getFileName).map(Path::toString).toList();
        return new Verdict(today, names, policy.confidence(), inconclusiveFails, checks, unmatched,
                decision, passed, summary);
    }

    private static Check check(Rule rule, Limit limit, BenchmarkResult r, Policy policy,
                               Supplier<IterationHistogram> merged) {
        Statistic s = limit.statistic();
        MetricUnit unit = limit.fail().unit();
        MetricUnit scoreUnit = MetricUnit.fromJmh(r.scoreUnit());
        if (scoreUnit == null) {
            return error(rule, limit, r.id(), "unknown JMH score unit \"" + r.scoreUnit() + "\"");
        }
        String modeProblem = modeProblem(s, r);
        if (modeProblem != null) {
            return error(rule, limit, r.id(), modeProblem);
        }
        if (scoreUnit.kind() != unit.kind()) {
            return error(rule, limit, r.id(), "score unit " + r.scoreUnit() + " cannot be compared with a limit in " + unit.spelling());
        }
        double factor = scoreUnit.convert(1.0, unit);
        OptionalDouble warn = limit.warnInFailUnit().map(OptionalDouble::of).orElse(OptionalDouble.empty());
        double fail = limit.fail().value();
        if (s.needsHistogram()) {
            IterationHistogram h = merged.get();
            if (h.totalCount() == 0) {
                return error(rule, limit, r.id(), "sample mode result has no samples in rawDataHistogram");
            }
            if (s == Statistic.MAX) {
                // The largest sampled call is a fact about this run, not an estimate: no interval.
                double max = h.value(h.size() - 1) * factor;
                Interval i = new Interval(max, max, max, h.totalCount(), r.histograms().size(), "largest sample");
                return judged(rule, limit, r.id(), i, warn, unit);
            }
            return percentileCheck(rule, limit, r.id(), h, factor, r.histograms().size(), policy, "");
        }
        if (!Double.isFinite(r.score())) {
            return error(rule, limit, r.id(), "JMH score is " + (Double.isNaN(r.score()) ? "NaN" : Numbers.format(r.score())));
        }
        List<List<Double>> perFork = r.mode() == Mode.SAMPLE_TIME
                ? r.histograms().stream().map(f -> f.stream().map(IterationHistogram::mean).toList()).toList()
                : r.iterationScores();
        if (perFork.stream().flatMap(List::stream).anyMatch(v -> !Double.isFinite(v))) {
            return error(rule, limit, r.id(), "an iteration score is NaN or infinite");
        }
        Interval i = MeanInterval.of(r.score(), perFork, policy.confidence()).scaled(factor);
        // Times and rates are never negative: a t interval reaching below zero says "unbounded
        // below", shown as 0. Coverage is unchanged, the true value cannot lie there.
        i = new Interval(i.estimate(), Math.max(0, i.low()), i.high(), i.n(), i.forks(), i.basis());
        if (!i.bounded()) {
            return new Check(rule.id(), r.id(), s, unit, i.estimate(), i.low(), i.high(), fail, warn, i.n(), i.forks(),
                    Outcome.INCONCLUSIVE, i.basis() + ": needs 2 forks, or 2 iterations of one fork");
        }
        return judged(rule, limit, r.id(), i, warn, unit);
    }

    /**
     * A percentile or max judged on an open-loop histogram (ns) instead of JMH's numbers: the
     * rule's {@code histogram:} tag, default {@code response}, merged over forks by adding counts.
     */
    private static Check tailCheck(Rule rule, Limit limit, BenchmarkId id, TailHistogram tail, Policy policy) {
        String tag = rule.histogramTag();
        String from = tag + " histogram of " + tail.source();
        IterationHistogram h = tail.byTag().getOrDefault(tag, IterationHistogram.EMPTY);
        if (h.totalCount() == 0) {
            return error(rule, limit, id, "no samples in the " + from);
        }
        MetricUnit unit = limit.fail().unit();
        double factor = MetricUnit.NS.convert(1.0, unit);
        if (limit.statistic() == Statistic.MAX) {
            double max = h.value(h.size() - 1) * factor;
            Interval i = new Interval(max, max, max, h.totalCount(), tail.forks(), "largest sample of the " + from);
            OptionalDouble warn = limit.warnInFailUnit().map(OptionalDouble::of).orElse(OptionalDouble.empty());
            return judged(rule, limit, id, i, warn, unit);
        }
        return percentileCheck(rule, limit, id, h, factor, tail.forks(), policy, from + ", ");
    }

    private static Check percentileCheck(Rule rule, Limit limit, BenchmarkId id, IterationHistogram h, double factor,
                                         int forks, Policy policy, String basisPrefix) {
        Statistic s = limit.statistic();
        MetricUnit unit = limit.fail().unit();
        OptionalDouble warn = limit.warnInFailUnit().map(OptionalDouble::of).orElse(OptionalDouble.empty());
        Interval i = PercentileInterval.of(h, s.quantile(), policy.confidence()).scaled(factor);
        i = new Interval(i.estimate(), i.low(), i.high(), i.n(), forks, basisPrefix + i.basis());
        long min = policy.minSamples(s);
        if (i.n() < min) {
            return new Check(rule.id(), id, s, unit, i.estimate(), i.low(), i.high(), limit.fail().value(), warn, i.n(),
                    i.forks(), Outcome.INCONCLUSIVE, "too few samples: n=" + i.n() + " < " + min + " needed for "
                    + s.yamlName() + (basisPrefix.isEmpty() ? "" : " (" + basisPrefix.substring(0, basisPrefix.length() - 2) + ")"));
        }
        return judged(rule, limit, id, i, warn, unit);
    }

    /** Why this statistic cannot be read from this result's mode; null when it can. */
    private static String modeProblem(Statistic s, BenchmarkResult r) {
        Mode m = r.mode();
        if (s.needsHistogram() && m != Mode.SAMPLE_TIME) {
            return s.yamlName() + " needs per-operation samples (mode sample); this result is " + m.jmhName()
                    + (m == Mode.SINGLE_SHOT ? "" : ", whose scorePercentiles are of iteration scores, not of operations");
        }
        if (s == Statistic.THROUGHPUT && m != Mode.THROUGHPUT) {
            return "throughput needs mode thrpt; this result is " + m.jmhName();
        }
        if (s == Statistic.MEAN && m == Mode.THROUGHPUT) {
            return "mean time per operation needs mode avgt, sample or ss; this result is thrpt";
        }
        return null;
    }

    private static Check judged(Rule rule, Limit limit, BenchmarkId id, Interval i, OptionalDouble warn, MetricUnit unit) {
        Judge.Result j = Judge.judge(i, limit.statistic().lowerIsBetter(), limit.fail().value(), warn, unit.spelling());
        return new Check(rule.id(), id, limit.statistic(), unit, i.estimate(), i.low(), i.high(), limit.fail().value(),
                warn, i.n(), i.forks(), j.outcome(), j.reason() + " (" + i.basis() + ")");
    }

    private static Check error(Rule rule, Limit limit, BenchmarkId id, String reason) {
        OptionalDouble warn = limit.warnInFailUnit().map(OptionalDouble::of).orElse(OptionalDouble.empty());
        return new Check(rule.id(), id, limit.statistic(), limit.fail().unit(), Double.NaN, Double.NaN, Double.NaN,
                limit.fail().value(), warn, 0, 0, Outcome.ERROR, reason);
    }

    /** A waiver softens FAIL and INCONCLUSIVE to WARN while active; an expired one says so. */
    static Check waive(Check c, List<Waiver> waivers, LocalDate today) {
        if (c.outcome() != Outcome.FAIL && c.outcome() != Outcome.INCONCLUSIVE) {
            return c;
        }
        for (Waiver w : waivers) {
            if (w.covers(c.ruleId(), c.statistic())) {
                if (w.activeOn(today)) {
                    return c.with(Outcome.WARN, c.outcome() + " waived until " + w.expires() + " (" + w.reason() + "): " + c.reason());
                }
                return c.with(c.outcome(), c.reason() + "; waiver expired on " + w.expires() + " (" + w.reason() + ")");
            }
        }
        return c;
    }
}
