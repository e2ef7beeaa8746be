package dev.tailgate.bench.support;

import java.io.IOException;

/**
 * sockperf's TCP message framing, so that tailgate's floor client can measure against
 * {@code sockperf sr} and sockperf's client against tailgate's echo server (the two
 * cross-measurements of docs/performance.md). A plain echo does not interoperate: sockperf's
 * server answers only messages whose header asks for a reply, and sockperf's client ignores a
 * reply that still carries the client flag, which a byte-for-byte echo would send back.
 *
 * <p>The header is the first {@value #HEADER_BYTES} bytes of every message, in network byte
 * order (sockperf's {@code MsgHeader}, packed): a 64-bit sequence number, 16 bits of flags
 * ({@link #CLIENT} 1, {@link #PONG_REQUEST} 2, {@link #WARMUP} 4) and the 32-bit length of the
 * whole message, header included; the payload follows. sockperf's server answers a message that
 * has the client and pong-request flags and not the warm-up flag, with the same bytes and the
 * client flag cleared. {@link #answer} does the same; the rest here is pure.
 */
public final class SockperfFrame {
    public static final int HEADER_BYTES = 14;
    public static final int CLIENT = 1;
    public static final int PONG_REQUEST = 2;
    public static final int WARMUP = 4;
    private static final int FLAGS_AT = 8;
    private static final int LENGTH_AT = 10;

    private SockperfFrame() {
    }

    /** A ping-pong request of {@code bytes} in all (header + zero payload), sequence number {@code seq}. */
    public static byte[] request(int bytes, long seq) {
        if (bytes < HEADER_BYTES) {
            throw new IllegalArgumentException("sockperf framing: a message is at least " + HEADER_BYTES
                    + " bytes (its header), got " + bytes);
        }
        byte[] m = new byte[bytes];
        for (int i = 0; i < 8; i++) {
            m[i] = (byte) (seq >>> (56 - 8 * i));
        }
        m[FLAGS_AT + 1] = (byte) (CLIENT | PONG_REQUEST);
        m[LENGTH_AT] = (byte) (bytes >>> 24);
        m[LENGTH_AT + 1] = (byte) (bytes >>> 16);
        m[LENGTH_AT + 2] = (byte) (bytes >>> 8);
        m[LENGTH_AT + 3] = (byte) bytes;
        return m;
    }

    /** Flags of the message at {@code off}. */
    public static int flags(byte[] b, int off) {
        return (b[off + FLAGS_AT] & 0xff) << 8 | (b[off + FLAGS_AT + 1] & 0xff);
    }

    /**
     * Length of the message at {@code off} (header included), or -1 when fewer than
     * {@value #HEADER_BYTES} bytes are there. A length outside [{@value #HEADER_BYTES},
     * {@code maxBytes}] is a broken stream, not something to wait for more bytes of.
     */
    public static int length(byte[] b, int off, int available, int maxBytes) throws IOException {
        if (available < HEADER_BYTES) {
            return -1;
        }
        long len = (b[off + LENGTH_AT] & 0xffL) << 24 | (b[off + LENGTH_AT + 1] & 0xff) << 16
                | (b[off + LENGTH_AT + 2] & 0xff) << 8 | (b[off + LENGTH_AT + 3] & 0xff);
        if (len < HEADER_BYTES || len > maxBytes) {
            throw new IOException("sockperf framing: message length " + len + " at byte " + off
                    + " is outside " + HEADER_BYTES + ".." + maxBytes);
        }
        return (int) len;
    }

    /** Whether sockperf's server would answer a message with these flags. */
    public static boolean wantsReply(int flags) {
        return (flags & CLIENT) != 0 && (flags & PONG_REQUEST) != 0 && (flags & WARMUP) == 0;
    }

    /**
     * Answers every complete message in {@code b[0, available)} as sockperf's server does
     * (the client flag cleared in place, then the message sent back on {@code wire}) and returns
     * how many bytes they took; the caller keeps the incomplete rest for the next read.
     */
    public static int answer(byte[] b, int available, FloorWire wire) throws IOException {
        int at = 0;
        int len;
        while ((len = length(b, at, available - at, b.length)) > 0 && len <= available - at) {
            if (wantsReply(flags(b, at))) {
                b[at + FLAGS_AT + 1] &= (byte) ~CLIENT;
                wire.send(b, at, len);
            }
            at += len;
        }
        return at;
    }
}
