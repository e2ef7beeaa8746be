package dev.tailgate.bench.load;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.RawRespConnection;
import dev.tailgate.bench.support.RedisConnections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The load shape on plain blocking sockets speaking RESP2, no client library: each batch is
 * encoded into a reusable buffer and leaves in one write; replies are read with the suite's
 * {@code RespReader.scan}, which reads a reply wholly (none is returned early) and keeps none of it.
 */
final class RawRespDriver implements LoadDriver {
    private static final byte[][] NAMES = new byte[LoadCommand.values().length][];
    private static final byte[] PX = "PX".getBytes(StandardCharsets.US_ASCII);

    static {
        for (LoadCommand c : LoadCommand.values()) {
            NAMES[c.ordinal()] = c.name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final List<RawRespConnection> connections;
    private final RespBuffer[] buffers;
    private final byte[] ttlMillis;

    private RawRespDriver(List<RawRespConnection> connections, byte[] ttlMillis) {
        this.connections = connections;
        this.buffers = new RespBuffer[connections.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new RespBuffer();
        }
        this.ttlMillis = ttlMillis;
    }

    static RawRespDriver open(BenchConfig cfg, int connections, byte[] ttlMillis) {
        List<RawRespConnection> open = new ArrayList<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                open.add(RedisConnections.raw(cfg));
            }
        } catch (RuntimeException e) {
            closeAll(open);
            throw e;
        }
        return new RawRespDriver(open, ttlMillis);
    }

    @Override
    public void send(int conn, LoadCommand command, byte[] key, byte[] value) {
        RespBuffer b = buffers[conn];
        boolean px = command == LoadCommand.SET && ttlMillis != null;
        b.array(switch (command) {
            case PING -> 1;
            case GET, INCR, RPOP -> 2;
            case SET -> px ? 5 : 3;
            case HGET, LPUSH -> 3;
            case HSET -> 4;
        });
        b.bulk(NAMES[command.ordinal()]);
        if (command == LoadCommand.PING) {
            return;
        }
        b.bulk(key);
        if (command == LoadCommand.HGET || command == LoadCommand.HSET) {
            b.bulk(LoadKeyspace.FIELD);
        }
        if (value != null) {
            b.bulk(value);
        }
        if (px) {
            b.bulk(PX);
            b.bulk(ttlMillis);
        }
    }

    @Override
    public void flush(int conn) throws IOException {
        RespBuffer b = buffers[conn];
        connections.get(conn).write(b.bytes(), b.length());
        b.reset();
    }

    @Override
    public void receive(int conn, LoadCommand command) throws IOException {
        check(conn, command, scan(conn));
    }

    /** Reads the next reply on {@code conn} wholly, keeping nothing; returns its type byte ({@link #check} says the rest). */
    int scan(int conn) throws IOException {
        return connections.get(conn).scan();
    }

    /**
     * Fails, naming command and reply, when the reply {@link #scan} just read on {@code conn}
     * (type byte {@code type}) is not the reply {@code command} gets.
     */
    void check(int conn, LoadCommand command, int type) {
        RawRespConnection c = connections.get(conn);
        long length = c.reader().scannedLength();
        boolean ok = switch (command) {
            case GET, HGET -> type == '$' && length >= 0;
            case SET, PING -> type == '+';
            case INCR, HSET, LPUSH -> type == ':';
            case RPOP -> type == '$';
        };
        LoadDriver.check(ok, command, conn, ok ? null : c.reader().describeScanned(type));
    }

    @Override
    public void close() {
        closeAll(connections);
    }

    private static void closeAll(List<RawRespConnection> open) {
        for (RawRespConnection c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a socket that failed: nothing left to release
            }
        }
    }
}
