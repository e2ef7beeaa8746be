package dev.tailgate.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain socket speaking RESP2 to Redis, with no client library in between: the lower bound
 * of what any Java client can achieve on this path. TCP_NODELAY, so a small command leaves at
 * once instead of waiting for Nagle. Its I/O is a {@link FloorIo} mode, the same one the TCP
 * floor's client uses in the same JVM, so that "raw RESP minus floor" is Redis's share only.
 */
public final class RawRespConnection implements AutoCloseable {
    private final FloorWire wire;
    private final RespReader reader;

    private RawRespConnection(FloorWire wire) {
        this.wire = wire;
        this.reader = new RespReader(wire.input());
    }

    /** Connects to {@code host:port} with socket streams (a 30 s read timeout) and no handshake. */
    public static RawRespConnection connect(String host, int port) {
        return connect(RedisEndpoint.tcp(host, port), FloorIo.STREAM);
    }

    /** Connects over the endpoint's transport with socket streams and no RESP handshake. */
    public static RawRespConnection connect(RedisEndpoint endpoint) {
        return connect(endpoint, FloorIo.STREAM);
    }

    /**
     * Connects over the endpoint's transport with the given I/O mode and no RESP handshake. Over
     * TCP the mode is the floor's own ({@link FloorIo#connect}), so raw RESP and the TCP floor pay
     * the same price; TLS and Unix sockets have only socket streams, and another mode there is
     * refused rather than silently measured as streams.
     */
    public static RawRespConnection connect(RedisEndpoint endpoint, FloorIo io) {
        if (endpoint.transport() == RedisEndpoint.Transport.TCP) {
            return new RawRespConnection(io.connect(new InetSocketAddress(endpoint.host(), endpoint.port())));
        }
        if (io != FloorIo.STREAM) {
            throw new IllegalArgumentException(FloorIo.PROPERTY + "=" + io.name().toLowerCase(Locale.ROOT)
                    + " needs a TCP target; " + endpoint.describe() + " has socket streams only");
        }
        Socket s = null;
        try {
            s = endpoint.open(5_000, FloorIo.TIMEOUT_MILLIS);
            return new RawRespConnection(new FloorWire.Streams(s));
        } catch (IOException | IllegalArgumentException e) {
            try {
                if (s != null) {
                    s.close();
                }
            } catch (IOException ignored) {
                // nothing more to release
            }
            throw new UncheckedIOException("cannot connect to " + endpoint.describe() + " (" + TlsSupport.why(e) + ")",
                    e instanceof IOException io2 ? io2 : new IOException(e));
        }
    }

    /** Writes pre-encoded command bytes and reads the one reply. */
    public RespReply call(byte[] command) throws IOException {
        wire.send(command, 0, command.length);
        return reader.read();
    }

    /**
     * Writes pre-encoded command bytes and reads the one reply without keeping it
     * ({@link RespReader#scan}): allocates nothing. Returns the reply's type byte;
     * {@link #reader()} says the rest.
     */
    public int callScan(byte[] command) throws IOException {
        wire.send(command, 0, command.length);
        return reader.scan();
    }

    /** Reads the next reply of a command written earlier without keeping it; as {@link #callScan}. */
    public int scan() throws IOException {
        return reader.scan();
    }

    /** The reader, for what the last {@link #scan} or {@link #callScan} read. */
    public RespReader reader() {
        return reader;
    }

    /** Writes several pre-encoded commands in one go and reads their replies in order. */
    public List<RespReply> pipeline(byte[] commands, int count) throws IOException {
        wire.send(commands, 0, commands.length);
        List<RespReply> replies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            replies.add(reader.read());
        }
        return replies;
    }

    /** Writes the first {@code length} bytes of {@code commands} (pre-encoded) without reading. */
    public void write(byte[] commands, int length) throws IOException {
        wire.send(commands, 0, length);
    }

    /** Reads the next reply of a command written earlier. */
    public RespReply read() throws IOException {
        return reader.read();
    }

    /** Like {@link #call} but fails on an error reply; for setup commands (AUTH, SELECT). */
    public RespReply callOrFail(String... args) throws IOException {
        RespReply r = call(RespCommands.encode(args));
        if (r instanceof RespReply.Error e) {
            throw new IOException("Redis refused " + args[0] + ": " + e.message());
        }
        return r;
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
