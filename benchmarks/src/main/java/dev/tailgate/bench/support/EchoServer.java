package dev.tailgate.bench.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
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
 */
public final class EchoServer implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;

    /** Runs on each connection thread before it serves; the result is closed when it ends. */
    @FunctionalInterface
    public interface ThreadSetup {
        ThreadSetup NONE = () -> () -> { };

        AutoCloseable enter();
    }

    private final ServerSocket server;
    private final ThreadSetup setup;
    private final Thread acceptor;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionSeq = new AtomicInteger();
    private volatile boolean closed;

    private EchoServer(ServerSocket server, ThreadSetup setup) {
        this.server = server;
        this.setup = setup;
        this.acceptor = new Thread(this::acceptLoop, "tailgate-echo-accept-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /** Starts listening on {@code bind:port} (port 0 = any free port) and returns at once. */
    public static EchoServer start(InetAddress bind, int port, ThreadSetup setup) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bind, port), 64);
            EchoServer echo = new EchoServer(s, setup);
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
        EchoServer echo = new EchoServer(listening, setup);
        echo.acceptor.start();
        return echo;
    }

    /** A loopback echo server whose connection threads are pinned to {@code tailgate.cpu.server}. */
    public static EchoServer startPinned(BenchConfig cfg, BenchId id) {
        return start(InetAddress.getLoopbackAddress(), 0, () -> ThreadPinning.pinServer(cfg, id, PinRole.ECHO_SERVER));
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                return; // closed
            }
            connections.add(s);
            Thread t = new Thread(() -> serve(s), "tailgate-echo-" + port() + "-" + connectionSeq.incrementAndGet());
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (AutoCloseable placed = setup.enter()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[BUFFER_BYTES];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (SocketException e) {
            // peer closed or server shutting down: normal end of a connection
        } catch (Exception e) {
            if (!closed) {
                throw new IllegalStateException("echo server connection failed", e);
            }
        } finally {
            connections.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
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
        for (Socket s : connections) {
            try {
                s.close();
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
}
