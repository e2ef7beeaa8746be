package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClockCostTest {

    @Test
    void percentilesAreOfTheGapsAndTheMeanIsPerRead() {
        long[] gaps = new long[1000];
        for (int i = 0; i < gaps.length; i++) {
            gaps[gaps.length - 1 - i] = i + 1; // 1..1000, reversed: summarize sorts
        }
        ClockCost.Summary s = ClockCost.summarize(gaps, 2000, 50_000);
        assertEquals(new ClockCost.Summary(2000, 25.0, 500, 990, 999, 1000), s);
        assertTrue(s.line("kvm-clock").startsWith("clocksource kvm-clock: System.nanoTime() costs 25.0 ns per read"),
                s.line("kvm-clock"));
    }

    @Test
    void aRealClockReadTakesTimeAndNeverRunsBackwards() {
        long[] gaps = new long[10_000];
        long elapsed = ClockCost.measure(gaps);
        assertTrue(elapsed > 0);
        for (long g : gaps) {
            assertTrue(g >= 0, "nanoTime ran backwards: " + g);
        }
    }
}
