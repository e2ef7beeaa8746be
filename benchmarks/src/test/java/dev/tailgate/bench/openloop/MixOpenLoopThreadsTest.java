package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.load.CommandMix;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The threaded fixed-rate mix driver on the real clock with in-memory connections: every command
 * is matched to its reply, the end-of-run request goes on the connection the receiver waits on
 * and is not counted, the receiver stops; a bad reply or a broken write stops the run and is
 * thrown, never hangs it.
 */
@Timeout(60)
class MixOpenLoopThreadsTest {
    static final int CLOSED = Integer.MIN_VALUE;
    static final int END = -1;

    /** Each connection a queue of replies; a reply is its command's index (END for the end marker). */
    static class MemoryConnections implements MixOpenLoop.Transport {
        final CommandMix.Picker picker = CommandMix.parse("GET:10,SET:1,PING:5").picker(3);
        final List<List<Integer>> pending = new ArrayList<>();
        final List<LinkedBlockingQueue<Integer>> wires = new ArrayList<>();
        final AtomicLong flushes = new AtomicLong();
        volatile int endMarkerOn = -1;

        MemoryConnections(int connections) {
            for (int i = 0; i < connections; i++) {
                pending.add(new ArrayList<>());
                wires.add(new LinkedBlockingQueue<>());
            }
        }

        @Override
        public int connections() {
            return wires.size();
        }

        @Override
        public int queue(int conn) {
            int k = picker.next();
            pending.get(conn).add(k);
            return k;
        }

        @Override
        public void queueEndMarker(int conn) {
            endMarkerOn = conn;
            pending.get(conn).add(END);
        }

        @Override
        public void flush(int conn) throws IOException {
            flushes.incrementAndGet();
            wires.get(conn).addAll(pending.get(conn));
            pending.get(conn).clear();
        }

        @Override
        public int awaitReply(int conn) throws IOException {
            try {
                int r = wires.get(conn).take();
                if (r == CLOSED) {
                    throw new IOException("connection " + conn + " closed");
                }
                return r;
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void check(int conn, int command, int reply) {
            MixOpenLoopTest.requireOwnReply(conn, command, reply);
        }

        @Override
        public void abort() {
            wires.forEach(w -> w.add(CLOSED));
        }
    }

    static MixOpenLoop loop(MemoryConnections c, LatencyRecorders rec, long[] perCommand) {
        OpenLoopConfig config = OpenLoopConfig.of(20_000, 200_000_000L);
        return new MixOpenLoop(config, 1, c, NanoClock.SYSTEM, Pacer.parkThenSpin(NanoClock.SYSTEM, 50_000), rec,
                (k, nanos) -> perCommand[k]++);
    }

    @Test
    void everyCommandIsMatchedAndTheReceiverStops() throws Exception {
        MemoryConnections c = new MemoryConnections(3);
        LatencyRecorders rec = new LatencyRecorders();
        long[] perCommand = new long[3];
        RunTally t = loop(c, rec, perCommand).run(() -> false, () -> { });
        assertEquals(4_000, t.scheduled());
        assertEquals(t.sent(), t.completed());
        // On a loaded host the sender may be descheduled past the end of the 200 ms window; the
        // point here is that whatever was sent was matched and the receiver stopped.
        assertTrue(t.sent() >= 1_000, "sent " + t.sent());
        assertEquals((int) (t.sent() % 3), c.endMarkerOn, "the end marker goes where the receiver waits next");
        assertTrue(c.wires.stream().allMatch(LinkedBlockingQueue::isEmpty), "every reply was read");
        LatencySnapshot s = rec.interval(null);
        assertEquals(t.completed(), s.response().getTotalCount());
        assertEquals(t.completed(), perCommand[0] + perCommand[1] + perCommand[2]);
    }

    @Test
    void aBadReplyStopsTheRunAndIsThrown() {
        MemoryConnections c = new MemoryConnections(2) {
            @Override
            public void check(int conn, int command, int reply) {
                if (command == 1) {
                    throw new IllegalStateException("SET on connection " + conn + ": unexpected reply the error reply"
                            + " \"NOPERM this user has no permissions to run the 'set' command\"");
                }
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop(c, new LatencyRecorders(), new long[3]).run(() -> false, () -> { }));
        assertTrue(e.getMessage().startsWith("SET on connection "), e.getMessage());
    }

    @Test
    void aBrokenWriteStopsTheRunAndIsThrownNotTheReceiversConsequence() {
        MemoryConnections c = new MemoryConnections(2) {
            @Override
            public void flush(int conn) throws IOException {
                if (flushes.get() == 100) {
                    throw new IOException("connection " + conn + " to 127.0.0.1:6379: Broken pipe");
                }
                super.flush(conn);
            }
        };
        IOException e = assertThrows(IOException.class,
                () -> loop(c, new LatencyRecorders(), new long[3]).run(() -> false, () -> { }));
        assertTrue(e.getMessage().endsWith("Broken pipe"), e.getMessage());
    }
}
