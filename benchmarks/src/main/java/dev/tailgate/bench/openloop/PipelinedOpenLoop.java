package dev.tailgate.bench.openloop;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * What the two pipelined fixed-rate drivers share, {@link DecoupledOpenLoop} (one connection, one
 * request per schedule slot) and {@link MixOpenLoop} (a command mix in batches over several
 * connections): the schedule's origin and nominal end, the {@link TimingRing} of (intended start,
 * actual send) entries in flight, the counts, and the threaded run. The sender, on the calling
 * thread, writes on the schedule whatever the replies are doing; the receiver thread reads the
 * replies in order and matches each to the oldest entry (FIFO).
 *
 * <p>The receiver blocks in the socket read, not in a polling loop: at 1,000 req/s a polling
 * receiver would wake thousands of times a second on the CPU Redis runs on. Every reply has its
 * ring entry published before its request was written; one extra request with a
 * {@link #SENTINEL} entry, sent after the last, wakes the receiver for the end.
 *
 * <p>What differs stays in the drivers: what one send step writes ({@link #sendNext()}), how the
 * receiver reads and records a reply ({@link #readReply()}, {@link #complete(int)}), how the
 * end-of-run request goes out ({@link #writeEndMarker()}), and what a failure becomes: the
 * single-connection driver counts errors and returns its tally, the mix throws.
 */
abstract class PipelinedOpenLoop {

    /** Requests in flight beyond this make the sender wait (counted as slip): 64k. */
    static final int MAX_IN_FLIGHT = 1 << 16;
    /** Intended-start marker of the end-of-run request; never recorded. */
    static final long SENTINEL = Long.MIN_VALUE;

    final OpenLoopConfig config;
    final NanoClock clock;
    final Pacer pacer;
    final LatencyRecorders recorders;
    final TimingRing ring = new TimingRing(MAX_IN_FLIGHT);
    /** Requests the schedule holds. */
    final long scheduled;
    /** The receiver's failure; the mix also puts the sender's here (the first one wins). */
    final AtomicReference<Exception> failure = new AtomicReference<>();
    Schedule schedule;
    long nominalEnd;
    volatile boolean senderDone;
    volatile long sent;
    volatile long completed;
    volatile long lastDone;

    PipelinedOpenLoop(OpenLoopConfig config, NanoClock clock, Pacer pacer, LatencyRecorders recorders) {
        this.config = Objects.requireNonNull(config);
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

    public abstract boolean hasNextSend();

    /** Sender step: waits for the next intended start, then writes what is due; returns the requests sent. */
    public abstract int sendNext() throws IOException;

    /** Receiver: reads the next reply, blocking; returns what {@link #complete(int)} needs of it. */
    abstract int readReply() throws IOException;

    /** Receiver: records the reply just read against the oldest entry in flight, and pops it. */
    abstract void complete(int reply);

    /** Sender: writes the end-of-run request, whose {@link #SENTINEL} entry is already published. */
    abstract void writeEndMarker() throws IOException;

    /** Sender: what a send that threw becomes (counted, or kept to be thrown by the run). */
    abstract void sendFailed(Exception e);

    /** Receiver step: false if nothing is in flight; otherwise reads one reply and records it. */
    public boolean receiveNext() throws IOException {
        if (ring.size() == 0) {
            return false;
        }
        complete(readReply());
        return true;
    }

    /** Requests sent so far; safe from any thread. */
    public long sentSoFar() {
        return sent;
    }

    /** Marks the sender finished (also after an error) so the receiver drains and stops. */
    public void finishSending() {
        senderDone = true;
    }

    RunTally tally(long errors) {
        return new RunTally(scheduled, sent, completed, errors, schedule.startNanos(), nominalEnd, lastDone);
    }

    /** Send steps until the schedule is done, {@code stop} says so, or the sender is behind past the nominal end. */
    void sendSchedule(BooleanSupplier stop) throws IOException {
        while (hasNextSend() && !stop.getAsBoolean()) {
            if (sent > 0 && clock.nanoTime() >= nominalEnd) {
                break; // behind past the end: the achieved rate will say so
            }
            sendNext();
        }
    }

    /**
     * The whole schedule: sender on this thread, receiver on a daemon thread named
     * {@code receiverName} that first runs {@code receiverSetup} (affinity). Returns after the
     * receiver has drained or failed; a receiver failure is in {@link #failure}, a send failure
     * went to {@link #sendFailed}.
     */
    void runThreads(BooleanSupplier stop, Runnable receiverSetup, String receiverName) {
        start();
        Thread receiver = new Thread(() -> {
            receiverSetup.run();
            receive();
        }, receiverName);
        receiver.setDaemon(true);
        receiver.start();
        try {
            sendSchedule(stop);
            finishSending();
            if (failure.get() == null) {
                // no end marker after a failure: nothing would read its reply
                while (!ring.offer(SENTINEL, SENTINEL, 0)) {
                    if (failure.get() != null) {
                        throw new IOException("the receiver stopped");
                    }
                    Thread.onSpinWait();
                }
                writeEndMarker();
            }
        } catch (IOException | RuntimeException e) {
            sendFailed(e);
        } finally {
            finishSending();
        }
        try {
            receiver.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The receiver thread's loop: every reply until the end marker's, or the first failure. */
    private void receive() {
        try {
            while (true) {
                int reply = readReply();
                while (ring.size() == 0) {
                    Thread.onSpinWait(); // never in practice: the entry was published before the write
                }
                if (ring.peekIntended() == SENTINEL) {
                    ring.pop();
                    return;
                }
                complete(reply);
            }
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
            senderDone = true;
        }
    }
}
