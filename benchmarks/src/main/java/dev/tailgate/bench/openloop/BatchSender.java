package dev.tailgate.bench.openloop;

import java.io.IOException;
import java.util.Objects;

/**
 * The sender of a fixed-rate mix driver, for {@link MixOpenLoop} (a receiver thread reads the
 * replies) and {@link CallbackMixOpenLoop} (the client's completions report them): one copy of the
 * batch schedule, the catch-up and the flushes, so the two drivers load Redis the same way and
 * differ only in how replies come back.
 *
 * <p>Batch b holds commands b·P .. b·P+P−1 (the last one may be shorter), is due at the intended
 * start of its first command ({@link Schedule} at the command rate) and goes on connection b mod C.
 * A sender behind schedule sends every batch already due at once, each with its own intended
 * start and slip, up to {@link #MAX_CATCH_UP} commands, with one flush per connection. Where each
 * command's timing goes (a ring per driver or per connection) and how a full ring waits is the
 * driver's ({@link Out}). Sending does not allocate.
 */
final class BatchSender {

    /** What a driver does with the batches: one sender thread calls these. */
    interface Out {
        /**
         * Waits until connection {@code conn} has room for {@code n} more commands' timing; returns
         * the clock after the wait ({@code actual} if there was room), the batch's actual send.
         */
        long awaitRoom(int conn, int n, long actual) throws IOException;

        /**
         * Queues the next command of the mix on {@code conn} and publishes its timing (due, actual
         * send, {@code last}: it ends its batch) before it is flushed.
         */
        void queue(int conn, long due, long actual, boolean last) throws IOException;

        /** Writes what was queued on {@code conn}. */
        void flush(int conn) throws IOException;
    }

    /** Most commands one catch-up gathers (at least one whole batch). */
    static final int MAX_CATCH_UP = 256;

    private final int pipeline;
    private final int connections;
    private final long scheduled;
    private final long batches;
    private final NanoClock clock;
    private final Pacer pacer;
    private final LatencyRecorders recorders;
    private final Out out;
    private Schedule schedule;
    private long nextBatch;

    /**
     * @param pipeline commands per batch, 1 to 1024
     * @param connections at least 1
     */
    BatchSender(int pipeline, int connections, long scheduled, NanoClock clock, Pacer pacer,
                LatencyRecorders recorders, Out out) {
        if (pipeline < 1 || pipeline > 1024) {
            throw new IllegalArgumentException("pipeline: expected an integer from 1 to 1024, got " + pipeline);
        }
        if (connections < 1) {
            throw new IllegalArgumentException("connections: expected at least 1, got " + connections);
        }
        this.pipeline = pipeline;
        this.connections = connections;
        this.scheduled = scheduled;
        this.batches = (scheduled + pipeline - 1) / pipeline;
        this.clock = Objects.requireNonNull(clock);
        this.pacer = Objects.requireNonNull(pacer);
        this.recorders = Objects.requireNonNull(recorders);
        this.out = Objects.requireNonNull(out);
    }

    /** Sets the schedule the batches follow (its origin is the run's start). */
    void start(Schedule schedule) {
        this.schedule = Objects.requireNonNull(schedule);
    }

    /** Whether batches are left to send. */
    boolean hasNext() {
        return nextBatch < batches;
    }

    /** The next batch to send (batches sent so far). */
    long nextBatch() {
        return nextBatch;
    }

    /** The connection the next batch goes on. */
    int nextConnection() {
        return (int) (nextBatch % connections);
    }

    /** Intended start of the next batch. */
    long nextIntendedNanos() {
        return intendedStart(nextBatch);
    }

    private long intendedStart(long batch) {
        return schedule.intendedStartNanos(batch * pipeline);
    }

    /**
     * Waits for the next batch's intended start, queues its commands on its connection and
     * flushes; batches already due by then go out with it (one flush per connection). Returns the
     * number of commands sent.
     */
    int sendNext() throws IOException {
        pacer.awaitUntil(intendedStart(nextBatch));
        long actual = clock.nanoTime();
        long first = nextBatch;
        int commands = 0;
        do {
            int conn = (int) (nextBatch % connections);
            int n = (int) Math.min(pipeline, scheduled - nextBatch * pipeline);
            long due = intendedStart(nextBatch);
            actual = out.awaitRoom(conn, n, actual);
            for (int i = 0; i < n; i++) {
                out.queue(conn, due, actual, i == n - 1);
                recorders.recordSlip(due, actual);
            }
            commands += n;
            nextBatch++;
        } while (nextBatch < batches && commands < MAX_CATCH_UP && intendedStart(nextBatch) - actual <= 0);
        long touched = Math.min(nextBatch - first, connections);
        for (long i = 0; i < touched; i++) {
            out.flush((int) ((first + i) % connections));
        }
        return commands;
    }
}
