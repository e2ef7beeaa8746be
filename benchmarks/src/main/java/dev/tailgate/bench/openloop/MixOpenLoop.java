package dev.tailgate.bench.openloop;

import java.io.IOException;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Fixed-rate driver for a load shape: a weighted command mix, pipelined, spread over several
 * connections ({@code RawRespFixedRateMixBenchmark}). It is {@link DecoupledOpenLoop} for many
 * connections and batches: a sender writes on the schedule whatever the replies do, and one
 * receiver thread reads the replies and matches them FIFO to (intended start, actual send)
 * entries kept in a {@link TimingRing}. The two share that skeleton ({@link PipelinedOpenLoop}:
 * schedule, ring, counts, the threads and the end-of-run request); what is the mix's own is below.
 *
 * <p><b>The schedule.</b> {@code rate} counts commands per second, the load Redis sees. Commands
 * go out in batches of {@code pipeline}: batch b holds commands b·P .. b·P+P−1 and is due at the
 * intended start of its first command ({@link Schedule} at the command rate), so batches leave
 * every P/rate seconds (the last batch of a schedule may be shorter). Batch b goes on connection
 * b mod C (round-robin per batch): every connection carries 1/C of the batches, evenly spaced.
 *
 * <p><b>What each command is charged.</b> Every command of a batch is recorded when the
 * batch's last reply has been read: response time from the batch's intended start, service time
 * from its actual send, exactly as the closed-loop mix charges a pipelined command its batch's
 * round trip (its caller cannot use the reply earlier). Each command is recorded in the mix's
 * recorders ({@link LatencyRecorders}: response, service, slip) and, with the same response
 * time, in its own command's histogram ({@link CommandRecorder}), so the per-command counts add
 * up exactly to the mix's.
 *
 * <p><b>One receiver for all connections.</b> It reads the replies in the order the batches were
 * sent: batch b's replies on connection b mod C, then batch b+1's on the next connection. Redis
 * serves one command at a time in arrival order, so its replies leave in that order too. A reply
 * that overtook an earlier batch's (on another connection) waits in its socket until the
 * receiver reaches it, so such an inversion can only add latency, never hide any. The receiver
 * blocks in the read of the connection it waits for (no polling: at low rates a polling thread
 * would wake thousands of times a second), which is why the round-robin is fixed: the receiver
 * knows the connection of the next reply before its entry is published.
 *
 * <p><b>A sender behind schedule</b> (a host stall, a slow write) sends every batch already due
 * at once, each with its own intended start and slip, up to {@link #MAX_CATCH_UP} commands, with
 * one write per connection, as {@link DecoupledOpenLoop} does on one connection.
 *
 * <p><b>Failures.</b> A reply that is not the one its command gets (an error reply, a reply of
 * another type: {@link Transport#check}) or a broken connection stops the run, and
 * {@link #run} throws it: one line naming the command or the connection. The closed-loop mix
 * fails the same way; a mix whose replies went astray measured nothing worth keeping.
 *
 * <p>The steps ({@link #sendNext()}, {@link #receiveNext()}) are public so a test can drive them
 * on a fake clock as a discrete-event simulation; {@link #run} runs the sender on the calling
 * thread (pin it first) and the receiver on a new daemon thread.
 */
public final class MixOpenLoop extends PipelinedOpenLoop {

    /**
     * A mix's connections as the driver uses them: the sender thread queues and flushes, the
     * receiver thread reads and checks; the two never touch the same state.
     */
    public interface Transport {
        /** How many connections (numbered from 0). */
        int connections();

        /** Draws the next command of the mix and queues it on {@code conn}; returns its index into the mix. */
        int queue(int conn) throws IOException;

        /** Queues the end-of-run request (answered, never recorded) on {@code conn}. */
        void queueEndMarker(int conn) throws IOException;

        /** Writes what was queued on {@code conn}. */
        void flush(int conn) throws IOException;

        /** Reads the next reply on {@code conn}, blocking; returns what {@link #check} needs. */
        int awaitReply(int conn) throws IOException;

        /**
         * Throws (one line naming command and connection) when {@code reply} is not the reply
         * command {@code command} of the mix gets.
         */
        void check(int conn, int command, int reply);

        /** Closes the connections so that a receiver blocked in a read returns (after a failed send). */
        void abort();
    }

    /** Where each command's response time goes, besides the mix's recorders. One thread calls it. */
    @FunctionalInterface
    public interface CommandRecorder {
        void record(int command, long responseNanos);
    }

    /** Most commands one catch-up gathers (at least one whole batch). */
    static final int MAX_CATCH_UP = BatchSender.MAX_CATCH_UP;

    private final int pipeline;
    private final Transport transport;
    private final int connections;
    private final CommandRecorder perCommand;
    private final BatchSender sender;
    // receiver's
    private long receivedBatch;
    private final int[] batchCommands;
    private int batchRead;

    /**
     * @param pipeline commands per batch, 1 to 1024
     */
    public MixOpenLoop(OpenLoopConfig config, int pipeline, Transport transport, NanoClock clock, Pacer pacer,
                       LatencyRecorders recorders, CommandRecorder perCommand) {
        super(config, clock, pacer, recorders);
        this.transport = Objects.requireNonNull(transport);
        this.perCommand = Objects.requireNonNull(perCommand);
        this.pipeline = pipeline;
        this.connections = transport.connections();
        this.sender = new BatchSender(pipeline, connections, scheduled, clock, pacer, recorders, new BatchSender.Out() {
            @Override
            public long awaitRoom(int conn, int n, long actual) throws IOException {
                while (ring.capacity() - ring.size() < n) {
                    if (senderDone) {
                        throw new IOException("the receiver stopped");
                    }
                    Thread.onSpinWait(); // 64k commands in flight: the server is far behind; the slip shows the wait
                    actual = clock.nanoTime();
                }
                return actual;
            }

            @Override
            public void queue(int conn, long due, long actual, boolean last) throws IOException {
                int command = transport.queue(conn);
                ring.offer(due, actual, command << 1 | (last ? 1 : 0));
            }

            @Override
            public void flush(int conn) throws IOException {
                transport.flush(conn);
            }
        });
        this.batchCommands = new int[pipeline];
    }

    @Override
    public void start() {
        super.start();
        sender.start(schedule);
    }

    @Override
    public boolean hasNextSend() {
        return !senderDone && sender.hasNext();
    }

    /** Intended start of the next batch. */
    public long nextIntendedNanos() {
        return sender.nextIntendedNanos();
    }

    /**
     * Sender step ({@link BatchSender#sendNext}): waits for the next batch's intended start, queues
     * its commands on its connection with their timing published, and writes it. Batches already
     * due by then go out with it (one write per connection). Returns the number of commands sent.
     */
    @Override
    public int sendNext() throws IOException {
        int commands = sender.sendNext();
        sent = sent + commands;
        return commands;
    }

    /** The connection whose reply the receiver reads next. */
    int receiverConnection() {
        return (int) (receivedBatch % connections);
    }

    @Override
    int readReply() throws IOException {
        return transport.awaitReply(receiverConnection());
    }

    /** Checks the oldest command's reply; the batch's last reply records every command of the batch. */
    @Override
    void complete(int reply) {
        int tag = ring.peekTag();
        int command = tag >>> 1;
        transport.check(receiverConnection(), command, reply);
        batchCommands[batchRead++] = command;
        if ((tag & 1) != 0) {
            long done = clock.nanoTime();
            long intended = ring.peekIntended();
            long sentAt = ring.peekSent();
            recordBatch(recorders, perCommand, batchCommands, batchRead, intended, sentAt, done);
            completed = completed + batchRead;
            lastDone = done;
            batchRead = 0;
            receivedBatch++;
        }
        ring.pop();
    }

    /**
     * Records each of a batch's {@code n} commands ({@code commands[0..n)}) as charged its batch's
     * round trip: response from the batch's intended start, service from its actual send, in the
     * mix's recorders and, with the same response time, in its own command's histogram. Shared
     * with {@link CallbackMixOpenLoop} so the two drivers charge a pipelined command alike.
     */
    static void recordBatch(LatencyRecorders recorders, CommandRecorder perCommand, int[] commands, int n,
                            long intended, long sentAt, long done) {
        for (int i = 0; i < n; i++) {
            recorders.recordCompletion(intended, sentAt, done);
            perCommand.record(commands[i], done - intended);
        }
    }

    /** Counts so far, in commands (the mix's requests). */
    public RunTally tally() {
        return tally(0);
    }

    /**
     * Runs the whole schedule: sender on this thread, receiver on a daemon thread that first runs
     * {@code receiverSetup} (affinity). Ends at the schedule's end, when {@code stop} says so, or
     * at the first failure, which it throws (after the receiver stopped).
     */
    public RunTally run(BooleanSupplier stop, Runnable receiverSetup) throws IOException {
        runThreads(stop, receiverSetup, "tailgate-openloop-mix-receiver");
        Exception f = failure.get();
        if (f instanceof IOException io) {
            throw io;
        }
        if (f != null) {
            throw (RuntimeException) f;
        }
        return tally();
    }

    /** The first failure stops the run and is thrown by it. */
    @Override
    void sendFailed(Exception e) {
        if (failure.compareAndSet(null, e)) {
            transport.abort(); // the receiver may be blocked in a read that will never return
        }
    }

    /** The receiver waits on the connection of the batch after the last one sent: the end marker goes there. */
    @Override
    void writeEndMarker() throws IOException {
        int conn = sender.nextConnection();
        transport.queueEndMarker(conn);
        transport.flush(conn);
    }
}
