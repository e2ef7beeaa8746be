package dev.tailgate.bench.openloop;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 *
 * <p>The steps ({@link #sendNext()}, {@link #receiveNext()}) are public so a test can drive them
 * on a fake clock as a discrete-event simulation; {@link #run} runs the sender on the calling
 * thread (pin it first) and the receiver on a new daemon thread.
 */
public final class DecoupledOpenLoop {

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

    /** Requests in flight beyond this make the sender wait (counted as slip): 64k. */
    static final int MAX_IN_FLIGHT = 1 << 16;
    /** Most requests one write carries when the sender is behind. */
    static final int MAX_BATCH = 256;
    /** Intended-start marker of the end-of-run request; never recorded. */
    private static final long SENTINEL = Long.MIN_VALUE;

    private final OpenLoopConfig config;
    private final Transport transport;
    private final NanoClock clock;
    private final Pacer pacer;
    private final LatencyRecorders recorders;
    private final TimingRing ring = new TimingRing(MAX_IN_FLIGHT);
    private final long scheduled;
    private Schedule schedule;
    private long nominalEnd;
    private long next;
    private volatile boolean senderDone;
    private volatile long sent;
    private volatile long completed;
    private volatile long lastDone;
    private final AtomicLong errors = new AtomicLong();

    public DecoupledOpenLoop(OpenLoopConfig config, Transport transport, NanoClock clock, Pacer pacer,
                             LatencyRecorders recorders) {
        this.config = Objects.requireNonNull(config);
        this.transport = Objects.requireNonNull(transport);
        this.clock = Objects.requireNonNull(clock);
        this.pacer = Objects.requireNonNull(pacer);
        this.recorders = Objects.requireNonNull(recorders);
        this.scheduled = config.scheduledRequests();
    }

    /** Fixes the schedule's origin at the clock's current time. */
    public void start() {
        long now = clock.nanoTime();
        schedule = new Schedule(now, config.ratePerSecond());
        nominalEnd = now + config.durationNanos();
        lastDone = now;
    }

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

    /** Receiver step: false if nothing is in flight; otherwise reads one reply and records it. */
    public boolean receiveNext() throws IOException {
        if (ring.size() == 0) {
            return false;
        }
        transport.awaitReply();
        completeOldest();
        return true;
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
            while (hasNextSend() && !stop.getAsBoolean()) {
                if (next > 0 && clock.nanoTime() >= nominalEnd) {
                    break;
                }
                sendNext();
            }
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

    /** Requests sent so far; safe from any thread. */
    public long sentSoFar() {
        return sent;
    }

    /** Marks the sender finished (also after an error) so the receiver drains and stops. */
    public void finishSending() {
        senderDone = true;
    }

    public RunTally tally() {
        return new RunTally(scheduled, sent, completed, errors.get(), schedule.startNanos(), nominalEnd, lastDone);
    }

    /**
     * Runs the whole schedule: sender on this thread, receiver on a daemon thread. Ends at the
     * schedule's end or when {@code stop} says so, after the receiver has drained (or failed).
     */
    public RunTally run(BooleanSupplier stop) {
        return run(stop, () -> { });
    }

    /** As {@link #run(BooleanSupplier)}; {@code receiverSetup} runs first on the receiver thread (affinity). */
    public RunTally run(BooleanSupplier stop, Runnable receiverSetup) {
        start();
        AtomicReference<IOException> receiveFailure = new AtomicReference<>();
        // The receiver blocks in the socket read, not in a polling loop: at 1,000 req/s a polling
        // receiver would wake thousands of times a second on the CPU Redis runs on. Every reply
        // has its ring entry published before its request was written; one extra request with a
        // SENTINEL entry, sent after the last, wakes the receiver for the end.
        Thread receiver = new Thread(() -> {
            receiverSetup.run();
            try {
                while (true) {
                    transport.awaitReply();
                    while (ring.size() == 0) {
                        Thread.onSpinWait(); // never in practice: the entry was published before the write
                    }
                    if (ring.peekIntended() == SENTINEL) {
                        ring.pop();
                        return;
                    }
                    completeOldest();
                }
            } catch (IOException e) {
                receiveFailure.set(e);
                senderDone = true;
            }
        }, "tailgate-openloop-receiver");
        receiver.setDaemon(true);
        receiver.start();
        try {
            while (hasNextSend() && !stop.getAsBoolean()) {
                if (next > 0 && clock.nanoTime() >= nominalEnd) {
                    break; // behind past the end: the achieved rate will say so
                }
                sendNext();
            }
            finishSending();
            while (!ring.offer(SENTINEL, SENTINEL)) {
                Thread.onSpinWait();
            }
            transport.send();
        } catch (IOException e) {
            errors.incrementAndGet();
        } finally {
            finishSending();
        }
        try {
            receiver.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (receiveFailure.get() != null) {
            errors.addAndGet(Math.max(1, sent - completed));
        }
        return tally();
    }
}
