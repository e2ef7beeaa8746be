package dev.tailgate.compare;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The pure statistics of {@code tailgate compare}: for every benchmark and statistic present in
 * both arms, the ratio candidate/baseline with a hierarchical-bootstrap interval, a p-value per
 * direction, Holm over the gating checks, and a classification. No I/O, no clock.
 *
 * <p>Decision rule (docs/compare-statistics.md has the reasoning). Let m be the margin,
 * "worse boundary" 1+m for latency and 1-m for throughput, "better boundary" the other one.
 * <ul>
 *   <li>REGRESSION: the whole interval lies beyond the worse boundary <em>and</em> the one-sided
 *       p-value of "beyond the worse boundary" survives Holm at alpha/2 over the gating family.
 *   <li>IMPROVEMENT: the mirror image on the better side (its own Holm family, same checks).
 *   <li>NO_CHANGE: the whole interval lies inside [1-m, 1+m].
 *   <li>INCONCLUSIVE: anything else, and every check without enough forks or samples.
 * </ul>
 * The null hypothesis of a regression test is "the change is at most the margin", not "no
 * change", so a real but unimportant change does not count as a false alarm and cannot trigger.
 *
 * <p>This is the comparison of two unrelated runs ({@link Design#INDEPENDENT}); a paired A/B
 * measured in rounds on one host goes through {@link PairedCompare}, which shares the decision
 * rule ({@link CheckDecision}) and the replicate machinery.
 *
 * <p>Determinism: each benchmark gets its own generator, split from one seeded
 * {@link SplittableRandom} in input order, so results do not depend on thread scheduling, and
 * results come back in input order, statistics in enum order.
 */
public final class CompareEngine {
    private CompareEngine() {
    }

    public static List<CheckResult> compare(List<ComparisonInput> inputs, CompareConfig config) {
        List<ComparisonInput> in = List.copyOf(inputs);
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom[] rngs = new SplittableRandom[in.size()];
        for (int i = 0; i < rngs.length; i++) {
            rngs[i] = root.split();
        }
        Map<List<Integer>, FewForkCorrection> corrections = new TreeMap<>(
                Comparator.<List<Integer>>comparingInt(k -> k.get(0)).thenComparingInt(k -> k.get(1)));
        for (ComparisonInput c : in) {
            corrections.computeIfAbsent(forkCounts(c),
                    k -> FewForkCorrection.of(k.get(0), k.get(1), config.confidence()));
        }
        @SuppressWarnings("unchecked")
        List<RatioEstimate>[] estimates = new List[in.size()];
        IntStream.range(0, in.size()).parallel().forEach(i -> estimates[i] = HierarchicalBootstrap.estimate(
                in.get(i), config, corrections.get(forkCounts(in.get(i))), rngs[i]));

        List<String> benchmarks = in.stream().map(ComparisonInput::benchmark).toList();
        return CheckDecision.decide(benchmarks, Collections.nCopies(in.size(), Design.INDEPENDENT), List.of(estimates),
                config, CheckDecision.Level.of(config));
    }

    private static List<Integer> forkCounts(ComparisonInput c) {
        return List.of(c.baseline().forks().size(), c.candidate().forks().size());
    }
}
