package dev.tailgate.bench.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain blocking socket speaking RESP2 to Redis, with no client library in between: the
 * lower bound of what any Java client can achieve on this path. TCP_NODELAY, so a small
 * command leaves at once instead of waiting for Nagle.
 */
public final class RawRespConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final RespReader reader;

    private RawRespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new RespReader(socket.getInputStream());
    }

    /** Connects to {@code host:port} with TCP_NODELAY and no handshake. */
    public static RawRespConnection connect(String host, int port) {
        return connect(RedisEndpoint.tcp(host, port));
    }

    /** Connects over the endpoint's transport (TCP_NODELAY on TCP and TLS) with no RESP handshake. */
    public static RawRespConnection connect(RedisEndpoint endpoint) {
        Socket s = null;
        try {
            s = endpoint.open(5_000, 30_000);
            return new RawRespConnection(s);
        } catch (IOException | IllegalArgumentException e) {
            try {
                if (s != null) {
                    s.close();
                }
            } catch (IOException ignored) {
                // nothing more to release
            }
            throw new UncheckedIOException("cannot connect to " + endpoint.describe() + " (" + TlsSupport.why(e) + ")",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** Writes pre-encoded command bytes and reads the one reply. */
    public RespReply call(byte[] command) throws IOException {
        out.write(command);
        return reader.read();
    }

    /** Writes several pre-encoded commands in one go and reads their replies in order. */
    public List<RespReply> pipeline(byte[] commands, int count) throws IOException {
        out.write(commands);
        List<RespReply> replies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            replies.add(reader.read());
        }
        return replies;
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
        socket.close();
    }
}
