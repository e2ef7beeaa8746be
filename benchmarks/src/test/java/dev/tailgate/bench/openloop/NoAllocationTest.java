package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * "No allocation per request" checked, not claimed: the blocking driver with its recorders, run
 * on a fake clock, allocates a fixed amount however many requests it sends (so a 24-hour
 * sampler's heap stays flat). Uses HotSpot's per-thread allocation counter.
 */
class NoAllocationTest {

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    static long run(long requests, LatencyRecorders rec) {
        FakeClock clock = new FakeClock();
        OpenLoopConfig config = OpenLoopConfig.of(100_000, requests * 10_000);
        long before = allocatedBytes();
        BlockingOpenLoop.run(config, () -> clock.advance(3_000 + (clock.nanoTime() & 0xfff)), clock, clock, rec,
                () -> false);
        return allocatedBytes() - before;
    }

    @Test
    void theDriverAllocatesNothingPerRequest() {
        LatencyRecorders rec = new LatencyRecorders();
        run(200_000, rec); // warm up: JIT, recorder phasers
        long small = run(10_000, rec);
        long large = run(1_000_000, rec);
        assertTrue(large - small < 64 * 1024, "allocation grows with requests: " + small + " B for 10k, "
                + large + " B for 1M");
    }
}
