package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.load.CommandHistograms;
import dev.tailgate.bench.load.CommandMix;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The fixed-rate mix driver as a discrete-event simulation on a fake clock, against a fake
 * single-threaded server that answers each connection in order: a server stall is charged to
 * every command due during it, for the mix and per command; the per-command counts add up to
 * the mix's; a pipelined command is charged its batch's round trip; batches go round-robin over
 * the connections; a sender behind schedule catches up with one write per connection; the mix's
 * proportions hold over many draws. The fake's reply to a command is the command's index, so
 * every reply matched to the wrong command (or read on the wrong connection) fails the run.
 */
class MixOpenLoopTest {
    static final String MIX = "GET:10,SET:1,PING:5";
    static final int[] WEIGHTS = {10, 1, 5};
    static final int TOTAL_WEIGHT = 16;
    static final long RATE = 10_000;
    static final long PERIOD = 1_000_000_000L / RATE;
    static final long SERVICE = 20_000;
    static final long STALL = 50_000_000;

    /**
     * A server that works in arrival order, one command at a time. {@code queueing}: each command
     * takes SERVICE after the previous one; otherwise (SimulatedStallTest's model) a reply leaves
     * SERVICE after its arrival, or with the previous reply if that is later. The command with
     * index {@code stalled} (counted from 0 over all connections) is STALL late, and everything
     * behind it waits.
     */
    static class FakeServer implements MixOpenLoop.Transport {
        final FakeClock clock;
        final CommandMix.Picker picker;
        final boolean queueing;
        final long stalled;
        final List<List<Integer>> pending = new ArrayList<>();
        final List<ArrayDeque<long[]>> replies = new ArrayList<>();
        final int[] flushes;
        final List<Integer> flushSizes = new ArrayList<>();
        long lastReply;
        long received;

        FakeServer(FakeClock clock, int connections, boolean queueing, long stalled) {
            this.clock = clock;
            this.picker = CommandMix.parse(MIX).picker(17);
            this.queueing = queueing;
            this.stalled = stalled;
            this.flushes = new int[connections];
            for (int i = 0; i < connections; i++) {
                pending.add(new ArrayList<>());
                replies.add(new ArrayDeque<>());
            }
        }

        @Override
        public int connections() {
            return flushes.length;
        }

        @Override
        public int queue(int conn) {
            int k = picker.next();
            pending.get(conn).add(k);
            return k;
        }

        @Override
        public void queueEndMarker(int conn) {
            pending.get(conn).add(-1);
        }

        @Override
        public void flush(int conn) {
            long now = clock.nanoTime();
            for (int k : pending.get(conn)) {
                long done = queueing ? Math.max(now, lastReply) + SERVICE : Math.max(now + SERVICE, lastReply);
                done += received++ == stalled ? STALL : 0;
                replies.get(conn).add(new long[] {done, k});
                lastReply = done;
            }
            flushes[conn]++;
            flushSizes.add(pending.get(conn).size());
            pending.get(conn).clear();
        }

        /** When the next reply on {@code conn} leaves the server; MAX_VALUE when none is in flight there. */
        long nextReply(int conn) {
            long[] r = replies.get(conn).peek();
            return r == null ? Long.MAX_VALUE : r[0];
        }

        @Override
        public int awaitReply(int conn) throws IOException {
            long[] r = replies.get(conn).poll();
            if (r == null) {
                throw new IOException("nothing in flight on connection " + conn + ": the receiver would block forever");
            }
            clock.set(Math.max(clock.nanoTime(), r[0]));
            return (int) r[1];
        }

        @Override
        public void check(int conn, int command, int reply) {
            requireOwnReply(conn, command, reply);
        }

        @Override
        public void abort() {
        }
    }

    /** The fakes answer each command with its own index: any other reply is a reply read out of order. */
    static void requireOwnReply(int conn, int command, int reply) {
        if (reply != command) {
            throw new IllegalStateException("command " + command + " on connection " + conn + " got the reply of "
                    + reply);
        }
    }

