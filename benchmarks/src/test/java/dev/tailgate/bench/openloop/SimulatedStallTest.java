package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Coordinated omission on a fake clock: a server whose reply to request k is 50 ms late.
 * 10,000 req/s (period 100 µs), normal service 20 µs, 0.3 s schedule; the stall covers
 * stall/period = 500 intended starts.
 */
class SimulatedStallTest {
    static final long RATE = 10_000;
    static final long PERIOD = 1_000_000_000L / RATE;
    static final long SERVICE = 20_000;
    static final long STALL = 50_000_000;
    static final long STALLED_REQUEST = 1_000;
    static final OpenLoopConfig CONFIG = OpenLoopConfig.of(RATE, 300_000_000L);

    static long countAbove(Histogram h, long nanos) {
        return h.getTotalCount() - h.getCountBetweenValues(0, nanos);
    }

    @Test
    void blockingClientChargesTheStallToEveryQueuedRequestButServiceTimeSeesOne() {
        FakeClock clock = new FakeClock();
        LatencyRecorders rec = new LatencyRecorders();
        long[] k = {0};
        RunTally tally = BlockingOpenLoop.run(CONFIG, () -> clock.advance(k[0]++ == STALLED_REQUEST ? STALL : SERVICE),
                clock, clock, rec, () -> false);
        LatencySnapshot s = rec.interval(null);

        assertEquals(3_000, tally.completed());
        // service time (closed-loop view): exactly the one slow call
        assertEquals(1, countAbove(s.service(), 1_000_000));
        // response time: every request due during the stall waits at least 1 ms, ~ stall/period of them;
        // the backlog drains at (period - service)/period, so a few more are late before it clears
        long expected = STALL / PERIOD;
        long slow = countAbove(s.response(), 1_000_000);
        assertTrue(slow >= expected * 9 / 10 && slow <= expected * 14 / 10, "slow responses " + slow + " vs ~" + expected);
        assertTrue(s.response().getValueAtPercentile(99.0) > 10_000_000, "p99 must show the stall");
        assertTrue(s.service().getValueAtPercentile(99.0) < 100_000, "service p99 must not");
        // the generator fell behind during the stall: slip shows it
        assertTrue(s.slip().getMaxValue() >= STALL - PERIOD);
        OpenLoopResult r = tally.judge(CONFIG, s, true);
        assertFalse(r.valid());
        assertTrue(r.flaws().contains(Flaw.SLIP_ABOVE_BOUND), r.explanation().toString());
        assertFalse(r.flaws().contains(Flaw.BLOCKING_CLIENT_CEILING), r.explanation().toString());
    }

    @Test
    void blockingClientSlowerThanThePeriodSaysItCannotReachTheRate() {
        FakeClock clock = new FakeClock();
        LatencyRecorders rec = new LatencyRecorders();
        RunTally tally = BlockingOpenLoop.run(CONFIG, () -> clock.advance(2 * PERIOD), clock, clock, rec, () -> false);
        OpenLoopResult r = tally.judge(CONFIG, rec.interval(null), true);
        assertTrue(r.flaws().contains(Flaw.BLOCKING_CLIENT_CEILING), r.explanation().toString());
        assertTrue(r.flaws().contains(Flaw.BEHIND_SCHEDULE));
        assertEquals(RATE / 2, r.achievedRatePerSecond(), RATE * 0.02);
        assertTrue(r.explanation().stream().anyMatch(l -> l.contains("1/RTT")), r.explanation().toString());
    }

    /** FIFO server: reply k leaves at max(arrival + service, previous reply), +stall for the stalled one. */
    static final class FakeServer implements DecoupledOpenLoop.Transport {
        final FakeClock clock;
        final ArrayDeque<Long> replyTimes = new ArrayDeque<>();
        long lastReply;
        long received;

        FakeServer(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public void send() {
            long done = Math.max(clock.nanoTime() + SERVICE, lastReply) + (received++ == STALLED_REQUEST ? STALL : 0);
            replyTimes.add(done);
            lastReply = done;
        }

        @Override
        public void awaitReply() {
            clock.set(Math.max(clock.nanoTime(), replyTimes.remove()));
        }
    }

