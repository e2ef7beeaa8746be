package dev.tailgate.bench.openloop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * What one timed wake-up costs the calling thread on this host: CPU time and lateness per
 * {@code parkNanos}. A fixed-rate sender that does not spin needs at least one timed wake-up per
 * request (the next send time) and one more for the reply of a blocking call, so this is the floor
 * under the sampler's overhead: at 1,000 req/s, a wake-up costing {@code c} µs of CPU alone uses
 * {@code c/10} % of a core. Bare metal pays a few µs; a VM whose every timer and halt exits to
 * the hypervisor pays tens of µs, in C ({@code clock_nanosleep}) as from the JVM — which can put
 * 1,000 req/s out of reach of a 2% budget there, so the sampler reports this figure
 * (docs/tails.md).
 *
 * @param wakeups         how many timed waits were measured
 * @param cpuNanosPerWake thread CPU time per wake-up (park, timer, context switch, return)
 * @param lateNanosMedian median lateness of the wake-up past its deadline (timer slack + scheduling)
 */
public record WakeupCost(int wakeups, double cpuNanosPerWake, long lateNanosMedian) {

    /** Parks {@code wakeups} times for {@code periodNanos} each on the calling thread; -1 CPU if the JVM cannot tell. */
    public static WakeupCost measure(int wakeups, long periodNanos) {
        if (wakeups < 1 || periodNanos < 1) {
            throw new IllegalArgumentException("need wakeups >= 1 and periodNanos >= 1");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long[] late = new long[wakeups];
        LockSupport.parkNanos(periodNanos); // first park pays class loading and JIT of this loop
        long cpuBefore = cpu ? threads.getCurrentThreadCpuTime() : 0;
        long deadline = System.nanoTime();
        for (int i = 0; i < wakeups; i++) {
            deadline += periodNanos;
            long remaining;
            while ((remaining = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
            }
            late[i] = System.nanoTime() - deadline;
        }
        double perWake = cpu ? (double) (threads.getCurrentThreadCpuTime() - cpuBefore) / wakeups : -1;
        Arrays.sort(late);
        return new WakeupCost(wakeups, perWake, late[wakeups / 2]);
    }

    /** Share of a core that {@code perSecond} wake-ups cost at this price, in percent. */
    public double percentOfCoreAt(double perSecond) {
        return cpuNanosPerWake < 0 ? Double.NaN : perSecond * cpuNanosPerWake / 1e7;
    }

    public String describe() {
        if (cpuNanosPerWake < 0) {
            return String.format(Locale.ROOT, "timer wake-up CPU unknown (no thread CPU clock), median %.1f µs late",
                    lateNanosMedian / 1e3);
        }
        return String.format(Locale.ROOT, "a timer wake-up costs %.1f µs of CPU here (median %.1f µs late, %d wake-ups)",
                cpuNanosPerWake / 1e3, lateNanosMedian / 1e3, wakeups);
    }
}
