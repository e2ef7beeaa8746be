package dev.tailgate.bench.net;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.EchoServer;
import dev.tailgate.bench.support.FloorIo;
import dev.tailgate.bench.support.FloorTransport;
import dev.tailgate.bench.support.FloorWire;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.LatencyBenchmark;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.SockperfFrame;
import dev.tailgate.bench.support.SwitchProperty;
import dev.tailgate.bench.support.ThreadPinning;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The network floor: one full TCP round trip over loopback, Java blocking-socket client ->
 * kernel -> Java echo server -> kernel -> client, with no Redis in the path.
 *
 * <p>Why: a Redis round trip is this floor plus Redis's own work. "Redis RTT minus the floor
 * for the same payload" is the part Redis and its client library add, and the only part a
 * Redis config change can move. The payloads are chosen for that subtraction: 14 bytes is
 * exactly a RESP {@code PING} ({@code *1\r\n$4\r\nPING\r\n}); 16, 64, 512 and 4096 match the
 * {@code valueBytes} of the GET/SET benchmarks (the echo carries the payload both ways, a
 * GET carries it one way, so the floor is an upper bound on the payload's share).
 *
 * <p>How: {@code Mode.SampleTime} in nanoseconds, one round trip per call. The echo server
 * starts in trial setup; its connection thread sits on {@code tailgate.cpu.server} (where
 * Redis sits, so the floor compares like with like) and the client thread holds an affinity
 * lock on a {@code tailgate.cpu.clients} CPU; both write pinning records. TCP_NODELAY on both
 * ends. JMH is closed-loop: a stall delays the next call instead of piling up requests, so
 * the tail here understates what independent arrivals would see (coordinated omission).
 *
 * <p>{@code transport} (default {@code tcp}): {@code tls} runs the same echo over TLS (JDK
 * provider both ends, a throwaway CA made with openssl at trial setup, hostname verified as a
 * Redis client does; the handshake is done before timing starts, so what is timed is the record
 * layer: encrypt, MAC, decrypt per round trip), {@code unix} over a Unix socket. The difference
 * to {@code tcp} at the same payload is what the transport costs or saves on this path
 * ({@link FloorTransport}).
 *
 * <p>Switches (system properties of the benchmark JVM; benchmarks/README.md and
 * docs/performance.md say what each one is for):
 * {@code tailgate.io} the client's {@link FloorIo} (shared with the raw RESP benchmarks; default
 * {@code channel}),
 * {@code tailgate.echo.io} the echo server's, {@value #FRAMING} {@code raw|sockperf} (sockperf's
 * message header in the payload, so the round trip is one sockperf ping-pong) and
 * {@value #TARGET} {@code host:port} (measure against an external echo server, e.g.
 * {@code sockperf sr}, instead of starting one); the others default to the behaviour before they
 * existed. They apply to {@code transport=tcp}; over TLS and a Unix socket the floor has socket
 * streams ({@link FloorIo#forPath}), raw framing and its own echo server only.
 *
 * <p>Needs: loopback TCP only (openssl for tls); no Redis. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar TcpPingPong -f 1 -wi 1 -i 2 -r 1s -p transport=tcp,tls,unix}
 */
public class TcpPingPongBenchmark extends LatencyBenchmark {
    /** {@code raw} (default) or {@code sockperf}: what the payload and the echo server speak. */
    public static final String FRAMING = "tailgate.floor.framing";
    /** {@code host:port} of an external echo server; unset = start tailgate's own. */
    public static final String TARGET = "tailgate.floor.target";

    /** The echo server, one per trial, shared by all client threads (none with an external target). */
    @State(Scope.Benchmark)
    public static class Server {
        @Param({"tcp"})
        public String transport;

        EchoServer echo;
        FloorTransport secured;
        InetSocketAddress address;
        EchoServer.Framing framing;

        @Setup(Level.Trial)
        public void start(BenchmarkParams params) {
            ForkArms.requireOneArm(params.getBenchmark());
            framing = SwitchProperty.read(System::getProperty, FRAMING, EchoServer.Framing.RAW);
            String target = System.getProperty(TARGET, "").strip();
            FloorIo echoIo = SwitchProperty.read(System::getProperty, EchoServer.IO_PROPERTY, FloorIo.STREAM);
            BenchConfig cfg = BenchConfig.fromSystemProperties();
            BenchId id = BenchId.of(params);
            if (!transport.strip().equalsIgnoreCase("tcp")) {
                FloorIo.fromSystemProperties(false, "the floor over transport=" + transport);
                if (!target.isEmpty() || framing != EchoServer.Framing.RAW || echoIo != FloorIo.STREAM) {
                    throw new IllegalArgumentException("transport=" + transport + ": the floor over TLS or a Unix socket"
                            + " has socket streams, raw framing and its own echo server only; leave "
                            + EchoServer.IO_PROPERTY + ", " + FRAMING + " and " + TARGET + " unset");
                }
                secured = FloorTransport.start(transport, () -> ThreadPinning.pinServer(cfg, id, PinRole.ECHO_SERVER));
                return;
            }
            if (!target.isEmpty()) {
                address = target(target);
                return;
            }
            echo = EchoServer.startPinned(cfg, id, echoIo, framing);
            address = echo.address();
        }

        @TearDown(Level.Trial)
        public void stop() {
            if (echo != null) {
                echo.close();
            }
            if (secured != null) {
                secured.close();
            }
        }
    }

    /** {@code host:port}, or one line naming the property and what it expected. */
    static InetSocketAddress target(String text) {
        int colon = text.lastIndexOf(':');
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (colon > 0 && port >= 1 && port <= 65535) {
                return new InetSocketAddress(text.substring(0, colon), port);
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException(TARGET + ": expected host:port with a port in 1..65535, got \"" + text + "\"");
    }

    /** One pinned client thread with its own connection to the echo server. */
    @State(Scope.Thread)
    public static class Client {
        @Param({"14", "16", "64", "512", "4096"})
        public int payloadBytes;

        PinnedThread pin;
        FloorWire wire;
        byte[] payload;
        byte[] reply;

        @Setup(Level.Trial)
        public void connect(Server server, BenchmarkParams params) {
            pin = ThreadPinning.pinClient(BenchConfig.fromSystemProperties(), BenchId.of(params), null);
            try {
                payload = payload(payloadBytes, server.framing);
                reply = new byte[payloadBytes];
                wire = server.secured != null ? new FloorWire.Streams(server.secured.connect())
                        : FloorIo.fromSystemProperties().connect(server.address);
            } catch (IOException e) {
                pin.close();
                throw new UncheckedIOException("cannot connect to the echo server over " + server.secured.kind(), e);
            } catch (RuntimeException e) {
                pin.close();
                throw e;
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            try {
                wire.close();
            } finally {
                pin.close();
            }
        }
    }

    /** Seeded random bytes, or one sockperf ping-pong request of that many bytes in all. */
    static byte[] payload(int bytes, EchoServer.Framing framing) {
        if (framing == EchoServer.Framing.SOCKPERF) {
            return SockperfFrame.request(bytes, 1);
        }
        byte[] p = new byte[bytes];
        new SplittableRandom(0x7A11_6A7EL).nextBytes(p);
        return p;
    }

    /** Sends the payload and returns once every byte of it has come back. */
    @Benchmark
    public byte roundTrip(Client c) throws IOException {
        return roundTrip(c.wire, c.payload, c.reply);
    }

    /** One round trip on {@code wire}; public for the tests that check each transport's echo. */
    public static byte roundTrip(FloorWire wire, byte[] payload, byte[] reply) throws IOException {
        wire.send(payload, 0, payload.length);
        int got = 0;
        while (got < reply.length) {
            int n = wire.receive(reply, got, reply.length - got);
            if (n < 0) {
                throw new EOFException("echo server closed the connection after " + got + " of " + reply.length + " bytes");
            }
            got += n;
        }
        return reply[reply.length - 1];
    }
}
