package dev.tailgate.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one {@code System.nanoTime()} costs on this host's clock source: the price JMH's
 * {@code SampleTime} mode adds to every sample it takes (it reads the clock before and after
 * the timed call, so each sample carries one clock read's latency, and a sampled call pays for
 * two). On {@code tsc} a read is a few dozen ns from user space; on {@code kvm-clock} it goes
 * through the hypervisor's shared page, and on a clock source without a vDSO path every read
 * is a system call. The fingerprint records the clock source ({@code cpu.clocksource},
 * docs/environment.md); docs/performance.md says how to use this figure.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.tailgate.bench.support.ClockCost [reads]</pre>
 */
public final class ClockCost {
    private static final int DEFAULT_READS = 2_000_000;

    private ClockCost() {
    }

    /** Percentiles of back-to-back clock-read gaps, and the mean cost of one read, in ns. */
    record Summary(long reads, double meanNanosPerRead, long p50, long p99, long p999, long max) {
        String line(String clocksource) {
            return String.format(Locale.ROOT, "clocksource %s: System.nanoTime() costs %.1f ns per read (mean of %d);"
                    + " back-to-back gap p50 %d ns, p99 %d ns, p99.9 %d ns, max %d ns", clocksource, meanNanosPerRead,
                    reads, p50, p99, p999, max);
        }
    }

    /** Pure: the summary of {@code gaps} (sorted in place) measured over {@code elapsedNanos} for {@code reads} reads. */
    static Summary summarize(long[] gaps, long reads, long elapsedNanos) {
        Arrays.sort(gaps);
        return new Summary(reads, (double) elapsedNanos / reads, at(gaps, 0.50), at(gaps, 0.99), at(gaps, 0.999),
                gaps[gaps.length - 1]);
    }

    private static long at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    /** Reads the clock {@code 2 * gaps.length} times in pairs; returns the elapsed time of all of them. */
    static long measure(long[] gaps) {
        long start = System.nanoTime();
        for (int i = 0; i < gaps.length; i++) {
            long a = System.nanoTime();
            gaps[i] = System.nanoTime() - a;
        }
        return System.nanoTime() - start;
    }

    public static void main(String[] args) throws IOException {
        int pairs = (args.length > 0 ? parse(args[0]) : DEFAULT_READS) / 2;
        long[] gaps = new long[pairs];
        measure(gaps); // the first pass compiles the loop: what is kept is the compiled loop
        long elapsed = measure(gaps);
        Path source = Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource");
        String clocksource = Files.isReadable(source) ? Files.readString(source).strip() : "unknown";
        System.out.println(summarize(gaps, 2L * pairs, elapsed).line(clocksource));
    }

    private static int parse(String reads) {
        try {
            int n = Integer.parseInt(reads);
            if (n >= 2) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        System.err.println("clock-cost: reads: expected an integer >= 2, got \"" + reads + "\"");
        System.exit(2);
        return 0;
    }
}
