package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenLoopResultTest {
    static final OpenLoopConfig ONE_SECOND_AT_1000 = OpenLoopConfig.of(1_000, 1_000_000_000L);

    static LatencySnapshot samples(long n, long responseNanos, long slipNanos) {
        LatencySnapshot s = LatencySnapshot.empty();
        for (int i = 0; i < n; i++) {
            s.response().recordValue(responseNanos);
            s.service().recordValue(responseNanos);
            s.slip().recordValue(slipNanos);
        }
        return s;
    }

    @Test
    void aRunOnScheduleIsValid() {
        OpenLoopResult r = OpenLoopResult.judge(ONE_SECOND_AT_1000, 1000, 1000, 1000, 0, 1_000_000_000L,
                samples(1000, 30_000, 2_000), false);
        assertTrue(r.valid(), r.explanation().toString());
        assertEquals(1000, r.achievedRatePerSecond(), 1e-9);
    }

    @Test
    void exactlyTheBoundsAreStillValidOneStepBeyondIsNot() {
        // 99.0% of the rate and slip just under the bound pass (slip is read as its bucket's upper
        // edge, 3 significant digits: within 0.1% of the bound counts as beyond it, the safe side)
        assertTrue(OpenLoopResult.judge(ONE_SECOND_AT_1000, 1000, 990, 990, 0, 1_000_000_000L,
                samples(990, 30_000, 19_950), false).valid());
        OpenLoopResult behind = OpenLoopResult.judge(ONE_SECOND_AT_1000, 1000, 989, 989, 0, 1_000_000_000L,
                samples(989, 30_000, 19_950), false);
        assertEquals(Set.of(Flaw.BEHIND_SCHEDULE), behind.flaws());
        OpenLoopResult slipped = OpenLoopResult.judge(ONE_SECOND_AT_1000, 1000, 1000, 1000, 0, 1_000_000_000L,
                samples(1000, 30_000, 20_100), false);
        assertEquals(Set.of(Flaw.SLIP_ABOVE_BOUND), slipped.flaws());
    }

    @Test
    void errorsAndEmptyRunsAreInvalidWithAReason() {
        OpenLoopResult errors = OpenLoopResult.judge(ONE_SECOND_AT_1000, 1000, 1000, 999, 1, 1_000_000_000L,
                samples(999, 30_000, 0), false);
        assertTrue(errors.flaws().contains(Flaw.ERRORS));
        assertTrue(errors.explanation().contains("1 request(s) failed"), errors.explanation().toString());
        OpenLoopResult empty = OpenLoopResult.judge(ONE_SECOND_AT_1000, 1000, 0, 0, 0, 1_000_000_000L,
                LatencySnapshot.empty(), false);
        assertTrue(empty.flaws().containsAll(Set.of(Flaw.NO_SAMPLES, Flaw.BEHIND_SCHEDULE)));
        assertFalse(empty.valid());
    }

    /**
     * A blocking client sending batches of 4 at 20,000 commands/s calls every 200 us: a 60 us
     * batch round trip is far from its ceiling (per command the period would be 50 us, below it),
     * a 250 us one is past it, and the line says so per batch.
     */
    @Test
    void aBlockingClientsCeilingIsOneBatchPerRoundTrip() {
        OpenLoopConfig at20k = OpenLoopConfig.of(20_000, 1_000_000_000L);
        assertTrue(OpenLoopResult.judge(at20k, 20_000, 20_000, 20_000, 0, 1_000_000_000L,
                samples(1000, 60_000, 0), 4).valid());
        OpenLoopResult past = OpenLoopResult.judge(at20k, 20_000, 20_000, 20_000, 0, 1_000_000_000L,
                samples(1000, 250_000, 0), 4);
        assertEquals(Set.of(Flaw.BLOCKING_CLIENT_CEILING), past.flaws());
        assertTrue(past.explanation().get(0).startsWith("blocking client: median round trip of a batch of 4 250.")
                && past.explanation().get(0).contains("batch period 200.0 us"), past.explanation().toString());
        assertEquals(Set.of(Flaw.BLOCKING_CLIENT_CEILING), OpenLoopResult.judge(at20k, 20_000, 20_000, 20_000, 0,
                1_000_000_000L, samples(1000, 60_000, 0), true).flaws(), "one request per call: the 50 us period");
    }
}
