package dev.tailgate.history;

import dev.tailgate.cli.TailgateCommand;
import dev.tailgate.summary.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The scale check of issue 19: NIGHTS nightly summaries of BENCHMARKS sample-mode results with 6
 * statistics each (365 x 200 x 6 by default), one step (a profile switch, +20%) two thirds of
 * the way, then a full index rebuild and {@code history} on the warm index, each timed in this
 * JVM (after the JIT has seen one of each, so the figures are of the work, not of class loading;
 * scripts/history-scale.sh times fresh JVMs too). Run from the repository root:
 *
 * <pre>
 * java -cp harness/target/tailgate.jar:harness/target/test-classes dev.tailgate.history.HistoryScale DIR [NIGHTS] [BENCHMARKS]
 * </pre>
 *
 * Existing nights under DIR are kept: generating 365 summaries is not what is timed.
 */
public final class HistoryScale {
    private HistoryScale() {
    }

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        int nights = args.length > 1 ? Integer.parseInt(args[1]) : 365;
        int benchmarks = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        long t0 = System.nanoTime();
        for (int i = 0; i < nights; i++) {
            GeneratedRuns.Night n = GeneratedRuns.Night.ordinary(i);
            if (!Files.isRegularFile(results.resolve(n.id()).resolve(Summary.FILE))) {
                GeneratedRuns.write(results, i < nights * 2 / 3 ? n : n.with("stock", 1.2), benchmarks, 1);
            }
        }
        System.out.printf("generated %d nights x %d results x 6 statistics under %s in %.1f s%n", nights, benchmarks,
                results, (System.nanoTime() - t0) / 1e9);
        double[] rebuild = new double[3];
        double[] warm = new double[5];
        for (int i = 0; i < rebuild.length; i++) {
            rebuild[i] = time(results, "--rebuild");
        }
        for (int i = 0; i < warm.length; i++) {
            warm[i] = time(results);
        }
        System.out.printf("rebuild: %s s (target 30 s)%nhistory, warm index: %s s (target 3 s)%n",
                Arrays.toString(rebuild), Arrays.toString(warm));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double time(Path results, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "history";
        args[1] = "--results";
        args[2] = results.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        int code = TailgateCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        double s = (System.nanoTime() - t0) / 1e9;
        // CPU time of the whole process: on a loaded host, wall time measures the neighbours too
        System.out.printf("  history %s: %.2f s wall, %.2f s CPU%n", String.join(" ", more),
                s, (cpuNanos() - cpu0) / 1e9);
        if (code != 1) {
            throw new IllegalStateException("expected exit 1 (the generated step is a regression), got " + code + ": " + err);
        }
        return Math.round(s * 100) / 100.0;
    }
}
