package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.load.CommandHistograms;
import dev.tailgate.bench.load.CommandMix;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The callback-driven fixed-rate mix driver (the Lettuce mix's) as a discrete-event simulation
 * on a fake clock, against a fake server that works in arrival order and completes each
 * connection's commands in order: a 50 ms server stall is charged to every command sent during
 * it, in response and service time (the sender never waits for replies); a pipelined command is
 * charged its batch's last reply; the per-command counts add up to the mix's; a failure
 * reported by the client stops the run and is what it throws; connections completed on two
 * threads at once lose no command. The fake's completion checks the command the driver's ring holds for that
 * connection is the one it queued, so a reply matched to the wrong command fails the test.
 */
class CallbackMixOpenLoopTest {
    static final String MIX = "GET:10,SET:1,PING:5";
    static final long RATE = 10_000;
    static final long SERVICE = 10_000;
    static final long STALL = 50_000_000;

    /** Replies leave SERVICE after the previous one or after their flush; command {@code stalled} STALL later. */
    static class FakeServer implements CallbackMixOpenLoop.Transport {
        final FakeClock clock;
        final CommandMix.Picker picker = CommandMix.parse(MIX).picker(17);
        final long stalled;
        final List<List<Integer>> pending = new ArrayList<>();
        final List<ArrayDeque<long[]>> replies = new ArrayList<>();
        CallbackMixOpenLoop.Completions done;
        long lastReply;
        long received;

        FakeServer(FakeClock clock, int connections, long stalled) {
            this.clock = clock;
            this.stalled = stalled;
            for (int i = 0; i < connections; i++) {
                pending.add(new ArrayList<>());
                replies.add(new ArrayDeque<>());
            }
        }

        @Override
        public int connections() {
            return pending.size();
        }

        @Override
        public int queue(int conn, CallbackMixOpenLoop.Completions done) {
            this.done = done;
            int k = picker.next();
            pending.get(conn).add(k);
            return k;
        }

        @Override
        public void flush(int conn) {
            for (int k : pending.get(conn)) {
                long at = Math.max(clock.nanoTime(), lastReply) + SERVICE + (received++ == stalled ? STALL : 0);
                replies.get(conn).add(new long[] {at, k});
                lastReply = at;
            }
            pending.get(conn).clear();
        }

        /** Completes, in time order over all connections, every reply due by {@code until}. */
        void deliverUntil(long until) {
            while (true) {
                int conn = -1;
                for (int c = 0; c < replies.size(); c++) {
                    long[] r = replies.get(c).peek();
                    if (r != null && r[0] <= until && (conn < 0 || r[0] < replies.get(conn).peek()[0])) {
                        conn = c;
                    }
                }
                if (conn < 0) {
                    return;
                }
                long[] r = replies.get(conn).poll();
                clock.set(Math.max(clock.nanoTime(), r[0]));
                done.complete(conn);
            }
        }
    }

    record Run(RunTally tally, LatencySnapshot mix, CommandHistograms perCommand) {
    }

    static Run simulate(int connections, int pipeline, long stalled) throws Exception {
        FakeClock clock = new FakeClock();
        FakeServer server = new FakeServer(clock, connections, stalled);
        LatencyRecorders rec = new LatencyRecorders();
        CommandHistograms perCommand = new CommandHistograms(CommandMix.parse(MIX).commands());
        CallbackMixOpenLoop loop = new CallbackMixOpenLoop(OpenLoopConfig.of(RATE, 1_000_000_000L), pipeline, server,
                clock, clock, rec, perCommand);
        loop.start();
        while (loop.hasNextSend()) {
            server.deliverUntil(loop.nextIntendedNanos());
            loop.sendNext();
        }
        server.deliverUntil(Long.MAX_VALUE);
        return new Run(loop.tally(), rec.interval(null), perCommand);
    }

    static long slow(Histogram h) {
        return h.getTotalCount() - h.getCountBetweenValues(0, 1_000_000);
    }

    static long sum(CommandHistograms h, java.util.function.ToLongFunction<Histogram> f) {
        return f.applyAsLong(h.command(0)) + f.applyAsLong(h.command(1)) + f.applyAsLong(h.command(2));
    }

    @Test
    void aServerStallIsChargedToEveryCommandSentDuringItInResponseAndServiceTime() throws Exception {
        Run r = simulate(3, 2, 2_000);
        assertEquals(RATE, r.tally().sent());
        assertEquals(RATE, r.tally().completed());
        assertEquals(RATE, r.mix().response().getTotalCount());
        assertEquals(RATE, sum(r.perCommand(), Histogram::getTotalCount), "per-command counts add up");
        // The stall starts at the 2,000th command (t = 200 ms): the ~500 commands sent in the next
        // 50 ms wait behind it (later ones less than 1 ms once the backlog of 10 us replies drains).
        long slowResponses = slow(r.mix().response());
        assertTrue(slowResponses >= 490 && slowResponses <= 560, "commands with response >= 1 ms: " + slowResponses);
        assertEquals(slowResponses, sum(r.perCommand(), CallbackMixOpenLoopTest::slow), "per command as for the mix");
        assertEquals(slowResponses, slow(r.mix().service()), "sent on time, so service time sees the stall as often");
        assertEquals(0, r.mix().slip().getMaxValue(), "the sender never waited for a reply");
        assertTrue(r.mix().response().getMaxValue() >= STALL, "max " + r.mix().response().getMaxValue());
    }

    @Test
    void aPipelinedCommandIsChargedItsBatchsLastReply() throws Exception {
        Run r = simulate(2, 4, -1);
        // each batch's four replies leave 10, 20, 30, 40 us after its flush: all four are charged 40
        Histogram h = r.mix().response();
        assertTrue(h.valuesAreEquivalent(4 * SERVICE, h.getMinValue()), "min response " + h.getMinValue());
        assertTrue(h.valuesAreEquivalent(4 * SERVICE, h.getMaxValue()), "max response (no queueing at this rate) "
                + h.getMaxValue());
        assertEquals(RATE, sum(r.perCommand(), Histogram::getTotalCount));
    }

    @Test
    void aFailureTheClientReportsStopsTheRunAndIsWhatItThrows() {
        FakeClock clock = new FakeClock();
        IllegalStateException wrong = new IllegalStateException("GET on connection 1: unexpected reply nil");
        FakeServer server = new FakeServer(clock, 2, -1) {
            @Override
            public void flush(int conn) {
                super.flush(conn);
                if (received == 100) {
                    done.fail(conn, wrong);
                }
                deliverUntil(clock.nanoTime() + 1_000_000);
            }
        };
        CallbackMixOpenLoop loop = new CallbackMixOpenLoop(OpenLoopConfig.of(RATE, 1_000_000_000L), 1, server, clock,
                clock, new LatencyRecorders(), new CommandHistograms(CommandMix.parse(MIX).commands()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(() -> false, 1_000_000_000L));
        assertSame(wrong, e);
        assertEquals(100, loop.sentSoFar(), "nothing is sent after the failure");
    }

    @Test
    void connectionsCompletedOnTwoThreadsAtOnceLoseNoCommand() throws Exception {
        FakeClock clock = new FakeClock();
        FakeServer server = new FakeServer(clock, 2, -1);
        LatencyRecorders rec = new LatencyRecorders();
        CommandHistograms perCommand = new CommandHistograms(CommandMix.parse(MIX).commands());
        CallbackMixOpenLoop loop = new CallbackMixOpenLoop(OpenLoopConfig.of(RATE, 2_000_000_000L), 1, server, clock,
                clock, rec, perCommand);
        loop.start();
        while (loop.hasNextSend()) {
            loop.sendNext(); // nothing answered yet: 10,000 commands in flight on each connection
        }
        Thread[] threads = new Thread[2];
        for (int c = 0; c < 2; c++) {
            int conn = c;
            threads[c] = new Thread(() -> {
                for (int i = 0; i < RATE; i++) {
                    loop.complete(conn);
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(2 * RATE, loop.tally().completed());
        assertEquals(2 * RATE, rec.interval(null).response().getTotalCount(), "the mix's recorder lost none");
        assertEquals(2 * RATE, sum(perCommand, Histogram::getTotalCount), "the per-command histograms lost none");
    }

    /** Bytes the completions of {@code commands} commands (sent first, in batches of 4) allocate. */
    static long completionBytes(int commands, LatencyRecorders rec, CommandHistograms perCommand) throws Exception {
        FakeClock clock = new FakeClock();
        CommandMix.Picker picker = CommandMix.parse(MIX).picker(3);
        CallbackMixOpenLoop.Transport quiet = new CallbackMixOpenLoop.Transport() {
            @Override
            public int connections() {
                return 1;
            }

            @Override
            public int queue(int conn, CallbackMixOpenLoop.Completions done) {
                return picker.next();
            }

            @Override
            public void flush(int conn) {
            }
        };
        CallbackMixOpenLoop loop = new CallbackMixOpenLoop(OpenLoopConfig.of(RATE, commands * (1_000_000_000L / RATE)),
                4, quiet, clock, clock, rec, perCommand);
        loop.start();
        while (loop.hasNextSend()) {
            loop.sendNext();
        }
        long before = NoAllocationTest.allocatedBytes();
        for (int i = 0; i < commands; i++) {
            clock.advance(7_000 + (i & 0xff));
            loop.complete(0);
        }
        long bytes = NoAllocationTest.allocatedBytes() - before;
        assertEquals(commands, loop.tally().completed());
        return bytes;
    }

    @Test
    void completionAllocatesNothingPerCommand() throws Exception {
        LatencyRecorders rec = new LatencyRecorders();
        CommandHistograms perCommand = new CommandHistograms(CommandMix.parse(MIX).commands());
        completionBytes(40_000, rec, perCommand); // warm up: JIT
        long small = completionBytes(4_000, rec, perCommand);
        long large = completionBytes(60_000, rec, perCommand);
        assertTrue(large - small < 16 * 1024, "completion allocates per command: " + small + " B for 4k, " + large
                + " B for 60k");
    }
}
