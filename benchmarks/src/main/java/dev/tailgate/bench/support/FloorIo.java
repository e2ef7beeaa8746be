package dev.tailgate.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * How a benchmark thread does its socket I/O: the transport switch of the TCP floor
 * ({@code net.TcpPingPongBenchmark}) and of the raw RESP benchmarks, which read the same
 * property so that the floor and the Redis round trips built on it pay exactly the same I/O
 * price and "Redis minus floor" stays exact. Jedis and Lettuce do their own I/O (Jedis: socket
 * streams; Lettuce: a Netty event loop on another thread), which is part of what they cost.
 *
 * <ul>
 * <li>{@link #STREAM} (the default before issue 16): {@code Socket}
 *     streams with a 30 s {@code SO_TIMEOUT}. With a timeout the JDK's socket implementation
 *     puts the socket in non-blocking mode and waits in {@code poll()}, so a read that finds no
 *     reply yet costs read + poll + read: three system calls where C's blocking client makes
 *     one.</li>
 * <li>{@link #CHANNEL} ({@link #DEFAULT}): a blocking {@code SocketChannel} with preallocated direct buffers: one
 *     {@code write()} and one blocking {@code read()} per round trip, as sockperf's default
 *     client does. No timeout: a peer that never answers holds the call until JMH's own
 *     timeout.</li>
 * <li>{@link #SPIN}: a non-blocking {@code SocketChannel}, and the pinned thread busy-polls
 *     {@code read()} (which returns 0 until the reply is there) with {@code Thread.onSpinWait}:
 *     no sleep, no wake-up, at the price of a whole CPU, as Chronicle's network tests do. It
 *     gives up after 30 s without a byte.</li>
 * </ul>
 * Selected with {@value #PROPERTY} ({@code stream|channel|spin}) on the benchmark JVM.
 *
 * <p>TLS (an {@code SSLSocket}) and Unix sockets have socket streams only: a path over them
 * takes {@link #STREAM} when the property is unset, and refuses another mode asked for
 * explicitly rather than silently measuring streams ({@link #forPath}).
 */
public enum FloorIo {
    STREAM, CHANNEL, SPIN;

    /** The client side's switch: the TCP floor's client and the raw RESP connection. */
    public static final String PROPERTY = "tailgate.io";
    /** How long a call waits for a byte before it fails (the stream's SO_TIMEOUT, the spin's limit). */
    public static final int TIMEOUT_MILLIS = 30_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    /**
     * What the floor and raw RESP use over TCP when {@value #PROPERTY} is unset. Channel, not
     * streams: one write and one blocking read per round trip, as sockperf and redis-benchmark
     * do, where streams with a timeout pay read + poll + read; measured side by side it brought
     * the floor within issue 16's targets of sockperf where streams missed them
     * (docs/performance.md, suspect 2). The harness records it as the run's floor I/O.
     */
    public static final FloorIo DEFAULT = CHANNEL;

    /** {@value #PROPERTY} of this JVM for a TCP path; unset = {@link #DEFAULT}. */
    public static FloorIo fromSystemProperties() {
        return SwitchProperty.read(System::getProperty, PROPERTY, DEFAULT);
    }

    /** {@value #PROPERTY} of this JVM for a path over TCP or not ({@link #forPath}). */
    public static FloorIo fromSystemProperties(boolean tcp, String path) {
        return forPath(System.getProperty(PROPERTY), tcp, path);
    }

    /**
     * The mode of one path given the property's {@code value} (null = unset): over TCP the value
     * or {@link #DEFAULT}; over TLS or a Unix socket ({@code tcp} false), socket streams, the only
     * I/O an {@code SSLSocket} or a Unix socket has here, and another mode asked for explicitly is
     * refused, naming {@code path}, rather than measured as streams under another name.
     */
    public static FloorIo forPath(String value, boolean tcp, String path) {
        FloorIo asked = SwitchProperty.parse(PROPERTY, value, tcp ? DEFAULT : STREAM);
        if (!tcp && asked != STREAM) {
            throw new IllegalArgumentException(PROPERTY + "=" + SwitchProperty.name(asked) + ": " + path
                    + " has socket streams only; leave " + PROPERTY + " unset or stream");
        }
        return asked;
    }

    /** Connects to {@code address} with TCP_NODELAY (a small message leaves at once, not after Nagle). */
    public FloorWire connect(InetSocketAddress address) {
        try {
            return this == STREAM ? connectStream(address) : connectChannel(address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address.getHostString() + ":" + address.getPort()
                    + " (" + SwitchProperty.name(this) + ")", e);
        }
    }

    private static FloorWire connectStream(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, CONNECT_TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            return new FloorWire.Streams(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private FloorWire connectChannel(InetSocketAddress address) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.socket().setTcpNoDelay(true);
            ch.socket().connect(address, CONNECT_TIMEOUT_MILLIS);
            return wrap(ch);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** A connected channel (the echo server's accepted ones) with this mode's reads. */
    public FloorWire wrap(SocketChannel ch) throws IOException {
        if (this == STREAM) {
            throw new IllegalArgumentException("stream I/O wraps a Socket, not a SocketChannel");
        }
        ch.configureBlocking(this == CHANNEL);
        return new FloorWire.Channel(ch, this == SPIN);
    }
}
