package dev.tailgate.bench.openloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The skeleton both pipelined drivers share. Where the single-connection driver used to differ:
 * an unchecked exception on its receiver thread stops the sender and counts every request not
 * answered, as a failed read does (MixOpenLoopThreadsTest covers the mix, which throws instead).
 * It used to end the receiver thread alone, leaving the sender to send on and the run to report
 * no errors (or, past 64k in flight, to spin forever). And what the sharing must not have cost:
 * neither driver allocates per request (as NoAllocationTest checks for the blocking one).
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

    /** Sends and receives {@code requests} on a fake clock, step by step; returns the bytes this thread allocated. */
    static long allocatedBy(PipelinedOpenLoop loop, FakeClock clock) throws IOException {
        long before = NoAllocationTest.allocatedBytes();
        loop.start();
        while (loop.hasNextSend()) {
            loop.sendNext();
            clock.advance(3_000 + (clock.nanoTime() & 0xfff));
            while (loop.receiveNext()) {
                // drain
            }
        }
        return NoAllocationTest.allocatedBytes() - before;
    }

    /** The loop's own arrays (64k-entry ring) are allocated once: count only what grows with requests. */
    static void assertFlat(java.util.function.LongFunction<Long> run) {
        run.apply(200_000); // warm up: JIT, recorder phasers
        long small = run.apply(10_000);
        long large = run.apply(500_000);
        assertTrue(large - small < 64 * 1024, "allocation grows with requests: " + small + " B for 10k, "
                + large + " B for 500k");
    }

    @Test
    void neitherDriverAllocatesPerRequest() {
        LatencyRecorders rec = new LatencyRecorders();
        DecoupledOpenLoop.Transport pipe = new DecoupledOpenLoop.Transport() {
            @Override
            public void send() {
            }

            @Override
            public void awaitReply() {
            }
        };
        assertFlat(requests -> {
            FakeClock clock = new FakeClock();
            try {
                return allocatedBy(new DecoupledOpenLoop(OpenLoopConfig.of(100_000, requests * 10_000), pipe, clock,
                        clock, rec), clock);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });

        long[] perCommand = new long[2];
        MixOpenLoop.Transport connections = new MixOpenLoop.Transport() {
            long queued;

            @Override
            public int connections() {
                return 2;
            }

            @Override
            public int queue(int conn) {
                return (int) (queued++ % 2);
            }

            @Override
            public void queueEndMarker(int conn) {
            }

            @Override
            public void flush(int conn) {
            }

            @Override
            public int awaitReply(int conn) {
                return 0;
            }

            @Override
            public void check(int conn, int command, int reply) {
            }

            @Override
            public void abort() {
            }
        };
        assertFlat(requests -> {
            FakeClock clock = new FakeClock();
            try {
                return allocatedBy(new MixOpenLoop(OpenLoopConfig.of(100_000, requests * 10_000), 2, connections, clock,
                        clock, rec, (k, nanos) -> perCommand[k]++), clock);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(perCommand[0] > 0 && perCommand[1] > 0, "both commands recorded");
    }
}
