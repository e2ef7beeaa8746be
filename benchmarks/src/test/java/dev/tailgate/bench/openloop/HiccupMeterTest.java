package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HiccupMeterTest {

    @Test
    void aStallIsRecordedWithTheSamplesItSwallowed() {
        FakeClock clock = new FakeClock();
        long[] call = {0};
        // 1 ms sleeps overshoot by 5 µs, except one that wakes 50 ms late
        HiccupMeter meter = new HiccupMeter(clock,
                nanos -> clock.advance(nanos + (call[0]++ == 500 ? 50_000_000 : 5_000)));
        for (int i = 0; i < 1_000; i++) {
            meter.measureOnce();
        }
        Histogram h = meter.interval(null);
        assertEquals(50_000_000, h.getMaxValue(), 50_000_000 * 0.001);
        // the 50 ms stall also stands for the ~49 one-millisecond samples it hid (jHiccup correction)
        assertEquals(1_000 + 49, h.getTotalCount(), 1);
        assertEquals(5_000, h.getValueAtPercentile(50), 5);
        assertTrue(h.getValueAtPercentile(99.9) > 40_000_000, "p99.9 sees the stall");
    }

    @Test
    void realMeterTakesAboutOneSamplePerMillisecondWithSaneValues() throws Exception {
        try (HiccupMeter meter = HiccupMeter.system().start(false, List.of(), java.util.Optional.empty())) {
            Histogram total = new Histogram(3);
            long deadline = System.nanoTime() + 10_000_000_000L;
            Histogram recycle = null;
            while (total.getTotalCount() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                recycle = meter.interval(recycle);
                total.add(recycle);
            }
            assertTrue(total.getTotalCount() >= 200, "only " + total.getTotalCount() + " samples in 10 s");
            // A 1 ms sleep cannot wake earlier than asked, so the meter records the overshoot, not
            // the sleep: some of 200+ wake-ups overshoot by less than a millisecond even on a
            // loaded host (a median bound failed here once at load 15, with a 3 ms median).
            assertTrue(total.getMinValue() >= 0);
            assertTrue(total.getMinValue() < 1_000_000, "smallest hiccup " + total.getMinValue());
        }
    }
}
