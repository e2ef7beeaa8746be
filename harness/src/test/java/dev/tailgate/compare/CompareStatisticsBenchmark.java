package dev.tailgate.compare;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Rerunnable figures for docs/compare-statistics.md (how to run: see there). Not a unit test:
 * performance targets are checked by benchmarks whose figures go into the docs.
 *
 * <ul>
 *   <li>{@code timing [resamples...]}: {@link CompareEngine#compare} on two runs of 2,000
 *       results each, median of 3 wall-clock runs after one warm-up, plus process CPU time.
 *   <li>{@code power [seeds]}: share of seeds classified REGRESSION for A/A and injected shifts,
 *       on p50, p99 and p99.9, at 3, 5 and 10 forks, as a Markdown table.
 *   <li>{@code calibration [seeds]}: A/A with every margin 0, so that only the interval and
 *       p-value machinery stands between noise and a claim: share of seeds with REGRESSION
 *       and with IMPROVEMENT per statistic (nominal 2.5% each, less under Holm).
 * </ul>
 */
public final class CompareStatisticsBenchmark {
    private static final int RESULTS = 2_000;
    private static final int POOL = 16;

    private CompareStatisticsBenchmark() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "timing";
        if (what.equals("timing")) {
            int[] resamples = args.length > 1
                    ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                    : new int[] {CompareConfig.DEFAULT_RESAMPLES};
            timing(resamples);
        } else if (what.equals("power")) {
            power(args.length > 1 ? Integer.parseInt(args[1]) : 100);
        } else if (what.equals("calibration")) {
            calibration(args.length > 1 ? Integer.parseInt(args[1]) : 200);
        } else {
            throw new IllegalArgumentException("usage: timing [resamples...] | power [seeds] | calibration [seeds]");
        }
    }

    /**
     * Two scenarios of 2,000 results per run, 5 forks × 5 iterations each: all sample mode
     * (8,000 latency samples per iteration, 7 statistics per result: the worst case) and all
     * avgt (scores only, 1 statistic). The engine never caches across results, so reusing 16
     * generated arm pairs round-robin costs it the same as 2,000 distinct ones, without 2 GB of
     * generated data.
     */
    private static void timing(int[] resamples) {
        SyntheticRuns.Shape shape = SyntheticRuns.Shape.realistic(5);
        SplittableRandom rng = new SplittableRandom(11);
        List<ComparisonInput> pool = new ArrayList<>();
        List<ComparisonInput> scorePool = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            pool.add(new ComparisonInput("s" + i, SyntheticRuns.latencyArm(shape, 1, 1, rng),
                    SyntheticRuns.latencyArm(shape, 1.02, 1, rng)));
            scorePool.add(new ComparisonInput("a" + i, SyntheticRuns.scoreArm(shape, ScoreKind.TIME_PER_OP, 30, rng),
                    SyntheticRuns.scoreArm(shape, ScoreKind.TIME_PER_OP, 31, rng)));
        }
        List<ComparisonInput> sample = IntStream.range(0, RESULTS).mapToObj(i -> pool.get(i % POOL)).toList();
        List<ComparisonInput> avgt = IntStream.range(0, RESULTS).mapToObj(i -> scorePool.get(i % POOL)).toList();
        System.out.printf(Locale.ROOT, "cores %d, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int b : resamples) {
            CompareConfig config = CompareConfig.defaults(1).withResamples(b);
            time("sample mode, 2,000 results x 7 statistics", sample, config);
            time("avgt, 2,000 results x 1 statistic", avgt, config);
        }
    }

    private static void time(String label, List<ComparisonInput> inputs, CompareConfig config) {
        CompareEngine.compare(inputs, config);
        double[] wall = new double[3];
        double[] cpu = new double[3];
        for (int r = 0; r < 3; r++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            CompareEngine.compare(inputs, config);
            wall[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (processCpuNanos() - c0) / 1e9;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-45s resamples %5d: wall median %.2f s (runs %.2f %.2f %.2f), CPU median %.2f s%n",
                label, config.resamples(), wall[1], wall[0], wall[1], wall[2], cpu[1]);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private record Scenario(String name, double scale, double tailScale) {
    }

    private static void power(int seeds) {
        List<Scenario> scenarios = List.of(new Scenario("A/A", 1, 1), new Scenario("+5% all", 1.05, 1),
                new Scenario("+10% all", 1.10, 1), new Scenario("+20% all", 1.20, 1), new Scenario("tail 2x", 1, 2));
        ComparedStatistic[] checks = {ComparedStatistic.P50, ComparedStatistic.P99, ComparedStatistic.P999};
        CompareConfig config = CompareConfig.defaults(0);
        System.out.printf(Locale.ROOT, "Share of %d seeds classified REGRESSION (default margins p50 5%%, p99 10%%, p99.9 25%%; "
                + "%d resamples; 5 iterations x 8,000 samples per fork)%n%n", seeds, config.resamples());
        System.out.println("| scenario | forks | p50 | p99 | p99.9 | p50 NO CHANGE |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (Scenario sc : scenarios) {
            for (int forks : new int[] {3, 5, 10}) {
                SyntheticRuns.Shape shape = SyntheticRuns.Shape.realistic(forks);
                List<List<CheckResult>> results = IntStream.range(0, seeds).parallel().mapToObj(seed -> {
                    SplittableRandom rng = new SplittableRandom(0xBE7C4000L + seed);
                    ComparisonInput in = new ComparisonInput("b", SyntheticRuns.latencyArm(shape, 1, 1, rng),
                            SyntheticRuns.latencyArm(shape, sc.scale(), sc.tailScale(), rng));
                    return CompareEngine.compare(List.of(in), config.withSeed(seed));
                }).toList();
                StringBuilder row = new StringBuilder("| " + sc.name() + " | " + forks + " |");
                for (ComparedStatistic s : checks) {
                    row.append(String.format(Locale.ROOT, " %.0f%% |", 100.0 * share(results, s, Classification.REGRESSION)));
                }
                row.append(String.format(Locale.ROOT, " %.0f%% |", 100.0 * share(results, ComparedStatistic.P50, Classification.NO_CHANGE)));
                System.out.println(row);
            }
        }
    }

    private static void calibration(int seeds) {
        CompareConfig config = CompareConfig.defaults(0);
        for (ComparedStatistic s : ComparedStatistic.values()) {
            config = config.withMargins(config.margins().with(s, 0));
        }
        CompareConfig zero = config;
        ComparedStatistic[] checks = {ComparedStatistic.MEAN, ComparedStatistic.P50, ComparedStatistic.P90, ComparedStatistic.P99};
        System.out.printf(Locale.ROOT, "A/A, all margins 0, %d seeds: share REGRESSION / IMPROVEMENT "
                + "(mean, p50, p99 gating under Holm over 4 checks; p90 not gating, unadjusted)%n%n", seeds);
        System.out.println("| forks | mean | p50 | p90 | p99 |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: |");
        for (int forks : new int[] {3, 5, 10}) {
            SyntheticRuns.Shape shape = SyntheticRuns.Shape.realistic(forks);
            List<List<CheckResult>> results = IntStream.range(0, seeds).parallel().mapToObj(seed -> {
                SplittableRandom rng = new SplittableRandom(0xCA1B0000L + seed);
                ComparisonInput in = new ComparisonInput("b", SyntheticRuns.latencyArm(shape, 1, 1, rng),
                        SyntheticRuns.latencyArm(shape, 1, 1, rng));
                return CompareEngine.compare(List.of(in), zero.withSeed(seed));
            }).toList();
            StringBuilder row = new StringBuilder("| " + forks + " |");
            for (ComparedStatistic s : checks) {
                row.append(String.format(Locale.ROOT, " %.1f%% / %.1f%% |",
                        100.0 * share(results, s, Classification.REGRESSION), 100.0 * share(results, s, Classification.IMPROVEMENT)));
            }
            System.out.println(row);
        }
    }

    private static double share(List<List<CheckResult>> results, ComparedStatistic s, Classification c) {
        long n = results.stream().filter(r -> r.stream().anyMatch(x -> x.statistic() == s && x.classification() == c)).count();
        return (double) n / results.size();
    }
}