    @Test
    void decoupledSenderKeepsTheScheduleSoEveryRequestDuringTheStallSeesIt() throws Exception {
        FakeClock clock = new FakeClock();
        LatencyRecorders rec = new LatencyRecorders();
        FakeServer server = new FakeServer(clock);
        DecoupledOpenLoop loop = new DecoupledOpenLoop(CONFIG, server, clock, clock, rec);
        loop.start();
        // discrete-event simulation: deliver every reply due before the next send, then send
        while (loop.hasNextSend()) {
            long nextSend = loop.nextIntendedNanos();
            while (!server.replyTimes.isEmpty() && server.replyTimes.peek() <= nextSend) {
                assertTrue(loop.receiveNext());
            }
            loop.sendNext();
        }
        loop.finishSending();
        while (loop.receiveNext()) {
            // drain
        }
        RunTally tally = loop.tally();
        LatencySnapshot s = rec.interval(null);
        assertEquals(3_000, tally.completed());
        long expected = STALL / PERIOD;
        long slowResponse = countAbove(s.response(), 1_000_000);
        long slowService = countAbove(s.service(), 1_000_000);
        assertTrue(slowResponse >= expected * 9 / 10 && slowResponse <= expected * 11 / 10,
                "slow responses " + slowResponse + " vs ~" + expected);
        // sends were on time, so service time (from the actual send) sees the same queue
        assertEquals(slowResponse, slowService);
        assertEquals(0, s.slip().getMaxValue());
        assertTrue(tally.judge(CONFIG, s, false).valid(), tally.judge(CONFIG, s, false).explanation().toString());
    }

    @Test
    void scheduleDoesNotDriftAndCountsExactly() {
        Schedule s = new Schedule(5, 3);
        assertEquals(5, s.intendedStartNanos(0));
        assertEquals(5 + 333_333_333L, s.intendedStartNanos(1));
        assertEquals(5 + 1_000_000_000L, s.intendedStartNanos(3));
        long k = 86_400L * 1_000_000; // a day at 1M req/s: no overflow
        assertEquals(86_400L * 1_000_000_000L, Schedule.offsetNanos(k, 1_000_000));
        assertEquals(3, Schedule.countWithin(3, 1_000_000_000L));
        assertEquals(1, Schedule.countWithin(3, 1));
        assertEquals(6, new Schedule(0, 3).firstIndexAtOrAfter(2_000_000_000L));
    }

    /**
     * A sender that fell behind (here: its clock jumps 10 periods, as in a host stall) sends every
     * request already due in one write, each with its own intended start and slip; it is back on
     * schedule at the next period instead of working the backlog off one write at a time.
     */
    @Test
    void aSenderBehindScheduleSendsEveryDueRequestInOneWrite() throws Exception {
        FakeClock clock = new FakeClock();
        LatencyRecorders rec = new LatencyRecorders();
        java.util.List<Integer> writes = new java.util.ArrayList<>();
        DecoupledOpenLoop.Transport transport = new DecoupledOpenLoop.Transport() {
            @Override
            public void send() {
                writes.add(1);
            }

            @Override
            public void send(int count) {
                writes.add(count);
            }

            @Override
            public void awaitReply() {
            }
        };
        DecoupledOpenLoop loop = new DecoupledOpenLoop(CONFIG, transport, clock, clock, rec);
        loop.start();
        assertEquals(1, loop.sendNext());
        clock.advance(10 * PERIOD + PERIOD / 2); // stalled: requests 1..10 are all due now
        assertEquals(10, loop.sendNext());
        assertEquals(1, loop.sendNext()); // request 11: on time again, the pacer waited for it
        assertEquals(java.util.List.of(1, 10, 1), writes);
        assertEquals(12, loop.sentSoFar());
        Histogram slip = rec.interval(null).slip();
        assertEquals(12, slip.getTotalCount());
        // request k of the backlog was due at k periods and left at 10.5 periods
        assertEquals(9 * PERIOD + PERIOD / 2, slip.getMaxValue(), slip.getMaxValue() / 100.0);
        assertEquals(10, countAbove(slip, 0), "requests 1..10 slipped, 0 and 11 did not");
        assertEquals(1, countAbove(slip, 0) - countAbove(slip, PERIOD), "only request 10 slipped less than a period");
    }
}
