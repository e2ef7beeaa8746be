package dev.tailgate.bench.support;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RESP2 replies from a blocking stream. Minimal but complete: a reply is only returned
 * once all of it (including the whole bulk payload and its trailing CRLF) has been read, so
 * a benchmark's timed call always covers the full response, and a malformed reply fails
 * loudly instead of desynchronising the connection.
 */
public final class RespReader {
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    public RespReader(InputStream in) {
        this(in, 16 * 1024);
    }

    public RespReader(InputStream in, int bufferBytes) {
        this.in = in;
        this.buf = new byte[bufferBytes];
    }

    /** Reads exactly one reply (arrays: with all their elements). */
    public RespReply read() throws IOException {
        int type = next();
        return switch (type) {
            case '+' -> new RespReply.Simple(line());
            case '-' -> new RespReply.Error(line());
            case ':' -> new RespReply.Int(number());
            case '$' -> bulk();
            case '*' -> array();
            default -> throw new IOException("RESP: expected one of + - : $ * at the start of a reply, got byte " + type);
        };
    }

    private RespReply bulk() throws IOException {
        long len = number();
        if (len == -1) {
            return new RespReply.Nil();
        }
        if (len < 0 || len > Integer.MAX_VALUE - 8) {
            throw new IOException("RESP: bulk length out of range: " + len);
        }
        byte[] value = new byte[(int) len];
        int copied = 0;
        while (copied < value.length) {
            if (pos == limit) {
                fill();
            }
            int n = Math.min(limit - pos, value.length - copied);
            System.arraycopy(buf, pos, value, copied, n);
            pos += n;
            copied += n;
        }
        expectCrlf();
        return new RespReply.Bulk(value);
    }

    private RespReply array() throws IOException {
        long count = number();
        if (count == -1) {
            return new RespReply.Nil();
        }
        if (count < 0) {
            throw new IOException("RESP: array length out of range: " + count);
        }
        List<RespReply> items = new ArrayList<>((int) Math.min(count, 1024));
        for (long i = 0; i < count; i++) {
            items.add(read());
        }
        return new RespReply.Array(items);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = next()) != '\r') {
            sb.append((char) b);
        }
        if (next() != '\n') {
            throw new IOException("RESP: expected LF after CR");
        }
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private long number() throws IOException {
        boolean negative = false;
        long value = 0;
        int digits = 0;
        int b = next();
        if (b == '-') {
            negative = true;
            b = next();
        }
        while (b != '\r') {
            if (b < '0' || b > '9') {
                throw new IOException("RESP: expected a digit in a length or integer, got byte " + b);
            }
            value = value * 10 + (b - '0');
            digits++;
            b = next();
        }
        if (digits == 0 || next() != '\n') {
            throw new IOException("RESP: malformed number line");
        }
        return negative ? -value : value;
    }

    private void expectCrlf() throws IOException {
        if (next() != '\r' || next() != '\n') {
            throw new IOException("RESP: expected CRLF after bulk payload");
        }
    }

    private int next() throws IOException {
        if (pos == limit) {
            fill();
        }
        return buf[pos++] & 0xff;
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            throw new EOFException("RESP: connection closed in the middle of a reply");
        }
        pos = 0;
        limit = n;
    }
}
