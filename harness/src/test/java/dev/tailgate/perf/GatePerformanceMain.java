package dev.tailgate.perf;

import dev.tailgate.gate.GateResult;
import dev.tailgate.gate.GateService;
import dev.tailgate.report.ReportFiles;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Times the whole gate (read JMH JSON, load thresholds, judge, write the three reports) on
 * the generated 2,000-result file, in one JVM: the first repetition is cold (class loading,
 * JIT), the median of all is what a nightly job pays when the harness is warm. Run with the
 * heap limit under test, see docs/dev/gate-performance.md:
 *
 * <pre>java -Xmx256m -cp harness/target/tailgate.jar:harness/target/test-classes \
 *     dev.tailgate.perf.GatePerformanceMain target/perf/jmh-2000.json \
 *     harness/src/test/resources/perf/thresholds.yaml 5</pre>
 */
public final class GatePerformanceMain {
    private GatePerformanceMain() {
    }

    public static void main(String[] args) throws Exception {
        Path json = Path.of(args[0]);
        Path thresholds = Path.of(args[1]);
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path out = Files.createTempDirectory("tailgate-perf");
        double[] seconds = new double[reps];
        double[] cpu = new double[reps];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < reps; i++) {
            double load = os.getSystemLoadAverage();
            long c0 = threads.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            GateResult r = GateService.gate(json, thresholds, LocalDate.of(2026, 11, 25));
            ReportFiles.writeAll(r.verdict(), out);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            double gateThread = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            cpu[i] = (os.getProcessCpuTime() - p0) / 1e9;
            // On a shared machine wall time includes waiting for a core. Process CPU (all threads:
            // the second reader, the judging and rendering pool, JIT and GC) is what the gate costs;
            // the gate thread's CPU is its critical path on an idle machine, GC pauses aside.
            System.out.printf("run %d: wall %.3f s, process cpu %.3f s, gate-thread cpu %.3f s, load average %.1f,"
                    + " %d checks, decision %s%n", i + 1, seconds[i], cpu[i], gateThread, load,
                    r.verdict().checks().size(), r.verdict().decision());
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double[] sortedCpu = cpu.clone();
        Arrays.sort(sortedCpu);
        // The old generation's peak is what survives collections: the data the gate holds.
        // (Summing every pool's peak would add peaks reached at different times.)
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.contains("Old") || name.contains("Tenured"))) {
                peak = Math.max(peak, pool.getPeakUsage().getUsed());
            }
        }
        System.out.printf("file %.1f MB, max heap %d MB: wall cold %.3f s, median of %d %.3f s;"
                        + " process cpu cold %.3f s, median %.3f s; old generation peak %d MB%n",
                Files.size(json) / 1e6, Runtime.getRuntime().maxMemory() >> 20, seconds[0], reps,
                sorted[reps / 2], cpu[0], sortedCpu[reps / 2], peak >> 20);
    }
}
