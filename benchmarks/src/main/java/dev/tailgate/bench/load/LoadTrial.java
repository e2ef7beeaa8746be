package dev.tailgate.bench.load;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ClientTrial;
import dev.tailgate.bench.support.InjectedDelay;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.ThreadPinning;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One benchmark thread of a load shape for one JMH trial: its pinning, its keys and payloads,
 * its connections (through a {@link LoadDriver}), its seeded draws and its histograms.
 *
 * <p>Order, as in {@code ClientTrial}: the thread is pinned first (or, when it has no client
 * CPU of its own, told so: {@link Overload}), the keys are preloaded next on their own
 * connection, the connections under test open last; closing undoes all three in reverse.
 *
 * <p>What one {@link #call()} does: it serves the thread's next connection in turn, reading the
 * replies of the batch that connection has in flight and sending its next batch of
 * {@code pipeline} commands. Every connection always has one batch in flight, as each of
 * redis-benchmark's and memtier's connections has: the server works on other connections'
 * commands while this thread reads and writes, so many connections load the server like many
 * clients do. (Writing a batch on every connection and then waiting for all the replies would
 * leave the server idle at every such barrier and measure the barrier.)
 *
 * <p>What is recorded: each command, in the mix's histogram and its own command's, with the time
 * from the start of the call that sent its batch until that batch's replies were all read. A
 * command waits for its batch (its caller could not use the reply earlier), so the per-batch
 * round trip is the honest latency of a pipelined command; dividing a batch's time by its depth
 * would report a latency no command had. JMH's own sample is one call: with one connection that
 * is the batch round trip; with more it is one connection's turn (a read and a write), and the
 * {@code .hlog} is where the latency is. The first call on each connection in an iteration only
 * sends; {@link #endIteration} reads what is still in flight, so every command sent in an
 * iteration is recorded in it and nothing is in flight between iterations.
 */
final class LoadTrial implements AutoCloseable {
    /** Opens a client library's connections for a shape, once the keys exist. */
    @FunctionalInterface
    interface Connector {
        LoadDriver connect(BenchConfig cfg, BenchId id, LoadShape shape, LoadKeyspace keys);
    }

    private final PinnedThread pin;
    private final LoadKeyspace keyspace;
    private final LoadDriver driver;
    private final LoadShape shape;
    private final LoadCommand[] commands;
    private final MixDraws draws;
    private final InjectedDelay delay;
    private final CommandHistograms histograms;
    private final int[] sent;
    private final long[] sentAt;
    private final boolean[] inFlight;
    private int next;
    private long iterationStartNanos;

    private LoadTrial(PinnedThread pin, LoadKeyspace keyspace, LoadDriver driver, LoadShape shape, long seed,
                      InjectedDelay delay) {
        this.pin = pin;
        this.keyspace = keyspace;
        this.driver = driver;
        this.shape = shape;
        this.commands = shape.mix().commands().toArray(new LoadCommand[0]);
        this.draws = new MixDraws(shape, keyspace, seed);
        this.delay = delay;
        this.histograms = new CommandHistograms(shape.mix().commands());
        this.sent = new int[shape.commandsPerCall()];
        this.sentAt = new long[shape.connections()];
        this.inFlight = new boolean[shape.connections()];
    }

    /**
     * Pins the calling thread (or records that it has no CPU of its own), preloads its keys, then
     * opens {@code shape.connections()} connections with {@code connect}.
     */
    static LoadTrial open(BenchConfig cfg, BenchId id, LoadShape shape, int threadIndex, Overload overload,
                          InjectedDelay delay, String protocol, Connector connect) {
        Optional<String> overloaded = overload.hasOwnCpu(threadIndex) ? Optional.empty() : overload.statement();
        PinnedThread pin = overloaded.isPresent()
                ? ThreadPinning.shareClientCpus(cfg, id, protocol, overloaded.get())
                : ThreadPinning.pinClient(cfg, id, protocol);
        LoadKeyspace ks = null;
        try {
            long seed = ClientTrial.SEED + threadIndex;
            ks = LoadKeyspace.create(cfg, id.shortName(), shape, seed);
            return new LoadTrial(pin, ks, connect.connect(cfg, id, shape, ks), shape, seed, delay);
        } catch (RuntimeException e) {
            if (ks != null) {
                ks.close();
            }
            pin.close();
            throw e;
        }
    }

    /**
     * One call: reads the replies of the next connection's batch in flight (if any), checks and
     * records them, and sends that connection's next batch. Returns the commands completed.
     */
    int call() throws IOException {
        int c = next;
        next = c + 1 == inFlight.length ? 0 : c + 1;
        int done = inFlight[c] ? receive(c) : 0;
        long start = System.nanoTime();
        delay.beforeCall();
        int p = shape.pipeline();
        for (int i = 0, n = c * p; i < p; i++, n++) {
            sent[n] = draws.send(driver, c);
        }
        driver.flush(c);
        sentAt[c] = start;
        inFlight[c] = true;
        return done;
    }

    private int receive(int c) throws IOException {
        int p = shape.pipeline();
        for (int i = 0, n = c * p; i < p; i++, n++) {
            driver.receive(c, commands[sent[n]]);
        }
        long nanos = System.nanoTime() - sentAt[c];
        for (int i = 0, n = c * p; i < p; i++, n++) {
            histograms.record(sent[n], nanos);
        }
        inFlight[c] = false;
        return p;
    }

    /** Reads and records every batch still in flight. */
    private void drain() throws IOException {
        for (int c = 0; c < inFlight.length; c++) {
            if (inFlight[c]) {
                receive(c);
            }
        }
    }

    /** Starts an iteration's histograms (outside the timed region). */
    void beginIteration() {
        histograms.begin(System.currentTimeMillis());
        iterationStartNanos = System.nanoTime();
    }

    /**
     * Ends the iteration: reads what is in flight, appends its histograms to {@code log} when it was a measurement
     * iteration, and returns the line that states this thread's throughput and mix percentiles.
     */
    String endIteration(boolean measured, Optional<HlogOutput> log, String who) throws IOException {
        drain();
        double seconds = (System.nanoTime() - iterationStartNanos) / 1e9;
        histograms.end(System.currentTimeMillis());
        if (measured) {
            log.ifPresent(histograms::writeTo);
        }
        var h = histograms.mix();
        return String.format(java.util.Locale.ROOT,
                "[tailgate] %s: %d commands in %.3f s = %.0f commands/s; mix p50 %.1f us, p99 %.1f us, p99.9 %.1f us%s",
                who, h.getTotalCount(), seconds, h.getTotalCount() / seconds, h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, measured ? "" : " (warm-up)");
    }

    CommandHistograms histograms() {
        return histograms;
    }

    PinnedThread pin() {
        return pin;
    }

    String namespace() {
        return keyspace.namespace();
    }

    List<LoadCommand> commands() {
        return List.of(commands);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.close();
        } finally {
            try {
                keyspace.close();
            } finally {
                pin.close();
            }
        }
    }
}
