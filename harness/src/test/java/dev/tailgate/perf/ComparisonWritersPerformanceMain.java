package dev.tailgate.perf;

import dev.tailgate.compare.CompareConfig;
import dev.tailgate.compare.Comparison;
import dev.tailgate.compare.RunComparison;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.model.Run;
import dev.tailgate.report.ComparisonHtmlWriter;
import dev.tailgate.report.ComparisonWriters;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Times the compare report writers alone (console table, comparison.json, junit.xml,
 * report.md, report.html) on the comparison of two runs, e.g. those
 * {@link CompareRunsGenerator} writes. The first call of each writer in a fresh JVM is its
 * cold time (class loading, interpreter, JIT of the formatting code: what the CLI pays), then
 * the median of the warm repetitions. Uses only the writers' public entry points, so the same
 * class times a build from before a change and one from after it:
 *
 * <pre>java -XX:+UseParallelGC -cp harness/target/tailgate.jar:harness/target/test-classes \
 *     dev.tailgate.perf.ComparisonWritersPerformanceMain target/perf/compare 5</pre>
 */
public final class ComparisonWritersPerformanceMain {
    private ComparisonWritersPerformanceMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Run base = RunLoader.load(RunLoader.locate(dir.resolve("baseline")));
        Run cand = RunLoader.load(RunLoader.locate(dir.resolve("candidate")));
        RunComparison.Result r = RunComparison.compare(base, cand, CompareConfig.defaults(1));
        Comparison c = new Comparison("baseline", Optional.empty(), "candidate", Optional.empty(), 1, List.of(),
                List.of(), List.of(), List.of(), r.checks(), r.notes(), r.curves(), Comparison.decide(r.checks()));
        System.out.printf("%d checks, %d curves, load average %.2f%n", c.checks().size(), c.curves().size(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> names = List.of("table", "comparison.json", "junit.xml", "report.md", "report.html");
        List<Function<Comparison, String>> writers = List.of(ComparisonWriters::table, ComparisonWriters::json,
                ComparisonWriters::junit, ComparisonWriters::markdown, ComparisonHtmlWriter::html);
        double[][] seconds = new double[writers.size()][reps];
        for (int i = 0; i < reps; i++) {
            for (int w = 0; w < writers.size(); w++) {
                long t0 = System.nanoTime();
                int length = writers.get(w).apply(c).length();
                seconds[w][i] = (System.nanoTime() - t0) / 1e9;
                if (length == 0) {
                    throw new IllegalStateException(names.get(w) + " wrote nothing");
                }
            }
        }
        double coldSum = 0;
        double warmSum = 0;
        for (int w = 0; w < writers.size(); w++) {
            double[] warm = Arrays.copyOfRange(seconds[w], 1, reps);
            Arrays.sort(warm);
            double median = warm.length == 0 ? Double.NaN : warm[warm.length / 2];
            coldSum += seconds[w][0];
            warmSum += median;
            System.out.printf("%-16s cold %.3f s, warm median of %d %.3f s%n", names.get(w), seconds[w][0], warm.length, median);
        }
        System.out.printf("%-16s cold %.3f s, warm %.3f s (sequential; load average now %.2f)%n", "all", coldSum, warmSum,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
