package dev.tailgate.bench.net;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.FloorTransport;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.LatencyBenchmark;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinnedThread;
import dev.tailgate.bench.support.ThreadPinning;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
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
 * <p>Needs: loopback TCP only (openssl for tls); no Redis. Run alone:
 * {@code java -jar benchmarks/target/benchmarks.jar TcpPingPong -f 1 -wi 1 -i 2 -r 1s -p transport=tcp,tls,unix}
 */
public class TcpPingPongBenchmark extends LatencyBenchmark {

    /** The echo server, one per trial, shared by all client threads. */
    @State(Scope.Benchmark)
    public static class Server {
        @Param({"tcp"})
        public String transport;

        FloorTransport echo;

        @Setup(Level.Trial)
        public void start(BenchmarkParams params) {
            ForkArms.requireOneArm(params.getBenchmark());
            BenchConfig cfg = BenchConfig.fromSystemProperties();
            BenchId id = BenchId.of(params);
            echo = FloorTransport.start(transport, () -> ThreadPinning.pinServer(cfg, id, PinRole.ECHO_SERVER));
        }

        @TearDown(Level.Trial)
        public void stop() {
            echo.close();
        }
    }

    /** One pinned client thread with its own connection to the echo server. */
    @State(Scope.Thread)
    public static class Client {
        @Param({"14", "16", "64", "512", "4096"})
        public int payloadBytes;

        PinnedThread pin;
        Socket socket;
        OutputStream out;
        InputStream in;
        byte[] payload;
        byte[] reply;

        @Setup(Level.Trial)
        public void connect(Server server, BenchmarkParams params) {
            pin = ThreadPinning.pinClient(BenchConfig.fromSystemProperties(), BenchId.of(params), null);
            payload = new byte[payloadBytes];
            new SplittableRandom(0x7A11_6A7EL).nextBytes(payload);
            reply = new byte[payloadBytes];
            try {
                socket = server.echo.connect();
                out = socket.getOutputStream();
                in = socket.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to the echo server over " + server.echo.kind(), e);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            try {
                socket.close();
            } finally {
                pin.close();
            }
        }
    }

    /** Sends the payload and returns once every byte of it has come back. */
    @Benchmark
    public byte roundTrip(Client c) throws IOException {
        c.out.write(c.payload);
        int got = 0;
        while (got < c.reply.length) {
            int n = c.in.read(c.reply, got, c.reply.length - got);
            if (n < 0) {
                throw new EOFException("echo server closed the connection after " + got + " of " + c.reply.length + " bytes");
            }
            got += n;
        }
        return c.reply[c.reply.length - 1];
    }
}
