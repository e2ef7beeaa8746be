package dev.tailgate.bench.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking TCP echo server: every byte received on a connection is written back on it, in
 * order, as soon as it is read. It gives the network floor that Redis round trips are
 * compared with, so it does as little as Redis's own I/O path could: one blocking read, one
 * write, TCP_NODELAY, one thread per connection (no hand-offs between threads).
 *
 * <p>Each connection thread runs a {@link ThreadSetup} first; {@link #startPinned} uses it to
 * put the thread on {@code tailgate.cpu.server} (where Redis sits) and write its pinning
 * record. The harness or a test may start one with any setup, e.g. {@link ThreadSetup#NONE}.
 *
 * <p>Two switches, both defaulting to what the floor measured before they existed: the
 * server's own {@link FloorIo} ({@value #IO_PROPERTY}; stream = blocking socket streams, one
 * blocking read per request, as Redis's event loop makes one wake-up per request; spin would
 * busy-poll the server CPU, which Redis never does, so it only bounds what the server's wake-up
 * costs) and the {@link Framing}: a plain echo, or sockperf's messages for cross-measuring
 * against sockperf's client ({@link SockperfFrame}).
 */
public final class EchoServer implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;
    /** The echo server's own {@link FloorIo} in a benchmark JVM; unset = stream. */
    public static final String IO_PROPERTY = "tailgate.echo.io";

    /** What the server sends back. */
    public enum Framing {
        /** Every byte, as it comes. */
        RAW,
        /** sockperf's answer to each complete sockperf message ({@link SockperfFrame#answer}). */
        SOCKPERF
    }

    /** Runs on each connection thread before it serves; the result is closed when it ends. */
    @FunctionalInterface
    public interface ThreadSetup {
        ThreadSetup NONE = () -> () -> { };

        AutoCloseable enter();
    }

    private final Listener server;
    private final ThreadSetup setup;
    private final Framing framing;
    private final Thread acceptor;
    private final List<FloorWire> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionSeq = new AtomicInteger();
    private volatile boolean closed;

    private EchoServer(Listener server, ThreadSetup setup, Framing framing) {
        this.server = server;
        this.setup = setup;
        this.framing = framing;
        this.acceptor = new Thread(this::acceptLoop, "tailgate-echo-accept-" + server.address().getPort());
        this.acceptor.setDaemon(true);
    }

    /** Starts a plain stream echo on {@code bind:port} (port 0 = any free port) and returns at once. */
    public static EchoServer start(InetAddress bind, int port, ThreadSetup setup) {
        return start(bind, port, setup, FloorIo.STREAM, Framing.RAW);
    }

    /** Starts listening with the given I/O mode and framing and returns at once. */
    public static EchoServer start(InetAddress bind, int port, ThreadSetup setup, FloorIo io, Framing framing) {
        try {
            EchoServer echo = new EchoServer(Listener.open(new InetSocketAddress(bind, port), io), setup, framing);
            echo.acceptor.start();
            return echo;
        } catch (IOException e) {
            throw new UncheckedIOException("echo server: cannot listen on " + bind + ":" + port, e);
        }
    }

    /**
     * Serves on a socket the caller has bound already: a TLS server socket or a Unix socket
     * ({@link FloorTransport}); the echo loop is the same for every transport.
     */
    public static EchoServer on(ServerSocket listening, ThreadSetup setup) {
        // a Unix socket has no address or port: the wildcard with port 0 stands in, for names only
        InetSocketAddress at = listening.getInetAddress() == null ? new InetSocketAddress(0)
                : new InetSocketAddress(listening.getInetAddress(), listening.getLocalPort());
        Listener listener = new Listener(listening, at, () -> {
            Socket c = listening.accept();
            c.setTcpNoDelay(true);
            return new FloorWire.Streams(c);
        });
        EchoServer echo = new EchoServer(listener, setup, Framing.RAW);
        echo.acceptor.start();
        return echo;
    }

    /** A loopback echo server whose connection threads are pinned to {@code tailgate.cpu.server}. */
    public static EchoServer startPinned(BenchConfig cfg, BenchId id) {
        return startPinned(cfg, id, FloorIo.STREAM, Framing.RAW);
    }

    /** The same with the given I/O mode and framing. */
    public static EchoServer startPinned(BenchConfig cfg, BenchId id, FloorIo io, Framing framing) {
        return start(InetAddress.getLoopbackAddress(), 0, () -> ThreadPinning.pinServer(cfg, id, PinRole.ECHO_SERVER),
                io, framing);
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public int port() {
        return server.address().getPort();
    }

    private void acceptLoop() {
        while (!closed) {
            FloorWire w;
            try {
                w = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.add(w);
            Thread t = new Thread(() -> serve(w), "tailgate-echo-" + port() + "-" + connectionSeq.incrementAndGet());
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private void serve(FloorWire w) {
        try (AutoCloseable placed = setup.enter()) {
            byte[] buf = new byte[BUFFER_BYTES];
            if (framing == Framing.RAW) {
                echo(w, buf);
            } else {
                answerSockperf(w, buf);
            }
        } catch (SocketException | ClosedChannelException e) {
            // peer closed or server shutting down: normal end of a connection
        } catch (Exception e) {
            if (!closed) {
                throw new IllegalStateException("echo server connection failed", e);
            }
        } finally {
            connections.remove(w);
            try {
                w.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static void echo(FloorWire w, byte[] buf) throws IOException {
        int n;
        while ((n = w.receive(buf, 0, buf.length)) >= 0) {
            w.send(buf, 0, n);
        }
    }

    /** Answers whole sockperf messages; an incomplete one waits, moved to the front, for its rest. */
    private static void answerSockperf(FloorWire w, byte[] buf) throws IOException {
        int have = 0;
        int n;
        while ((n = w.receive(buf, have, buf.length - have)) >= 0) {
            have += n;
            int used = SockperfFrame.answer(buf, have, w);
            System.arraycopy(buf, used, buf, 0, have - used);
            have -= used;
        }
    }

    /** Stops accepting, closes every connection and waits (bounded) for the threads to end. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket has nothing to report
        }
        for (FloorWire w : connections) {
            try {
                w.close();
            } catch (IOException ignored) {
                // already closed by the peer
            }
        }
        try {
            acceptor.join(5_000);
            for (Thread t : workers) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The listening socket: a {@code ServerSocket} for stream I/O, a {@code ServerSocketChannel} otherwise. */
    private record Listener(Closeable socket, InetSocketAddress address, Acceptor acceptor) implements Closeable {
        /** Waits for the next connection and wraps it for the listener's I/O mode. */
        @FunctionalInterface
        interface Acceptor {
            FloorWire accept() throws IOException;
        }

        /** A step of opening that may fail. */
        @FunctionalInterface
        interface Step {
            void run() throws IOException;
        }

        static Listener open(InetSocketAddress at, FloorIo io) throws IOException {
            return io == FloorIo.STREAM ? streams(at) : channels(at, io);
        }

        private static Listener streams(InetSocketAddress at) throws IOException {
            ServerSocket s = new ServerSocket();
            closeOnFailure(s, () -> {
                s.setReuseAddress(true);
                s.bind(at, 64);
            });
            return new Listener(s, new InetSocketAddress(s.getInetAddress(), s.getLocalPort()), () -> {
                Socket c = s.accept();
                c.setTcpNoDelay(true);
                return new FloorWire.Streams(c);
            });
        }

        private static Listener channels(InetSocketAddress at, FloorIo io) throws IOException {
            ServerSocketChannel s = ServerSocketChannel.open();
            closeOnFailure(s, () -> {
                s.socket().setReuseAddress(true);
                s.bind(at, 64);
            });
            return new Listener(s, (InetSocketAddress) s.getLocalAddress(), () -> {
                SocketChannel c = s.accept();
                c.socket().setTcpNoDelay(true);
                return ((FloorWire.Channel) io.wrap(c)).withoutTimeout();
            });
        }

        private static void closeOnFailure(Closeable socket, Step step) throws IOException {
            try {
                step.run();
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        FloorWire accept() throws IOException {
            return acceptor.accept();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
