package dev.tailgate.bench.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One connected TCP socket as a benchmark sees it, whatever {@link FloorIo} mode does the I/O:
 * send every byte, receive what has arrived. Both sides of the floor (client and echo server)
 * and the raw RESP connection go through it, so a mode changes the same system calls
 * everywhere. Implementations allocate nothing per call: buffers are made at connect time.
 */
public interface FloorWire extends AutoCloseable {

    /** Writes all {@code len} bytes of {@code b} from {@code off}. */
    void send(byte[] b, int off, int len) throws IOException;

    /** Reads at least one and at most {@code len} bytes into {@code b} at {@code off}; -1 at end of stream. */
    int receive(byte[] b, int off, int len) throws IOException;

    @Override
    void close() throws IOException;

    /** This wire as an {@code InputStream} (for {@link RespReader}); made once per connection. */
    default InputStream input() {
        FloorWire wire = this;
        return new InputStream() {
            private final byte[] one = new byte[1];

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : wire.receive(b, off, len);
            }

            @Override
            public int read() throws IOException {
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    /** {@link FloorIo#STREAM}: the socket's own streams, exactly what the benchmarks used before. */
    final class Streams implements FloorWire {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        public Streams(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override
        public void send(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public int receive(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public InputStream input() {
            return in;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * {@link FloorIo#CHANNEL} and {@link FloorIo#SPIN}: a {@code SocketChannel} through two
     * direct buffers of {@link #BUFFER_BYTES}. Heap bytes are copied in and out of them (a few
     * dozen bytes at the floor's payloads, against a system call of microseconds), so the caller
     * keeps the byte[] interface every benchmark already uses.
     */
    final class Channel implements FloorWire {
        public static final int BUFFER_BYTES = 64 * 1024;
        /** How many empty polls between two looks at the clock: the clock is not free on every host. */
        private static final int SPINS_PER_CLOCK_READ = 1 << 12;

        private final SocketChannel ch;
        private final boolean spin;
        private final long timeoutNanos;
        private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
        private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);

        /** A client's wire: a spinning read gives up after {@link FloorIo#TIMEOUT_MILLIS}. */
        Channel(SocketChannel ch, boolean spin) {
            this(ch, spin, FloorIo.TIMEOUT_MILLIS * 1_000_000L);
        }

        /** {@code timeoutNanos} 0: a spinning read waits until a byte arrives or the channel is closed. */
        Channel(SocketChannel ch, boolean spin, long timeoutNanos) {
            this.ch = ch;
            this.spin = spin;
            this.timeoutNanos = timeoutNanos;
        }

        /** The same channel with no limit on a spinning read: a server waits for its next request. */
        public Channel withoutTimeout() {
            return new Channel(ch, spin, 0);
        }

        @Override
        public void send(byte[] b, int off, int len) throws IOException {
            int done = 0;
            while (done < len) {
                int n = Math.min(len - done, out.capacity());
                out.clear();
                out.put(b, off + done, n).flip();
                while (out.hasRemaining()) {
                    if (ch.write(out) == 0) {
                        Thread.onSpinWait(); // non-blocking and the send buffer is full
                    }
                }
                done += n;
            }
        }

        @Override
        public int receive(byte[] b, int off, int len) throws IOException {
            in.clear().limit(Math.min(len, in.capacity()));
            int n = ch.read(in);
            if (n == 0 && spin) {
                n = spinRead();
            }
            if (n > 0) {
                in.flip();
                in.get(b, off, n);
            }
            return n;
        }

        private int spinRead() throws IOException {
            long start = timeoutNanos > 0 ? System.nanoTime() : 0;
            int spins = 0;
            int n;
            while ((n = ch.read(in)) == 0) {
                Thread.onSpinWait();
                if (++spins == SPINS_PER_CLOCK_READ) {
                    spins = 0;
                    if (timeoutNanos > 0 && System.nanoTime() - start > timeoutNanos) {
                        throw new SocketTimeoutException("no byte from " + ch.getRemoteAddress() + " within "
                                + timeoutNanos / 1_000_000 + " ms of busy-polling");
                    }
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