    record Run(RunTally tally, LatencySnapshot mix, CommandHistograms perCommand, FakeServer server) {
        long slowResponses(Histogram h) {
            return h.getTotalCount() - h.getCountBetweenValues(0, 1_000_000);
        }
    }

    /** Delivers every reply the receiver waits for that leaves before the next send, then sends; drains at the end. */
    static Run simulate(long rate, long durationNanos, int pipeline, int connections, boolean queueing, long stalled)
            throws IOException {
        FakeClock clock = new FakeClock();
        FakeServer server = new FakeServer(clock, connections, queueing, stalled);
        LatencyRecorders rec = new LatencyRecorders();
        CommandHistograms perCommand = new CommandHistograms(CommandMix.parse(MIX).commands());
        MixOpenLoop loop = new MixOpenLoop(OpenLoopConfig.of(rate, durationNanos), pipeline, server, clock, clock, rec,
                perCommand::record);
        loop.start();
        while (loop.hasNextSend()) {
            long nextSend = loop.nextIntendedNanos();
            while (server.nextReply(loop.receiverConnection()) <= nextSend) {
                assertTrue(loop.receiveNext());
            }
            loop.sendNext();
        }
        loop.finishSending();
        while (loop.receiveNext()) {
            // drain
        }
        return new Run(loop.tally(), rec.interval(null), perCommand, server);
    }

