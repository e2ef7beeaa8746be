package dev.tailgate.bench.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.FakeClock;
import org.junit.jupiter.api.Test;

/**
 * The one-way benchmarks' send schedule, driven on a fake clock (the pacer jumps to each
 * deadline, so no test time passes): intended send times are exact at any distance from the
 * start, a late send is counted, and each iteration starts afresh.
 */
class FixedRateProducerTest {
    /** A new one per test (JUnit makes a new instance for each). */
    private final FakeClock clock = new FakeClock();

    private PubSubOneWayLatencyBenchmark producer(long rate) {
        PubSubOneWayLatencyBenchmark p = new PubSubOneWayLatencyBenchmark();
        p.ratePerSecond = rate;
        p.checkRate();
        p.useClock(clock, clock);
        p.startSchedule();
        return p;
    }

    /** One send's wait, as JMH's invocation setup runs it; returns the send's intended time. */
    private static long paced(PubSubOneWayLatencyBenchmark p) {
        p.pace();
        return p.intendedNanos;
    }

    /**
     * 3,000/s has a period of 333,333.3 ns. Message n must be due at start + n x 1e9 / 3,000:
     * after 1,000 s (n = 3,000,000) exactly 1e12 ns from the start. Multiplying the rounded
     * period, as the trading producer once did, gives 999,999,000,000: 1 ms early, and growing.
     */
    @Test
    void intendedSendTimesDoNotDriftWhenThePeriodIsNotAWholeNumberOfNanoseconds() {
        PubSubOneWayLatencyBenchmark p = producer(3_000);
        long start = paced(p);
        long previous = start;
        for (long n = 1; n <= 3_000_000; n++) {
            long gap = paced(p) - previous;
            assertTrue(gap == 333_333 || gap == 333_334, "gap before message " + n + ": " + gap);
            previous = p.intendedNanos;
            if (n % 3_000 == 0) {
                assertEquals(start + n / 3_000 * 1_000_000_000L, p.intendedNanos, "message " + n + " is due on a whole second");
            }
        }
        assertEquals(1_000_000_000_000L, p.intendedNanos - start);
        assertEquals("fixed rate 3000/s, max slip 0 ns, 0 sends more than one interval late", p.describeSchedule());
    }

    @Test
    void aSendThatLeavesAfterTheNextOneWasDueIsLateAndItsSlipIsKept() {
        PubSubOneWayLatencyBenchmark p = producer(1_000);
        long start = paced(p);
        clock.advance(2_500_000);
        assertEquals(start + 1_000_000, paced(p), "a late message keeps its intended time");
        assertEquals(start + 2_000_000, paced(p), "lateness does not move later messages");
        assertEquals(start + 3_000_000, paced(p));
        assertEquals("fixed rate 1000/s, max slip 1500000 ns, 1 sends more than one interval late", p.describeSchedule());
    }

    @Test
    void eachIterationStartsItsScheduleAtItsFirstSend() {
        PubSubOneWayLatencyBenchmark p = producer(1_000);
        long first = paced(p);
        assertEquals(first + 1_000_000, paced(p));
        clock.advance(7_000_000_123L);
        p.startSchedule();
        assertEquals(clock.nanoTime(), paced(p), "the pause between iterations is not producer lag");
        assertTrue(p.describeSchedule().endsWith(" 0 sends more than one interval late"), p.describeSchedule());
    }

    @Test
    void rateZeroIsClosedLoopAndANegativeRateIsRefused() {
        PubSubOneWayLatencyBenchmark p = producer(0);
        clock.advance(123);
        assertEquals(clock.nanoTime(), paced(p));
        assertEquals("closed loop", p.describeSchedule());
        PubSubOneWayLatencyBenchmark negative = new PubSubOneWayLatencyBenchmark();
        negative.ratePerSecond = -1;
        assertThrows(IllegalArgumentException.class, negative::checkRate);
    }
}
