package dev.tailgate.bench.openloop;

import dev.tailgate.bench.load.CommandHistograms;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Fixed-rate driver for a load shape through an asynchronous client whose replies arrive as
 * completion callbacks (Lettuce, {@code LettuceFixedRateMixBenchmark}). The sender is
 * {@link MixOpenLoop}'s: on the schedule whatever the replies do, batch b of {@code pipeline}
 * commands due at its first command's intended start and queued on connection b mod C, batches
 * already due when the sender is late going out together with one flush per connection (at most
 * {@link #MAX_CATCH_UP} commands). There is no receiver thread: the client completes each
 * command on its own I/O thread and the completion calls {@link #complete(int)}.
 *
 * <p><b>Timing per connection.</b> A connection's replies come back in the order its commands
 * were sent, so each connection has its own single-producer single-consumer {@link TimingRing}
 * of (intended start, actual send, command, end of batch): the sender publishes each entry
 * before it flushes the command's batch, the completion of connection c takes c's oldest. The
 * completion of a batch's last command records every command of the batch, as MixOpenLoop does:
 * response from the batch's intended start, service from its actual send, in the mix's recorders
 * and in each command's histogram (a pipelined command is charged its batch's round trip, as in the
 * closed-loop mix and the raw RESP fixed-rate mix). Completion does not allocate: the rings and
 * per-connection batch buffers are primitive arrays built at construction.
 *
 * <p><b>Completing threads.</b> Each connection's completions run on one thread (its event
 * loop), so its ring and batch buffer have one consumer. Connections may sit on different event
 * loops (Lettuce runs at least two I/O threads, whatever its pool size is set to), so recording a
 * batch takes a lock: the recorders and histograms take one writer at a time. The lock is held
 * for a batch's recording only, and is uncontended unless two connections' batches complete at
 * the same instant.
 *
 * <p><b>Failures.</b> {@link #fail} (a wrong reply or an error reply, one line naming
 * command and connection) stops the sender, and {@link #run} throws it. Commands still without a
 * reply {@code drainNanos} after the last send fail the run with one line naming the connection.
 *
 * <p>The steps ({@link #sendNext()}, {@link #complete(int)}) are public so a test can drive them
 * on a fake clock as a discrete-event simulation.
 */
public final class CallbackMixOpenLoop {

    /** Where the client reports each command's outcome, in each connection's reply order. */
    public interface Completions {
        /** The oldest command in flight on {@code conn} got the reply it should. */
        void complete(int conn);

        /** A command on {@code conn} failed; {@code why} is one line naming command and connection. */
        void fail(int conn, RuntimeException why);
    }

    /** An asynchronous client's connections; the sender thread calls these. */
    public interface Transport {
        /** How many connections (numbered from 0). */
        int connections();

        /**
         * Draws the next command of the mix and queues it on {@code conn}, to be reported to
         * {@code done} when its reply arrives; returns its index into the mix. Nothing is
         * written before {@link #flush}, so no command completes before it (a failure may be
         * reported at once).
         */
        int queue(int conn, Completions done) throws IOException;

        /** Writes what was queued on {@code conn}. */
        void flush(int conn) throws IOException;
    }

    /**
     * Commands in flight, over all connections, beyond about this make the sender wait (counted as
     * slip): each connection's ring holds its share, and at least one whole catch-up.
     */
    static final int MAX_IN_FLIGHT = 1 << 16;
    /** Most commands one catch-up gathers (at least one whole batch). */
    static final int MAX_CATCH_UP = BatchSender.MAX_CATCH_UP;

    private final OpenLoopConfig config;
    private final int pipeline;
    private final Transport transport;
    private final int connections;
    private final NanoClock clock;
    private final Pacer pacer;
    private final LatencyRecorders recorders;
    private final MixOpenLoop.CommandRecorder perCommand;
    private final TimingRing[] rings;
    private final long scheduled;
    private final BatchSender sender;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    /** What the transport reports to: this loop's {@link #complete} and {@link #fail}. */
    private final Completions completions = new Completions() {
        @Override
        public void complete(int conn) {
            CallbackMixOpenLoop.this.complete(conn);
        }

        @Override
        public void fail(int conn, RuntimeException why) {
            CallbackMixOpenLoop.this.fail(conn, why);
        }
    };
    private Schedule schedule;
    private long nominalEnd;
    private volatile long sent;
    // the completing thread's
    private final int[][] batchCommands;
    private final int[] batchRead;
    private final Object recording = new Object();
    private volatile long completed;
    private volatile long lastDone;

    /**
     * @param pipeline commands per batch, 1 to 1024
     */
    public CallbackMixOpenLoop(OpenLoopConfig config, int pipeline, Transport transport, NanoClock clock, Pacer pacer,
                               LatencyRecorders recorders, CommandHistograms perCommand) {
        this.config = Objects.requireNonNull(config);
        this.transport = Objects.requireNonNull(transport);
        this.clock = Objects.requireNonNull(clock);
        this.pacer = Objects.requireNonNull(pacer);
        this.recorders = Objects.requireNonNull(recorders);
        this.perCommand = Objects.requireNonNull(perCommand)::record; // built once: completion allocates nothing
        this.pipeline = pipeline;
        this.connections = transport.connections();
        this.scheduled = config.scheduledRequests();
        this.sender = new BatchSender(pipeline, connections, scheduled, clock, pacer, recorders, new BatchSender.Out() {
            @Override
            public long awaitRoom(int conn, int n, long actual) throws IOException {
                return CallbackMixOpenLoop.this.awaitRoom(conn, n, actual);
            }

            @Override
            public void queue(int conn, long due, long actual, boolean last) throws IOException {
                int command = transport.queue(conn, completions);
                // published before the flush, so before any completion of this command
                rings[conn].offer(due, actual, command << 1 | (last ? 1 : 0));
            }

            @Override
            public void flush(int conn) throws IOException {
                transport.flush(conn);
            }
        });
        // each ring holds at least one whole catch-up (queued before any of it is flushed)
        int capacity = Math.max(Integer.highestOneBit(MAX_IN_FLIGHT / connections),
                Integer.highestOneBit(MAX_CATCH_UP + pipeline) << 1);
        this.rings = new TimingRing[connections];
        this.batchCommands = new int[connections][pipeline];
        this.batchRead = new int[connections];
        for (int c = 0; c < connections; c++) {
            rings[c] = new TimingRing(capacity);
        }
    }

    /** Fixes the schedule's origin at the clock's current time. */
    public void start() {
        long now = clock.nanoTime();
        schedule = new Schedule(now, config.ratePerSecond());
        nominalEnd = now + config.durationNanos();
        lastDone = now;
        sender.start(schedule);
    }

    public boolean hasNextSend() {
        return sender.hasNext() && failure.get() == null;
    }

    /** Intended start of the next batch. */
    public long nextIntendedNanos() {
        return sender.nextIntendedNanos();
    }

    /**
     * Sender step ({@link BatchSender#sendNext}): waits for the next batch's intended start, queues
     * its commands on its connection with their timing published first, and flushes. Batches
     * already due by then go out with it (one flush per connection). Returns the number of
     * commands sent.
     */
    public int sendNext() throws IOException {
        int commands = sender.sendNext();
        sent = sent + commands;
        return commands;
    }

    /** Waits (spinning, counted as slip) until {@code conn}'s ring has room for {@code n} entries. */
    private long awaitRoom(int conn, int n, long actual) throws IOException {
        TimingRing ring = rings[conn];
        while (ring.capacity() - ring.size() < n) {
            if (failure.get() != null) {
                throw new IOException("the run failed while the sender waited for connection " + conn);
            }
            Thread.onSpinWait(); // the server is far behind; the slip shows the wait
            actual = clock.nanoTime();
        }
        return actual;
    }

    /**
     * The oldest command in flight on {@code conn} completed; at a batch's last command, records
     * every command of the batch. Called by the connection's I/O thread; no allocation.
     */
    public void complete(int conn) {
        if (failure.get() != null) {
            return; // the run is over; what still arrives is not measured
        }
        TimingRing ring = rings[conn];
        int tag = ring.peekTag();
        int[] commands = batchCommands[conn];
        int read = batchRead[conn];
        commands[read++] = tag >>> 1;
        if ((tag & 1) != 0) {
            long done = clock.nanoTime();
            long intended = ring.peekIntended();
            long sentAt = ring.peekSent();
            synchronized (recording) { // connections on different I/O threads take turns
                MixOpenLoop.recordBatch(recorders, perCommand, commands, read, intended, sentAt, done);
                completed = completed + read;
                lastDone = done;
            }
            read = 0;
        }
        batchRead[conn] = read;
        ring.pop();
    }

    /** Stops the run at the first failure; later ones (the same run failing further) are dropped. */
    public void fail(int conn, RuntimeException why) {
        failure.compareAndSet(null, why);
    }

    /** Commands sent so far; safe from any thread. */
    public long sentSoFar() {
        return sent;
    }

    /** Counts so far, in commands (the mix's requests). */
    public RunTally tally() {
        return new RunTally(scheduled, sent, completed, 0, schedule.startNanos(), nominalEnd, lastDone);
    }

    /**
     * Runs the whole schedule on this thread (pin it first), then waits up to
     * {@code drainNanos} for the replies still in flight. Throws the first failure, or one line
     * naming the connections whose replies never came.
     */
    public RunTally run(BooleanSupplier stop, long drainNanos) throws IOException {
        start();
        try {
            while (hasNextSend() && !stop.getAsBoolean()) {
                if (sender.nextBatch() > 0 && clock.nanoTime() >= nominalEnd) {
                    break; // behind past the end: the achieved rate will say so
                }
                sendNext();
            }
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        long deadline = System.nanoTime() + drainNanos;
        while (sent != completed && failure.get() == null && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(100_000);
        }
        Exception f = failure.get();
        if (f instanceof IOException io) {
            throw io;
        }
        if (f != null) {
            throw (RuntimeException) f;
        }
        if (sent != completed) {
            StringBuilder waiting = new StringBuilder();
            for (int c = 0; c < connections; c++) {
                if (rings[c].size() > 0) {
                    waiting.append(waiting.length() == 0 ? "" : ", ").append("connection ").append(c).append(": ")
                            .append(rings[c].size());
                }
            }
            throw new IOException((sent - completed) + " command(s) without a reply " + drainNanos / 1_000_000
                    + " ms after the last send (" + waiting + ")");
        }
        return tally();
    }
}
