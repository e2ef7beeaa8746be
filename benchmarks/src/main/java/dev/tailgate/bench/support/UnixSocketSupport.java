package dev.tailgate.bench.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Unix domain sockets (Java 16+, {@link UnixDomainSocketAddress}) behind the {@link Socket} and
 * {@link ServerSocket} types the blocking clients and the echo server already use, so the raw
 * RESP client, Jedis and the floor run the same code over TCP and Unix sockets.
 *
 * <p>The streams read and write the channel directly, blocking: the same one system call per
 * read or write as a blocking TCP socket, and a reader and a writer on two threads do not wait
 * for each other ({@code Channels.newInputStream} would serialise them on one lock). A JDK Unix
 * channel has no read timeout, so {@link Socket#setSoTimeout} is accepted and not enforced: a
 * stalled server is noticed when it closes the socket or is killed, not after the clients' 30 s.
 */
public final class UnixSocketSupport {
    private UnixSocketSupport() {
    }

    /** Connects to the socket file; a missing file fails here naming it. */
    public static Socket connect(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("unix socket " + path + " does not exist");
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
            return new ChannelSocket(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Listens on a new socket file at {@code path} (which must not exist yet). */
    public static ServerSocket listen(Path path) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path), 64);
            return new ChannelServerSocket(ch, path);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A connected Unix channel seen as a blocking {@link Socket}. */
    private static final class ChannelSocket extends Socket {
        private final SocketChannel ch;
        private final InputStream in;
        private final OutputStream out;

        ChannelSocket(SocketChannel ch) {
            this.ch = ch;
            this.in = new ChannelInput(ch);
            this.out = new ChannelOutput(ch);
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public void setTcpNoDelay(boolean on) {
            // no Nagle on a Unix socket: every write leaves at once
        }

        @Override
        public void setSoTimeout(int timeout) {
            // not enforceable on a JDK Unix channel (see the class comment)
        }

        @Override
        public void setKeepAlive(boolean on) {
            // a local socket has no peer to lose silently
        }

        @Override
        public void setSoLinger(boolean on, int linger) {
            // close is immediate on a Unix socket
        }

        @Override
        public void setReuseAddress(boolean on) {
            // nothing is bound on the client side
        }

        @Override
        public boolean isConnected() {
            return ch.isConnected();
        }

        @Override
        public boolean isBound() {
            return ch.isOpen();
        }

        @Override
        public boolean isClosed() {
            return !ch.isOpen();
        }

        @Override
        public boolean isInputShutdown() {
            return false;
        }

        @Override
        public boolean isOutputShutdown() {
            return false;
        }

        @Override
        public synchronized void close() throws IOException {
            ch.close();
        }
    }

    /** A listening Unix channel seen as a {@link ServerSocket}; closing it removes the socket file. */
    private static final class ChannelServerSocket extends ServerSocket {
        private final ServerSocketChannel ch;
        private final Path path;

        ChannelServerSocket(ServerSocketChannel ch, Path path) throws IOException {
            this.ch = ch;
            this.path = path;
        }

        @Override
        public Socket accept() throws IOException {
            return new ChannelSocket(ch.accept());
        }

        @Override
        public int getLocalPort() {
            return -1;
        }

        @Override
        public boolean isClosed() {
            return !ch.isOpen();
        }

        @Override
        public void close() throws IOException {
            try {
                ch.close();
            } finally {
                Files.deleteIfExists(path);
            }
        }
    }

    private static final class ChannelInput extends InputStream {
        private final SocketChannel ch;

        ChannelInput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return ch.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    private static final class ChannelOutput extends OutputStream {
        private final SocketChannel ch;

        ChannelOutput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
