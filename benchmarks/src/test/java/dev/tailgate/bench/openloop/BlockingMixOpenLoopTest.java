package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.load.CommandHistograms;
import dev.tailgate.bench.load.CommandMix;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The blocking client's fixed-rate mix driver on a fake clock: a call that stalls 50 ms is
 * charged to every command due during it in response time (coordinated omission corrected, as
 * the Jedis mix needs), and only to its own batch in service time; batches go round-robin over
 * the connections; the per-command counts add up to the mix's; a wrong reply stops the run.
 */
class BlockingMixOpenLoopTest {
    static final long RATE = 10_000;
    static final int PIPELINE = 2;
    static final long RTT = 20_000;
    static final long STALL = 50_000_000;
    static final int STALLED_CALL = 1_000;

    /** A blocking client whose every call takes RTT, and call STALLED_CALL STALL more. */
    static final class FakeCalls implements BlockingMixOpenLoop.Transport {
        final FakeClock clock;
        final CommandMix.Picker picker = CommandMix.parse("GET:10,SET:1,PING:5").picker(17);
        final List<Integer> calledOn = new ArrayList<>();
        int queued;
        RuntimeException failAt1000;

        FakeCalls(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public int connections() {
            return 3;
        }

        @Override
        public int queue(int conn) {
            queued++;
            return picker.next();
        }

        @Override
        public void call(int conn) {
            if (calledOn.size() == STALLED_CALL && failAt1000 != null) {
                throw failAt1000;
            }
            clock.advance(RTT + (calledOn.size() == STALLED_CALL ? STALL : 0));
            calledOn.add(conn);
        }
    }

    static long slow(Histogram h) {
        return h.getTotalCount() - h.getCountBetweenValues(0, 1_000_000);
    }

    @Test
    void aStalledCallIsChargedToEveryCommandDueDuringItFromItsIntendedStart() throws Exception {
        FakeClock clock = new FakeClock();
        FakeCalls calls = new FakeCalls(clock);
        LatencyRecorders rec = new LatencyRecorders();
        CommandHistograms perCommand = new CommandHistograms(CommandMix.parse("GET:10,SET:1,PING:5").commands());
        RunTally tally = BlockingMixOpenLoop.run(OpenLoopConfig.of(RATE, 1_000_000_000L), PIPELINE, calls, clock, clock,
                rec, perCommand, () -> false);
        LatencySnapshot s = rec.interval(null);

        assertEquals(RATE, tally.scheduled());
        assertEquals(RATE, tally.sent());
        assertEquals(RATE, tally.completed());
        assertEquals(RATE, s.response().getTotalCount());
        assertEquals(s.response().getTotalCount(), perCommand.command(0).getTotalCount()
                + perCommand.command(1).getTotalCount() + perCommand.command(2).getTotalCount(), "per-command counts add up");
        for (int b = 0; b < calls.calledOn.size(); b++) {
            assertEquals(b % 3, calls.calledOn.get(b), "batch " + b + " goes on connection b mod 3");
        }
        // Batches are due every 200 us. The stalled batch is answered 50.02 ms after its intended
        // start; the batches due meanwhile leave back to back, one RTT each, so batch j after it
        // is answered 50.02 ms - j x (200 - 20) us late: j <= 272 are >= 1 ms late, 273 batches,
        // 546 commands. A closed loop would have recorded one slow call.
        long period = PIPELINE * 1_000_000_000L / RATE;
        long expected = PIPELINE * (1 + (STALL + RTT - 1_000_000) / (period - RTT));
        long slowResponses = slow(s.response());
        assertEquals(expected, slowResponses, "commands with response >= 1 ms");
        assertEquals(slowResponses, slow(perCommand.command(0)) + slow(perCommand.command(1)) + slow(perCommand.command(2)),
                "each command's histogram charges the same response times");
        assertEquals(PIPELINE, slow(s.service()), "service time sees the stall once: the stalled batch's commands");
        assertTrue(s.response().getMaxValue() >= STALL, "max " + s.response().getMaxValue());
        assertEquals(expected - PIPELINE, slow(s.slip()), "the late sends show as slip (all but the stalled batch)");
    }

    @Test
    void aWrongReplyStopsTheRunWithItsOneLine() {
        FakeClock clock = new FakeClock();
        FakeCalls calls = new FakeCalls(clock);
        calls.failAt1000 = new IllegalStateException("GET on connection 1: unexpected reply nil");
        CommandHistograms perCommand = new CommandHistograms(CommandMix.parse("GET:10,SET:1,PING:5").commands());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BlockingMixOpenLoop.run(
                OpenLoopConfig.of(RATE, 1_000_000_000L), PIPELINE, calls, clock, clock, new LatencyRecorders(), perCommand,
                () -> false));
        assertSame(calls.failAt1000, e);
        assertEquals((STALLED_CALL + 1) * PIPELINE, calls.queued, "nothing is sent after the failed call");
    }
}
