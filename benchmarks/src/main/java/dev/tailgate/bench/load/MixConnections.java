package dev.tailgate.bench.load;

import dev.tailgate.bench.openloop.MixOpenLoop;
import dev.tailgate.bench.support.BenchConfig;
import java.io.IOException;
import java.util.List;

/**
 * A load shape for the fixed-rate driver ({@link MixOpenLoop}): the keys (preloaded, with the
 * run's TTL, exactly as for the closed-loop mix: {@link LoadKeyspace}), the seeded draws
 * ({@link MixDraws}) and {@code connections} plain RESP2 sockets ({@link RawRespDriver}: each
 * batch encoded into a reusable buffer, one write; replies read wholly and kept nowhere).
 *
 * <p>The sender thread calls {@link #queue}, {@link #queueEndMarker} and {@link #flush}; the
 * receiver thread {@link #awaitReply} and {@link #check}. They share no state: each connection's
 * write buffer is the sender's, its reply reader the receiver's, and a socket's two directions
 * are independent. A broken connection fails with one line naming it and the target.
 */
public final class MixConnections implements MixOpenLoop.Transport, AutoCloseable {
    private final LoadKeyspace keyspace;
    private final RawRespDriver driver;
    private final MixDraws draws;
    private final LoadCommand[] commands;
    private final int connections;
    private final String target;

    private MixConnections(LoadKeyspace keyspace, RawRespDriver driver, LoadShape shape, long seed, String target) {
        this.keyspace = keyspace;
        this.driver = driver;
        this.draws = new MixDraws(shape, keyspace, seed);
        this.commands = shape.mix().commands().toArray(new LoadCommand[0]);
        this.connections = shape.connections();
        this.target = target;
    }

    /**
     * Preloads the keys of {@code shape}'s mix under a namespace of this trial's own
     * ({@code keyPrefix + shortName + ":" + token + ":"}), then opens {@code shape.connections()}
     * raw RESP connections (authenticated, on the configured database).
     */
    public static MixConnections openRawResp(BenchConfig cfg, String shortName, LoadShape shape, long seed) {
        return LoadKeyspace.createThen(cfg, shortName, shape, seed, ks -> new MixConnections(ks,
                RawRespDriver.open(cfg, shape.connections(), ks.ttlMillis()), shape, seed, cfg.endpoint().describe()));
    }

    /** The mix's commands; {@link #queue}'s result indexes this list. */
    public List<LoadCommand> commands() {
        return List.of(commands);
    }

    @Override
    public int connections() {
        return connections;
    }

    @Override
    public int queue(int conn) throws IOException {
        return draws.send(driver, conn);
    }

    @Override
    public void queueEndMarker(int conn) {
        driver.send(conn, LoadCommand.PING, null, null);
    }

    @Override
    public void flush(int conn) throws IOException {
        try {
            driver.flush(conn);
        } catch (IOException e) {
            throw broken(conn, e);
        }
    }

    @Override
    public int awaitReply(int conn) throws IOException {
        try {
            return driver.scan(conn);
        } catch (IOException e) {
            throw broken(conn, e);
        }
    }

    private IOException broken(int conn, IOException e) {
        return new IOException("connection " + conn + " to " + target + ": " + e.getMessage(), e);
    }

    @Override
    public void check(int conn, int command, int reply) {
        driver.check(conn, commands[command], reply);
    }

    @Override
    public void abort() {
        driver.close();
    }

    /** Closes the connections, then removes the trial's keys. */
    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            keyspace.close();
        }
    }
}
