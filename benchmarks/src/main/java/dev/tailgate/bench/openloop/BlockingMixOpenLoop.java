package dev.tailgate.bench.openloop;

import dev.tailgate.bench.load.CommandHistograms;
import java.io.IOException;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Fixed-rate driver for a load shape through a blocking client (Jedis,
 * {@code JedisFixedRateMixBenchmark}): {@link BlockingOpenLoop} with batches, connections and
 * per-command histograms. One thread sends a batch and waits for its replies before it can send
 * the next, so the honest measure is JLBH's: response time counts from the batch's
 * <em>intended</em> start. A batch whose call returns late delays the batches due meanwhile;
 * they leave back to back as soon as the thread is free, each charged from its own intended
 * start, so the wait reaches every command that was due during it.
 *
 * <p><b>The schedule</b> is {@link MixOpenLoop}'s: {@code rate} counts commands; batch b holds
 * commands b·P .. b·P+P−1, is due at its first command's intended start and goes on connection
 * b mod C. <b>What each command is charged</b> is MixOpenLoop's too: every command of a batch is
 * recorded when the call that read the batch's replies returned, response from the batch's
 * intended start, service from its actual send, slip = actual send − intended start; in the
 * mix's recorders and, with the same response time, in its own command's histogram, so the
 * per-command counts add up to the mix's.
 *
 * <p><b>What a blocking client cannot do:</b> have more than one batch in flight. More
 * connections add no concurrency here (one thread makes one call at a time; they spread the
 * same calls over more sockets, as a pool used by one thread would); the ceiling is one batch
 * per round trip, and past it the run is judged with {@link Flaw#BLOCKING_CLIENT_CEILING}, the
 * schedule stopping at its nominal end as BlockingOpenLoop's does. There is no catch-up write
 * either: a late thread sends each overdue batch in its own call, as the client would.
 *
 * <p><b>Failures.</b> A wrong reply or a broken connection ({@link Transport#call} throws one
 * line naming the command or the connection) stops the run and {@link #run} throws it, as the
 * raw RESP mix does: replies gone astray measured nothing worth keeping.
 */
public final class BlockingMixOpenLoop {

    /** A blocking client's connections; one thread calls everything. */
    public interface Transport {
        /** How many connections (numbered from 0). */
        int connections();

        /** Draws the next command of the mix and queues it on {@code conn}; returns its index into the mix. */
        int queue(int conn) throws IOException;

        /**
         * Sends what was queued on {@code conn} and reads every reply (blocking); throws one line
         * naming the command and the connection when a reply is not the one its command gets.
         */
        void call(int conn) throws IOException;
    }

    private BlockingMixOpenLoop() {
    }

    /**
     * Runs the schedule on the calling thread (pin it first).
     *
     * @param pipeline commands per batch, 1 to 1024
     * @param stop     polled before each batch; true ends the run early
     */
    public static RunTally run(OpenLoopConfig config, int pipeline, Transport transport, NanoClock clock, Pacer pacer,
                               LatencyRecorders recorders, CommandHistograms perCommand, BooleanSupplier stop)
            throws IOException {
        Objects.requireNonNull(perCommand);
        if (pipeline < 1 || pipeline > 1024) {
            throw new IllegalArgumentException("pipeline: expected an integer from 1 to 1024, got " + pipeline);
        }
        int connections = transport.connections();
        long scheduled = config.scheduledRequests();
        long batches = (scheduled + pipeline - 1) / pipeline;
        int[] batch = new int[pipeline];
        long start = clock.nanoTime();
        Schedule schedule = new Schedule(start, config.ratePerSecond());
        long nominalEnd = start + config.durationNanos();
        long sent = 0;
        long completed = 0;
        long lastDone = start;
        for (long b = 0; b < batches && !stop.getAsBoolean(); b++) {
            long intended = schedule.intendedStartNanos(b * pipeline);
            pacer.awaitUntil(intended);
            long actual = clock.nanoTime();
            if (actual >= nominalEnd && b > 0) {
                break; // fell behind past the end: the achieved rate and the ceiling flaw say so
            }
            int conn = (int) (b % connections);
            int n = (int) Math.min(pipeline, scheduled - b * pipeline);
            for (int i = 0; i < n; i++) {
                batch[i] = transport.queue(conn);
                recorders.recordSlip(intended, actual);
            }
            sent += n;
            transport.call(conn);
            long done = clock.nanoTime();
            for (int i = 0; i < n; i++) {
                recorders.recordCompletion(intended, actual, done);
                perCommand.record(batch[i], done - intended);
            }
            completed += n;
            lastDone = done;
        }
        return new RunTally(scheduled, sent, completed, 0, start, nominalEnd, lastDone);
    }
}
