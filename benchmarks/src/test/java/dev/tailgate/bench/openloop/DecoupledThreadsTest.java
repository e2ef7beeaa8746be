package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The threaded decoupled driver on the real clock with an in-memory pipe: every request is
 * matched to a reply, the end-of-run request is not counted, and the receiver thread exits.
 */
class DecoupledThreadsTest {

    static final class MemoryPipe implements DecoupledOpenLoop.Transport {
        final LinkedBlockingQueue<Long> wire = new LinkedBlockingQueue<>();
        long sends;

        @Override
        public void send() {
            wire.add(sends++);
        }

        @Override
        public void awaitReply() throws IOException {
            try {
                wire.take();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
    }

    @Test
    void everyRequestIsMatchedAndTheReceiverStops() {
        MemoryPipe pipe = new MemoryPipe();
        LatencyRecorders rec = new LatencyRecorders();
        OpenLoopConfig config = OpenLoopConfig.of(20_000, 200_000_000L);
        RunTally t = new DecoupledOpenLoop(config, pipe, NanoClock.SYSTEM, Pacer.parkThenSpin(NanoClock.SYSTEM, 50_000),
                rec).run(() -> false);
        assertEquals(4_000, t.scheduled());
        assertEquals(t.sent(), t.completed());
        // On a loaded host the sender may be descheduled past the end of the 200 ms window; the
        // point here is that whatever was sent was matched and the receiver stopped.
        assertTrue(t.sent() >= 1_000, "sent " + t.sent());
        assertEquals(0, t.errors());
        assertEquals(t.sent() + 1, pipe.sends, "one end-of-run request beyond the schedule");
        LatencySnapshot s = rec.interval(null);
        assertEquals(t.completed(), s.response().getTotalCount());
        assertEquals(t.sent(), s.slip().getTotalCount());
    }
}
