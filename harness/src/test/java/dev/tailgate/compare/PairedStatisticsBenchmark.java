package dev.tailgate.compare;

import dev.tailgate.model.Stats;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Rerunnable power and false-alarm tables of the paired A/B for docs/compare-statistics.md, on
 * {@link RegimeHost} data (regime-switching host). Not a unit test.
 *
 * <ul>
 *   <li>{@code fixed [seeds]}: paired against unpaired (the independent bootstrap on the same
 *       data) at 8, 16 and 32 rounds, both layouts, A/A, +5%, +10%, "1% of calls +1 ms".
 *   <li>{@code looks [seeds] [maxRounds]}: the paired analysis with the standard look schedule
 *       up to {@code maxRounds}, O'Brien-Fleming and Pocock spending, stopping at the first look
 *       where every gating check is decided.
 *   <li>{@code summary [seeds] [armSigma]}: the pooled p50 ratio against per-round summaries
 *       (mean and median of the rounds' own p50 log ratios), A/A with zero margin; iteration
 *       rounds with a per-arm factor of sd {@code armSigma} per JMH fork (default 0).
 *   <li>{@code calibration [seeds] [maxRounds]}: A/A with every margin 0 through every look of
 *       the standard schedule (no stopping: the most looks a run can take): per gating check,
 *       the share of seeds with a REGRESSION / IMPROVEMENT at any look.
 * </ul>
 */
public final class PairedStatisticsBenchmark {
    private static final List<RegimeHost.Effect> EFFECTS = List.of(RegimeHost.Effect.NONE,
            RegimeHost.Effect.scale("+5%", 1.05), RegimeHost.Effect.scale("+10%", 1.10),
            RegimeHost.Effect.tail("1% of calls +1 ms", 0.01, 1_000_000));

    private PairedStatisticsBenchmark() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "fixed";
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        long t0 = System.nanoTime();
        switch (what) {
            case "fixed" -> fixed(seeds);
            case "looks" -> looks(seeds, args.length > 2 ? Integer.parseInt(args[2]) : 64);
            case "summary" -> summary(seeds, args.length > 2 ? Double.parseDouble(args[2]) : 0);
            case "calibration" -> calibration(seeds, args.length > 2 ? Integer.parseInt(args[2]) : 32);
            default -> throw new IllegalArgumentException("usage: fixed [seeds] | looks [seeds] [maxRounds] | summary [seeds] [armSigma] | calibration [seeds] [maxRounds]");
        }
        System.out.printf(Locale.ROOT, "%n(%.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }

    static RegimeHost.Layout layout(boolean forkLevel, int rounds) {
        return forkLevel ? RegimeHost.Layout.forkRounds(rounds) : RegimeHost.Layout.iterationRounds(rounds);
    }

    static PairedInput data(boolean forkLevel, int rounds, RegimeHost.Effect effect, int seed) {
        return RegimeHost.generate(layout(forkLevel, rounds), effect, new SplittableRandom(0x4AB0000L + seed));
    }

    /** The same config with every margin 0: only the interval stands between noise and a claim. */
    static CompareConfig zeroMargins(CompareConfig config) {
        CompareConfig z = config;
        for (ComparedStatistic s : ComparedStatistic.values()) {
            z = z.withMargins(z.margins().with(s, 0));
        }
        return z;
    }

    static CheckResult check(List<CheckResult> results, ComparedStatistic s) {
        return results.stream().filter(c -> c.statistic() == s).findFirst().orElseThrow();
    }

    private static void fixed(int seeds) {
        CompareConfig config = CompareConfig.defaults(0);
        System.out.printf(Locale.ROOT, "%d seeds per row; default config (margins p50 5%%, p99 10%%; Holm over the gating set)%n%n", seeds);
        System.out.println("| layout | scenario | rounds | analysis | p50 REGRESSION | p50 NO CHANGE | p50 ± (median) | p99 REGRESSION | p99 NO CHANGE |");
        System.out.println("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        for (boolean forkLevel : new boolean[] {true, false}) {
            for (RegimeHost.Effect effect : EFFECTS) {
                List<PairedInput> data = IntStream.range(0, seeds).parallel()
                        .mapToObj(s -> data(forkLevel, 32, effect, s)).toList();
                for (int rounds : new int[] {8, 16, 32}) {
                    List<List<CheckResult>> paired = IntStream.range(0, seeds).parallel().mapToObj(s ->
                            PairedCompare.fixed(List.of(data.get(s).firstRounds(rounds)), config.withSeed(s)).results()).toList();
                    List<List<CheckResult>> unpaired = IntStream.range(0, seeds).parallel().mapToObj(s ->
                            CompareEngine.compare(List.of(data.get(s).firstRounds(rounds).unpaired()), config.withSeed(s))).toList();
                    row(forkLevel, effect.name(), rounds, "paired", paired);
                    row(forkLevel, effect.name(), rounds, "unpaired", unpaired);
                }
            }
        }
    }

    private static void row(boolean forkLevel, String scenario, int rounds, String analysis, List<List<CheckResult>> results) {
        double[] half = results.stream().mapToDouble(r -> {
            CheckResult c = check(r, ComparedStatistic.P50);
            return 100 * (c.ciHigh() - c.ciLow()) / 2;
        }).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %.1f%% | %s | %s |%n",
                forkLevel ? "fork rounds" : "iteration rounds", scenario, rounds, analysis,
                share(results, ComparedStatistic.P50, Classification.REGRESSION),
                share(results, ComparedStatistic.P50, Classification.NO_CHANGE), half[half.length / 2],
                share(results, ComparedStatistic.P99, Classification.REGRESSION),
                share(results, ComparedStatistic.P99, Classification.NO_CHANGE));
    }

    static String share(List<List<CheckResult>> results, ComparedStatistic s, Classification c) {
        long n = results.stream().filter(r -> check(r, s).classification() == c).count();
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * n / results.size());
    }

    /** Runs the looks of one seed until the look says stop; returns the last look. */
    static PairedLook sequential(PairedInput full, CompareConfig config, LookSchedule schedule) {
        PairedLook look = null;
        for (int k = 0; k < schedule.size(); k++) {
            look = PairedCompare.look(List.of(full.firstRounds(schedule.look(k).rounds())), config, schedule, k);
            if (look.stop()) {
                break;
            }
        }
        return look;
    }

    /** A claim made at any look before stopping counts: the union bound covers all of them. */
    static boolean claimedAtAnyLook(PairedInput full, CompareConfig config, LookSchedule schedule,
                                    Predicate<CheckResult> claim) {
        for (int k = 0; k < schedule.size(); k++) {
            PairedLook look = PairedCompare.look(List.of(full.firstRounds(schedule.look(k).rounds())), config, schedule, k);
            if (look.results().stream().anyMatch(claim)) {
                return true;
            }
            if (look.stop()) {
                return false;
            }
        }
        return false;
    }

    private static void looks(int seeds, int maxRounds) {
        // p99.9 needs 100,000 samples per arm, more than 32 rounds of these layouts hold: with it
        // gating no seed could ever stop early, so these runs gate mean, p50 and p99.
        CompareConfig d = CompareConfig.defaults(0);
        CompareConfig config = new CompareConfig(d.margins(), d.alpha(), d.confidence(), d.resamples(), 0,
                d.minTailSamplesAbove(), d.minForks(),
                EnumSet.of(ComparedStatistic.MEAN, ComparedStatistic.P50, ComparedStatistic.P99), d.earlyLook());
        CompareConfig zeroMargins = zeroMargins(config);
        System.out.printf(Locale.ROOT, "%d seeds per row; looks at the standard points up to %d rounds; gating mean, p50, "
                + "p99; stop when every gating check is decided%n%n", seeds, maxRounds);
        System.out.println("| layout | spending | scenario | p50 REGRESSION | p50 NO CHANGE | p99 REGRESSION | p99 NO CHANGE "
                + "| all decided | rounds (median, mean) | A/A zero margins: any gating REGRESSION / IMPROVEMENT |");
        System.out.println("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (boolean forkLevel : new boolean[] {true, false}) {
            for (LookSchedule.Spending spending : new LookSchedule.Spending[] {
                    LookSchedule.Spending.OBRIEN_FLEMING, LookSchedule.Spending.POCOCK}) {
                LookSchedule schedule = LookSchedule.standard(maxRounds, config.alpha(), spending);
                for (RegimeHost.Effect effect : EFFECTS) {
                    List<PairedInput> data = IntStream.range(0, seeds).parallel()
                            .mapToObj(s -> data(forkLevel, maxRounds, effect, s)).toList();
                    List<PairedLook> last = IntStream.range(0, seeds).parallel().mapToObj(s ->
                            sequential(data.get(s), config.withSeed(s), schedule)).toList();
                    String calibration = "";
                    if (effect == RegimeHost.Effect.NONE) {
                        long reg = IntStream.range(0, seeds).parallel().filter(s -> claimedAtAnyLook(data.get(s),
                                zeroMargins.withSeed(s), schedule, CheckResult::failsGate)).count();
                        long imp = IntStream.range(0, seeds).parallel().filter(s -> claimedAtAnyLook(data.get(s),
                                zeroMargins.withSeed(s), schedule,
                                c -> c.gating() && c.classification() == Classification.IMPROVEMENT)).count();
                        calibration = String.format(Locale.ROOT, "%.1f%% / %.1f%%", 100.0 * reg / seeds, 100.0 * imp / seeds);
                    }
                    List<List<CheckResult>> results = last.stream().map(PairedLook::results).toList();
                    int[] rounds = last.stream().mapToInt(l -> l.look().rounds()).sorted().toArray();
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.0f%% | %d, %.1f | %s |%n",
                            forkLevel ? "fork rounds" : "iteration rounds", spending, effect.name(),
                            share(results, ComparedStatistic.P50, Classification.REGRESSION),
                            share(results, ComparedStatistic.P50, Classification.NO_CHANGE),
                            share(results, ComparedStatistic.P99, Classification.REGRESSION),
                            share(results, ComparedStatistic.P99, Classification.NO_CHANGE),
                            100.0 * last.stream().filter(PairedLook::allGatingDecided).count() / seeds,
                            rounds[rounds.length / 2], Arrays.stream(rounds).average().orElse(0), calibration);
                }
            }
        }
    }

    private static void calibration(int seeds, int maxRounds) {
        CompareConfig config = zeroMargins(CompareConfig.defaults(0));
        ComparedStatistic[] checks = {ComparedStatistic.MEAN, ComparedStatistic.P50, ComparedStatistic.P99};
        System.out.printf(Locale.ROOT, "A/A, all margins 0, %d seeds, every look up to %d rounds: share of seeds with a "
                + "REGRESSION / IMPROVEMENT at any look (default gating set, Holm within each look)%n%n", seeds, maxRounds);
        System.out.println("| layout | spending | mean | p50 | p99 |");
        System.out.println("| --- | --- | ---: | ---: | ---: |");
        for (boolean forkLevel : new boolean[] {true, false}) {
            for (LookSchedule.Spending spending : new LookSchedule.Spending[] {
                    LookSchedule.Spending.OBRIEN_FLEMING, LookSchedule.Spending.POCOCK}) {
                LookSchedule schedule = LookSchedule.standard(maxRounds, config.alpha(), spending);
                List<List<CheckResult>> all = IntStream.range(0, seeds).parallel().mapToObj(s -> {
                    PairedInput full = data(forkLevel, maxRounds, RegimeHost.Effect.NONE, 1000 + s);
                    List<CheckResult> out = new java.util.ArrayList<>();
                    for (int k = 0; k < schedule.size(); k++) {
                        out.addAll(PairedCompare.look(List.of(full.firstRounds(schedule.look(k).rounds())),
                                config.withSeed(s), schedule, k).results());
                    }
                    return out;
                }).toList();
                StringBuilder row = new StringBuilder("| " + (forkLevel ? "fork rounds" : "iteration rounds") + " | " + spending + " |");
                for (ComparedStatistic st : checks) {
                    row.append(String.format(Locale.ROOT, " %.1f%% / %.1f%% |", anyLook(all, st, Classification.REGRESSION),
                            anyLook(all, st, Classification.IMPROVEMENT)));
                }
                System.out.println(row);
            }
        }
    }

    private static double anyLook(List<List<CheckResult>> all, ComparedStatistic st, Classification c) {
        return 100.0 * all.stream().filter(r -> r.stream().anyMatch(x -> x.statistic() == st && x.classification() == c))
                .count() / all.size();
    }

    /**
     * A/A, zero margin, fork-level and iteration-level rounds at 16 rounds: share of seeds whose
     * 95% interval of the p50 ratio excludes 1 on each side, and the median half-width, for the
     * pooled estimate (the paired bootstrap of the merged counts) and for per-round summaries
     * (each round's own p50 log ratio): the engine's trimmed mean ({@link RoundRatios}), the mean
     * with a t interval, the median with a percentile bootstrap over rounds.
     */
    private static void summary(int seeds, double armSigma) {
        CompareConfig config = CompareConfig.defaults(0);
        System.out.printf(Locale.ROOT, "%d seeds, 16 rounds; p50; share of seeds whose interval lies wholly above 1 / below 1; "
                + "median half-width%n%n", seeds);
        System.out.println("| layout | slow regime | estimator | above 1 | below 1 | ± (median) |");
        System.out.println("| --- | ---: | --- | ---: | ---: | ---: |");
        for (boolean forkLevel : new boolean[] {true, false}) {
            for (double slow : new double[] {1.6, 2.5}) {
                List<PairedInput> data = IntStream.range(0, seeds).parallel().mapToObj(s -> RegimeHost.generate(
                        layout(forkLevel, 16).withSlowFactor(slow).withArmSigma(armSigma), RegimeHost.Effect.NONE,
                        new SplittableRandom(0x5AB0000L + s))).toList();
                List<double[]> engine = IntStream.range(0, seeds).parallel().mapToObj(s -> {
                    CheckResult c = check(PairedCompare.fixed(List.of(data.get(s)), config.withSeed(s)).results(),
                            ComparedStatistic.P50);
                    return new double[] {Math.log(c.ciLow()), Math.log(c.ciHigh())};
                }).toList();
                List<double[]> pooled = IntStream.range(0, seeds).parallel().mapToObj(s -> {
                    PairedInput in = data.get(s);
                    RatioEstimate e = HierarchicalBootstrap.estimate(in.comparisonInput(), config,
                            FewForkCorrection.paired(in.rounds(), config.confidence(), config.alpha() / 2),
                            new SplittableRandom(s), new RoundPicker(in)).stream()
                            .filter(x -> x.statistic() == ComparedStatistic.P50).findFirst().orElseThrow();
                    return new double[] {Math.log(e.ciLow()), Math.log(e.ciHigh())};
                }).toList();
                List<double[]> mean = data.stream().map(d -> meanInterval(roundLogRatios(d))).toList();
                List<double[]> median = IntStream.range(0, seeds).mapToObj(s ->
                        medianInterval(roundLogRatios(data.get(s)), new SplittableRandom(s))).toList();
                summaryRow(forkLevel, slow, "pooled, paired bootstrap", pooled);
                summaryRow(forkLevel, slow, "engine: 20% trimmed mean of round log ratios, Yuen t", engine);
                summaryRow(forkLevel, slow, "mean of round log ratios, t", mean);
                summaryRow(forkLevel, slow, "median of round log ratios, bootstrap", median);
            }
        }
    }

    private static void summaryRow(boolean forkLevel, double slow, String name, List<double[]> intervals) {
        double above = intervals.stream().filter(i -> i[0] > 0).count() * 100.0 / intervals.size();
        double below = intervals.stream().filter(i -> i[1] < 0).count() * 100.0 / intervals.size();
        double[] half = intervals.stream().mapToDouble(i -> 100 * (Math.exp((i[1] - i[0]) / 2) - 1)).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %.1fx | %s | %.1f%% | %.1f%% | %.1f%% |%n", forkLevel ? "fork rounds" : "iteration rounds",
                slow, name, above, below, half[half.length / 2]);
    }

    static double[] roundLogRatios(PairedInput in) {
        return in.groups().stream().flatMap(List::stream).mapToDouble(r ->
                Math.log(p50(r.candidate()) / p50(r.baseline()))).toArray();
    }

    private static double p50(Fork side) {
        List<LatencyCounts> its = side.iterationLatencies();
        long total = its.stream().mapToLong(LatencyCounts::total).sum();
        return LatencyCounts.valuesAtRanks(its, new long[] {BucketGrid.rankAt(0.5, total)})[0];
    }

    private static double[] meanInterval(double[] x) {
        double m = Arrays.stream(x).average().orElseThrow();
        double h = Stats.tQuantile(0.975, x.length - 1) * Stats.standardDeviation(x) / Math.sqrt(x.length);
        return new double[] {m - h, m + h};
    }

    private static double[] medianInterval(double[] x, SplittableRandom rng) {
        double[] reps = new double[1000];
        double[] pick = new double[x.length];
        for (int b = 0; b < reps.length; b++) {
            for (int i = 0; i < x.length; i++) {
                pick[i] = x[rng.nextInt(x.length)];
            }
            reps[b] = OrderStatistics.quantiles(pick.clone(), 0.5)[0];
        }
        double[] q = OrderStatistics.quantiles(reps, 0.025, 0.975);
        return q;
    }

}
