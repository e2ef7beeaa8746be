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
    private long scannedLength;
    private String scannedError = "";

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

    /**
     * Reads exactly one reply, wholly, as {@link #read} does, but keeps nothing of it, so a
     * benchmark's timed call allocates nothing (a reply object per call is garbage the floor does
     * not make, and its collections are stalls in some round trips' tails). Returns the reply's
     * type byte ({@code + - : $ *}); {@link #scannedLength} holds its size and
     * {@link #scannedError} an error reply's message, the only kind whose text is kept.
     */
    public int scan() throws IOException {
        int type = next();
        switch (type) {
            case '+' -> scannedLength = skipLine();
            case '-' -> {
                scannedError = line();
                scannedLength = scannedError.length();
            }
            case ':' -> scannedLength = number();
            case '$' -> scannedLength = skipBulk();
            case '*' -> scannedLength = skipArray();
            default -> throw new IOException("RESP: expected one of + - : $ * at the start of a reply, got byte " + type);
        }
        return type;
    }

    /**
     * What the last {@link #scan} read: a simple string's bytes, a bulk's bytes (-1 for nil), an
     * array's elements (-1 for nil), an integer's value, an error's characters.
     */
    public long scannedLength() {
        return scannedLength;
    }

    /** The message of the last error reply {@link #scan} read. */
    public String scannedError() {
        return scannedError;
    }

    /** The last scanned reply in words, for the one line a benchmark fails with. */
    public String describeScanned(int type) {
        return switch (type) {
            case '+' -> "a simple string of " + scannedLength + " bytes";
            case '-' -> "the error reply \"" + scannedError + "\"";
            case ':' -> "the integer " + scannedLength;
            case '$' -> scannedLength < 0 ? "a nil bulk" : "a bulk of " + scannedLength + " bytes";
            default -> scannedLength < 0 ? "a nil array" : "an array of " + scannedLength + " elements";
        };
    }

    private long skipLine() throws IOException {
        long n = 0;
        while (next() != '\r') {
            n++;
        }
        if (next() != '\n') {
            throw new IOException("RESP: expected LF after CR");
        }
        return n;
    }

    private long skipBulk() throws IOException {
        long len = number();
        if (len == -1) {
            return -1;
        }
        if (len < 0 || len > Integer.MAX_VALUE - 8) {
            throw new IOException("RESP: bulk length out of range: " + len);
        }
        long left = len;
        while (left > 0) {
            if (pos == limit) {
                fill();
            }
            int n = (int) Math.min(limit - pos, left);
            pos += n;
            left -= n;
        }
        expectCrlf();
        return len;
    }

    private long skipArray() throws IOException {
        long count = number();
        if (count == -1) {
            return -1;
        }
        if (count < 0) {
            throw new IOException("RESP: array length out of range: " + count);
        }
        for (long i = 0; i < count; i++) {
            scan();
        }
        return count;
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
