package dev.tailgate.perf;

import dev.tailgate.compareservice.CompareService;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Times the whole {@code compare} in one JVM (read both JMH JSON files, bootstrap every result,
 * write the four reports) on the runs {@link CompareRunsGenerator} writes: the first repetition
 * is cold (class loading, JIT), then the median. Process CPU time is the figure to quote on a
 * shared machine (wall time includes waiting for a core); see docs/compare-statistics.md.
 *
 * <pre>java -cp harness/target/tailgate.jar:harness/target/test-classes \
 *     dev.tailgate.perf.ComparePerformanceMain target/perf/compare 5</pre>
 */
public final class ComparePerformanceMain {
    private ComparePerformanceMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path out = Files.createTempDirectory("tailgate-compare-perf");
        double[] wall = new double[reps];
        double[] cpu = new double[reps];
        for (int i = 0; i < reps; i++) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            CompareService.Outcome o = CompareService.compare(new CompareService.Request(dir.resolve("baseline").toString(),
                    dir.resolve("candidate").toString(), Optional.empty(), 1, true, false, Set.of(), Optional.of(out), dir));
            wall[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (processCpuNanos() - c0) / 1e9;
            System.out.printf("run %d: wall %.2f s, process cpu %.2f s, load average %.1f, %d checks, decision %s%n",
                    i + 1, wall[i], cpu[i], load, o.comparison().checks().size(), o.comparison().decision());
        }
        double[] w = Arrays.copyOfRange(wall, 1, reps);
        double[] c = Arrays.copyOfRange(cpu, 1, reps);
        Arrays.sort(w);
        Arrays.sort(c);
        System.out.printf("cold: wall %.2f s, cpu %.2f s; warm median of %d: wall %.2f s, cpu %.2f s%n",
                wall[0], cpu[0], w.length, w[w.length / 2], c[c.length / 2]);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