    @Test
    void aServerStallIsChargedToEveryCommandDueDuringItForTheMixAndPerCommand() throws Exception {
        Run r = simulate(RATE, 300_000_000L, 1, 3, false, 1_000);
        assertEquals(3_000, r.tally().completed());
        assertEquals(3_000, r.tally().sent());
        long expected = STALL / PERIOD; // commands due during the stall
        long slow = r.slowResponses(r.mix().response());
        assertTrue(slow >= expected * 9 / 10 && slow <= expected * 11 / 10, "slow responses " + slow + " vs ~" + expected);
        // sends left on time, so service time (from the actual send) sees the same queue
        assertEquals(slow, r.slowResponses(r.mix().service()));
        assertEquals(0, r.mix().slip().getMaxValue());
        long perCommandSlow = 0;
        long perCommandCount = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            Histogram h = r.perCommand().command(i);
            long s = r.slowResponses(h);
            perCommandSlow += s;
            perCommandCount += h.getTotalCount();
            assertClose(slow, (double) WEIGHTS[i] / TOTAL_WEIGHT, s, "slow " + CommandMix.parse(MIX).commands().get(i));
            assertTrue(h.getMaxValue() >= STALL / 2, "command " + i + " met the stall: max " + h.getMaxValue());
        }
        assertEquals(slow, perCommandSlow, "every slow command of the mix is slow in its own command's histogram");
        assertEquals(r.mix().response().getTotalCount(), perCommandCount, "per-command counts add up to the mix's");
        assertEquals(r.tally().completed(), perCommandCount);
        OpenLoopResult judged = r.tally().judge(OpenLoopConfig.of(RATE, 300_000_000L), r.mix(), false);
        assertTrue(judged.valid(), judged.explanation().toString());
    }

    @Test
    void batchesGoRoundRobinAndEveryCommandOfABatchIsChargedTheBatchsRoundTrip() throws Exception {
        // 10,000 commands/s in batches of 4: a batch every 400 us, on connections 0, 1, 0, 1, ...
        // The queueing server answers the batch's 4 commands 20, 40, 60, 80 us after it arrives:
        // each command is charged 80 us, the batch's round trip, not its own reply's time.
        Run r = simulate(RATE, 300_000_000L, 4, 2, true, -1);
        assertEquals(3_000, r.tally().completed());
        assertEquals(375, r.server().flushes[0]);
        assertEquals(375, r.server().flushes[1]);
        assertTrue(r.server().flushSizes.stream().allMatch(n -> n == 4), "one batch of 4 per write");
        Histogram response = r.mix().response();
        assertEquals(3_000, response.getTotalCount());
        assertTrue(response.valuesAreEquivalent(response.getMinValue(), 4 * SERVICE), "min " + response.getMinValue());
        assertTrue(response.valuesAreEquivalent(response.getMaxValue(), 4 * SERVICE), "max " + response.getMaxValue());
        // the slip is the batch's: every command of a batch has its batch's intended start
        assertEquals(3_000, r.mix().slip().getTotalCount());
    }

    @Test
    void theLastBatchOfAScheduleMayBeShorter() throws Exception {
        // 0.25 ms at 10,000/s: 3 commands (0, 100, 200 us), batches of 2: {0, 1} and {2}
        Run r = simulate(RATE, 250_000L, 2, 1, true, -1);
        assertEquals(3, r.tally().scheduled());
        assertEquals(3, r.tally().completed());
        assertEquals(List.of(2, 1), r.server().flushSizes);
    }

    @Test
    void theMixProportionsHoldOverManyCommands() throws Exception {
        Run r = simulate(100_000, 1_000_000_000L, 2, 5, false, -1);
        long total = r.tally().completed();
        assertEquals(100_000, total);
        for (int i = 0; i < WEIGHTS.length; i++) {
            assertClose(total, (double) WEIGHTS[i] / TOTAL_WEIGHT, r.perCommand().command(i).getTotalCount(),
                    CommandMix.parse(MIX).commands().get(i).name());
        }
    }

    @Test
    void aSenderBehindScheduleSendsEveryDueBatchWithOneWritePerConnection() throws Exception {
        FakeClock clock = new FakeClock();
        FakeServer server = new FakeServer(clock, 3, false, -1);
        LatencyRecorders rec = new LatencyRecorders();
        CommandHistograms perCommand = new CommandHistograms(CommandMix.parse(MIX).commands());
        // batches of 2 at 10,000 commands/s: one every 200 us
        MixOpenLoop loop = new MixOpenLoop(OpenLoopConfig.of(RATE, 300_000_000L), 2, server, clock, clock, rec,
                perCommand::record);
        loop.start();
        assertEquals(2, loop.sendNext());
        clock.advance(10 * 2 * PERIOD + PERIOD); // stalled: batches 1..10 are all due now
        assertEquals(20, loop.sendNext());
        assertEquals(List.of(2, 8, 6, 6), server.flushSizes, "batches 1..10 in one write per connection: 1,4,7,10 | 2,5,8 | 3,6,9");
        assertEquals(2, loop.sendNext()); // batch 11: on time again
        assertEquals(24, loop.sentSoFar());
        loop.finishSending();
        while (loop.receiveNext()) {
            // every reply matched to its command (the fake checks), on its batch's connection
        }
        assertEquals(24, loop.tally().completed());
        Histogram slip = rec.interval(null).slip();
        assertEquals(24, slip.getTotalCount());
        // batch k of the backlog was due at 2k periods and left at 21 periods
        assertEquals(19 * PERIOD, slip.getMaxValue(), slip.getMaxValue() / 100.0);
        assertEquals(20, slip.getTotalCount() - slip.getCountAtValue(0), "the 20 commands of batches 1..10 slipped");
    }

    @Test
    void aReplyMatchedToTheWrongCommandStopsTheRunWithOneLine() throws Exception {
        FakeClock clock = new FakeClock();
        FakeServer server = new FakeServer(clock, 2, false, -1) {
            @Override
            public int awaitReply(int conn) throws IOException {
                return super.awaitReply(conn) == 1 ? 0 : 1; // every reply swapped between GET and SET
            }
        };
        MixOpenLoop loop = new MixOpenLoop(OpenLoopConfig.of(RATE, 10_000_000L), 1, server, clock, clock,
                new LatencyRecorders(), (k, n) -> { });
        loop.start();
        loop.sendNext();
        IllegalStateException e = assertThrows(IllegalStateException.class, loop::receiveNext);
        assertTrue(e.getMessage().contains("on connection 0"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(0, loop.tally().completed());
    }

    /** Within 5 binomial standard deviations (plus one) of n·p. */
    static void assertClose(long n, double p, long got, String what) {
        double expected = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(got - expected) <= 5 * sd + 1,
                what + ": expected about " + Math.round(expected) + " (sd " + Math.round(sd) + "), got " + got);
    }
}
