package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WakeupCostTest {

    @Test
    void measuresRealWakeupsOnThisThread() {
        long start = System.nanoTime();
        WakeupCost c = WakeupCost.measure(50, 1_000_000);
        long elapsed = System.nanoTime() - start;
        // 50 waits of 1 ms each cannot take less than 50 ms: the waits really happened
        assertTrue(elapsed >= 50_000_000L, "elapsed " + elapsed);
        assertEquals(50, c.wakeups());
        // a wake-up costs some CPU, and far less than the 1 ms period (else it was a spin, not a park)
        assertTrue(c.cpuNanosPerWake() > 0 && c.cpuNanosPerWake() < 1_000_000, c.describe());
        assertTrue(c.lateNanosMedian() >= 0, c.describe());
    }

    @Test
    void percentOfCoreScalesWithRate() {
        WakeupCost c = new WakeupCost(10, 37_000, 50_000);
        assertEquals(3.7, c.percentOfCoreAt(1_000), 1e-9);
        assertEquals(7.4, c.percentOfCoreAt(2_000), 1e-9);
        assertTrue(Double.isNaN(new WakeupCost(10, -1, 0).percentOfCoreAt(1_000)));
        assertThrows(IllegalArgumentException.class, () -> WakeupCost.measure(0, 1));
    }
}
