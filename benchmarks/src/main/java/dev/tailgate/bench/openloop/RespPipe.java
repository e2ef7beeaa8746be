package dev.tailgate.bench.openloop;

import dev.tailgate.bench.support.RedisEndpoint;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Raw RESP over one TCP socket, with no client library in the measured path: one precomputed
 * request (PING or GET key) written with a single {@code write} per send, and a minimal reply
 * skipper that reads whole replies of any type from a reused buffer. No allocation per request.
 *
 * <p>Used both pipelined ({@link DecoupledOpenLoop}: {@link #send()} on the sender thread,
 * {@link #awaitReply()} on the receiver thread; a socket's two directions are independent) and
 * blocking ({@link #call()}). Error replies ({@code -ERR ...}) are counted, not thrown, so a
 * pipelined stream stays in step; {@link #errorReplies()} reports them.
 */
public final class RespPipe implements DecoupledOpenLoop.Transport, AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;
    private final byte[] buf = new byte[64 * 1024];
    private byte[] batch;
    private int pos;
    private int lim;
    private volatile long errorReplies;

    private RespPipe(Socket socket, byte[] request) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.request = request;
    }

    /**
     * Connects, authenticates if a password is given, and fixes the request to repeat.
     *
     * @param readTimeoutMillis a reply later than this is an I/O error (0 = wait forever)
     */
    public static RespPipe connect(String host, int port, Optional<String> password, int readTimeoutMillis,
                                   String... command) throws IOException {
        return connect(host, port, Optional.empty(), password, readTimeoutMillis, command);
    }

    /** As above, with an ACL user ({@code AUTH user password}). */
    public static RespPipe connect(String host, int port, Optional<String> user, Optional<String> password,
                                   int readTimeoutMillis, String... command) throws IOException {
        return connect(RedisEndpoint.tcp(host, port), user, password, readTimeoutMillis, command);
    }

    /** As above, over any transport (TCP, TLS, Unix socket). */
    public static RespPipe connect(RedisEndpoint endpoint, Optional<String> user, Optional<String> password,
                                   int readTimeoutMillis, String... command) throws IOException {
        Socket s;
        try {
            s = endpoint.open(2_000, readTimeoutMillis);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot connect to " + endpoint.describe() + ": " + e.getMessage(), e);
        }
        try {
            RespPipe p = new RespPipe(s, encode(command));
            if (password.isPresent()) {
                p.out.write(user.isPresent() ? encode("AUTH", user.get(), password.get()) : encode("AUTH", password.get()));
                p.out.flush();
                if (p.skipReply() != '+') {
                    throw new IOException("AUTH refused by " + endpoint.describe());
                }
            }
            return p;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** RESP array of bulk strings. */
    public static byte[] encode(String... args) {
        StringBuilder sb = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes one raw command and reads its reply (setup only, e.g. SET of the GET key). */
    public int command(String... args) throws IOException {
        out.write(encode(args));
        out.flush();
        return skipReply();
    }

    @Override
    public void send() throws IOException {
        out.write(request);
    }

    /** {@code count} copies of the request in one write (a sender catching up after a stall). */
    @Override
    public void send(int count) throws IOException {
        if (count == 1) {
            send();
            return;
        }
        if (batch == null || batch.length < count * request.length) {
            batch = new byte[Math.max(count, DecoupledOpenLoop.MAX_BATCH) * request.length];
            for (int i = 0; i + request.length <= batch.length; i += request.length) {
                System.arraycopy(request, 0, batch, i, request.length);
            }
        }
        out.write(batch, 0, count * request.length);
    }

    @Override
    public void awaitReply() throws IOException {
        if (skipReply() == '-') {
            errorReplies++;
        }
    }

    /** Blocking request/reply. */
    public void call() throws IOException {
        send();
        awaitReply();
    }

    public long errorReplies() {
        return errorReplies;
    }

    /** Reads one complete reply; returns its type byte. */
    int skipReply() throws IOException {
        int type = readByte();
        switch (type) {
            case '+', '-', ':', '_', ',', '#', '(' -> skipLine();
            case '$', '!', '=' -> {
                long len = readLong();
                if (len >= 0) {
                    skipBytes(len + 2);
                }
            }
            case '*', '~', '>' -> {
                long n = readLong();
                for (long i = 0; i < n; i++) {
                    skipReply();
                }
            }
            case '%' -> {
                long n = readLong();
                for (long i = 0; i < 2 * n; i++) {
                    skipReply();
                }
            }
            default -> throw new IOException("not a RESP reply: type byte " + type);
        }
        return type;
    }

    private int readByte() throws IOException {
        if (pos == lim) {
            fill();
        }
        return buf[pos++];
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            throw new EOFException("connection closed by server");
        }
        pos = 0;
        lim = n;
    }

    private void skipLine() throws IOException {
        while (readByte() != '\n') {
            // skip to end of line
        }
    }

    private long readLong() throws IOException {
        long v = 0;
        boolean neg = false;
        int c = readByte();
        if (c == '-') {
            neg = true;
            c = readByte();
        }
        while (c != '\r') {
            v = v * 10 + (c - '0');
            c = readByte();
        }
        readByte(); // '\n'
        return neg ? -v : v;
    }

    private void skipBytes(long n) throws IOException {
        while (n > 0) {
            if (pos == lim) {
                fill();
            }
            int k = (int) Math.min(n, lim - pos);
            pos += k;
            n -= k;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
