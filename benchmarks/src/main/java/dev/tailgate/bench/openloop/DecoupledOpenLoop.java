package dev.tailgate.bench.openloop;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Fixed-rate driver for a protocol that lets requests go out before earlier replies came back
 * (RESP pipelining over one socket, wrk2's model). The sender writes each request at its intended
 * start, whatever the replies are doing; a receiver thread reads replies in order and matches
 * them FIFO to the (intended, sent) pairs kept in a {@link TimingRing}. Nothing coordinates the
 * sender with the server, so a server stall is met by every request sent during it — in
 * response time <em>and</em> in service time, since those requests were sent on time. (The
 * two differ only when the sender itself slipped; the blocking driver is where they part.)
 * The threads, the ring and the counts are {@link PipelinedOpenLoop}'s, shared with the mix driver.
 *
 * <p>The steps ({@link #sendNext()}, {@link #receiveNext()}) are public so a test can drive them
 * on a fake clock as a discrete-event simulation; {@link #run} runs the sender on the calling
 * thread (pin it first) and the receiver on a new daemon thread.
 */
public final class DecoupledOpenLoop extends PipelinedOpenLoop {

    /** A pipelined connection: {@code send} writes one request, {@code awaitReply} reads one reply. */
    public interface Transport {
        void send() throws IOException;

        /** Writes {@code count} requests at once; a transport that can, does it in one write. */
        default void send(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                send();
            }
        }

        void awaitReply() throws IOException;
    }

    /** Most requests one write carries when the sender is behind. */
    static final int MAX_BATCH = 256;

    private final Transport transport;
    private long next;
    private final AtomicLong errors = new AtomicLong();

    public DecoupledOpenLoop(OpenLoopConfig config, Transport transport, NanoClock clock, Pacer pacer,
                             LatencyRecorders recorders) {
        super(config, clock, pacer, recorders);
        this.transport = Objects.requireNonNull(transport);
    }

    @Override
    public boolean hasNextSend() {
        return !senderDone && next < scheduled;
    }

    public long nextIntendedNanos() {
        return schedule.intendedStartNanos(next);
    }

    /**
     * Sender step: waits for the next intended start, publishes its timing, writes the request.
     * Requests already due by then (the sender fell behind: a host stall, a slow write) go out
     * with it in one write, each with its own intended start and its slip recorded: catching up
     * costs one system call, not one per request. Sent one by one, a sender whose write costs
     * most of a period needs many periods to work off a stall, and the catch-up itself becomes
     * most of the p99 slip. Returns the number of requests sent.
     */
    @Override
    public int sendNext() throws IOException {
        long intended = schedule.intendedStartNanos(next);
        pacer.awaitUntil(intended);
        long actual = clock.nanoTime();
        int batch = 1;
        while (batch < MAX_BATCH && next + batch < scheduled
                && schedule.intendedStartNanos(next + batch) - actual <= 0) {
            batch++;
        }
        for (int i = 0; i < batch; i++) {
            long due = schedule.intendedStartNanos(next);
            while (!ring.offer(due, actual)) {
                Thread.onSpinWait(); // 64k in flight: the server is far behind; wait, the slip shows it
                actual = clock.nanoTime();
            }
            recorders.recordSlip(due, actual);
            next++;
        }
        sent = next;
        transport.send(batch);
        return batch;
    }

    @Override
    int readReply() throws IOException {
        transport.awaitReply();
        return 0;
    }

    @Override
    void complete(int reply) {
        completeOldest();
    }

    /**
     * Records the completion of the oldest request in flight now. For callback-driven clients
     * (Lettuce async) the completion callback calls this; it must always run on one thread (a
     * connection's event loop, which also completes commands in order).
     */
    public void completeOldest() {
        long done = clock.nanoTime();
        recorders.recordCompletion(ring.peekIntended(), ring.peekSent(), done);
        ring.pop();
        completed++;
        lastDone = done;
    }

    /** The oldest request in flight failed: dropped from the ring, counted, not recorded. */
    public void failOldest() {
        ring.pop();
        errors.incrementAndGet();
    }

    /**
     * Callback-driven variant of {@link #run}: the sender runs here, completions arrive through
     * {@link #completeOldest()}/{@link #failOldest()}; waits up to {@code drainNanos} for the last.
     */
    public RunTally runCallbackDriven(BooleanSupplier stop, long drainNanos) {
        start();
        try {
            sendSchedule(stop);
        } catch (IOException e) {
            errors.incrementAndGet();
        } finally {
            finishSending();
        }
        long deadline = System.nanoTime() + drainNanos;
        while (ring.size() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
        RunTally t = tally();
        long lost = ring.size(); // never answered within the drain time
        return new RunTally(t.scheduled(), t.sent(), t.completed(), t.errors() + lost, t.startNanos(),
                t.nominalEndNanos(), t.lastCompletionNanos());
    }

    public RunTally tally() {
        return tally(errors.get());
    }

    /**
     * Runs the whole schedule: sender on this thread, receiver on a daemon thread. Ends at the
     * schedule's end or when {@code stop} says so, after the receiver has drained (or failed).
     */
    public RunTally run(BooleanSupplier stop) {
        return run(stop, () -> { });
    }

    /**
     * As {@link #run(BooleanSupplier)}; {@code receiverSetup} runs first on the receiver thread
     * (affinity). A failed write counts one error; a failed read, every request not answered.
     */
    public RunTally run(BooleanSupplier stop, Runnable receiverSetup) {
        runThreads(stop, receiverSetup, "tailgate-openloop-receiver");
        if (failure.get() != null) {
            errors.addAndGet(Math.max(1, sent - completed));
        }
        return tally();
    }

    /** A failed write is counted; anything else is a bug and leaves the run. */
    @Override
    void sendFailed(Exception e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        errors.incrementAndGet();
    }

    @Override
    void writeEndMarker() throws IOException {
        transport.send();
    }
}
