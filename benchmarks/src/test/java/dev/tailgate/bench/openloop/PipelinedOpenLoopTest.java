package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The skeleton both pipelined drivers share, where the single-connection driver used to differ:
 * an unchecked exception on its receiver thread stops the sender and counts every request not
 * answered, as a failed read does (MixOpenLoopThreadsTest covers the mix, which throws instead).
 * It used to end the receiver thread alone, leaving the sender to send on and the run to report
 * no errors (or, past 64k in flight, to spin forever).
 */
@Timeout(60)
class PipelinedOpenLoopTest {

    @Test
    void aReceiverThatThrowsStopsTheRunAndCountsWhatWasNotAnswered() {
        DecoupledThreadsTest.MemoryPipe pipe = new DecoupledThreadsTest.MemoryPipe();
        AtomicLong replies = new AtomicLong();
        DecoupledOpenLoop.Transport transport = new DecoupledOpenLoop.Transport() {
            @Override
            public void send() {
                pipe.send();
            }

            @Override
            public void awaitReply() throws IOException {
                pipe.awaitReply();
                if (replies.incrementAndGet() == 100) {
                    throw new IllegalStateException("reply 100 is malformed");
                }
            }
        };
        RunTally t = new DecoupledOpenLoop(OpenLoopConfig.of(20_000, 200_000_000L), transport, NanoClock.SYSTEM,
                Pacer.parkThenSpin(NanoClock.SYSTEM, 50_000), new LatencyRecorders()).run(() -> false);
        assertEquals(99, t.completed());
        assertEquals(Math.max(1, t.sent() - t.completed()), t.errors(), t.toString());
    }
}
